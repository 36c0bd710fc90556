"""Shared fixtures. The three people of every access test:
alice owns the data, bob is another signed-in user, charlie is an anonymous visitor."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pmpath.accounts.models import User

PASSWORD = "a long test password 42"


def pytest_addoption(parser: Any) -> None:
    parser.addoption("--e2e", action="store_true", help="run the browser tests (tests/e2e)")


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if config.getoption("--e2e"):
        return
    skip = pytest.mark.skip(reason="browser test: run with --e2e (make e2e)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Load the shipped knowledge base once into the test database."""
    from pmpath.core.knowledge import run_seeds

    with django_db_blocker.unblock():
        run_seeds(force=True)


def make_user(username: str, **extra: Any) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.test", password=PASSWORD, **extra
    )
    return user


def onboard(user: User, **values: Any) -> Any:
    from pmpath.career.services import save_profile

    defaults = {"background": "engineering", "target_level": "pm", "display_name": user.username}
    return save_profile(user, **{**defaults, **values})


@pytest.fixture
def alice(db: Any) -> User:
    return make_user("alice")


@pytest.fixture
def bob(db: Any) -> User:
    return make_user("bob")


@pytest.fixture
def alice_client(alice: User) -> Client:
    onboard(alice)
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob: User) -> Client:
    onboard(bob)
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def charlie_client(db: Any) -> Client:
    return Client()


@pytest.fixture(autouse=True)
def _fresh_knowledge_cache() -> None:
    """Each test reads the knowledge base from its own database state."""
    from pmpath.core.memo import knowledge

    knowledge.clear()
