"""Every model change has its migration: a model edited without one would run in tests (which
build tables from the migrations) with an index or column the real database never gets."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as missing:  # --check exits 1 when a migration would be written
        if missing.code:
            pytest.fail(f"models changed without a migration:\n{out.getvalue()}")
