"""Nothing of accounts is in the Django admin: accounts are managed on /instance/ (counts only,
deactivate, make admin) and with `pmpath users`. The Django admin holds catalogue models only,
never a candidate's records (tests/accounts/test_admin_content.py)."""
