"""Accounts: heavy-user data and pages for the benchmark."""

import random
from typing import Any

from pmpath.accounts.services import create_token
from pmpath.bench.registry import Page, generator, not_pages, page


@generator("accounts.tokens", order=20)
def tokens(user: Any, rng: random.Random, scale: float) -> str:
    count = max(1, round(25 * scale))
    for index in range(count):
        create_token(user, name=f"script {index + 1}")
    return f"{count} API tokens"


page(Page("settings", "accounts:settings", lambda u: "/accounts/settings/"))
page(Page("password change", "accounts:password_change", lambda u: "/accounts/password/"))
page(Page("log in (anonymous)", "accounts:login", lambda u: "/accounts/login/", auth="none"))
page(Page("sign up (anonymous)", "accounts:signup", lambda u: "/accounts/signup/", auth="none"))
not_pages("accounts:logout", "accounts:token_revoke")
