"""Isolation, enumerated: every URL pattern and API route that takes an object id is tried
with alice's real objects by bob (another signed-in user, with an API token for the API) and
charlie (anonymous), on read and on write. Bob and charlie get 404 (or 405 where the method is
not served; charlie gets the API's 401 before any lookup). A route that takes an id and cannot
be given one of alice's objects fails the test: register a page for it in its app's bench.py,
or declare its ids with `registry.object_ids`.

Alice's objects come from the same generators that build the benchmark's heavy user, at a
small scale, so every area has data without a second set of factories."""

from __future__ import annotations

import random
import re

import pytest
from django.test import Client
from django.urls import resolve, reverse

from pmpath.accounts.services import create_token
from pmpath.bench import registry
from tests.routes import routes

# Routes whose parameter is a capability (a secret in the link), not an object id: whoever
# holds the link is meant to get in. Each has its own tests.
CAPABILITIES = {
    "portfolio_public": "a public portfolio link the owner hands out and can revoke",
    "jobs:calendar_feed": "an iCalendar subscription URL with its own secret, revocable",
    "coach:unsubscribe": "a signed one-click unsubscribe link from the weekly digest",
    "public_portfolio:image": "an image inside a public portfolio link",
}
# Routes whose id names a catalogue row everyone shares (the question bank), not a person's.
CATALOGUE = {
    "interview:question": "a question of the shared bank",
    "interview:practice": "practising a shared question (the answer is the visitor's own)",
    "interview:practice_draft": "saving one's own draft answer to a shared question",
}
OBJECT_ID = re.compile(r"<int:(pk|id|\w+_id)>")


def object_routes() -> dict[str, str]:
    """Routes with an integer id parameter (pk, id, something_id): they name one stored object.
    (A position within one's own record, like a resume's third job, is not an id.)"""
    return {
        name: route
        for name, route in routes()
        if OBJECT_ID.search(route) and name not in CAPABILITIES and name not in CATALOGUE
    }


def _page_kwargs(user) -> dict[str, tuple[str, dict]]:
    """url name → (route, kwargs) for every registered page, with alice's ids."""
    found = {}
    patterns = dict(routes())
    for page in registry.PAGES.values():
        if page.url_name not in patterns or "<int:" not in patterns[page.url_name]:
            continue
        path = page.path(user).split("?", 1)[0]
        match = resolve(path)
        found[page.url_name] = (patterns[page.url_name], dict(match.kwargs))
    return found


def _params(route: str) -> list[str]:
    return re.findall(r"<int:(\w+)>", route)


def _kwargs_for(name: str, route: str, pages: dict, user) -> dict | None:
    if name in pages:
        return pages[name][1]
    declared = registry.OBJECT_IDS.get(name)
    if declared is not None:
        return declared(user)
    # A route under a page's route with the same ids (…/<pk>/delete/ under …/<pk>/).
    params = _params(route)
    best = None
    for page_route, kwargs in pages.values():
        stem = page_route.rstrip("/")
        under = route.startswith(stem) and _params(page_route) == params
        if under and (best is None or len(page_route) > len(best[0])):
            best = (page_route, kwargs)
    return {k: best[1][k] for k in params} if best else None


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from pmpath.accounts.models import SignupInvitation, User
    from pmpath.core.knowledge import run_seeds

    with django_db_blocker.unblock():
        # The shipped knowledge base, as the session began with it: a transactional test run
        # earlier may have flushed or changed it.
        run_seeds(force=True)
        # Committed for the whole module; removed afterwards with everything the generators
        # made (other accounts included), so later tests see an empty instance again.
        users_before = User.objects.order_by("-id").values_list("id", flat=True).first() or 0
        invitations_before = (
            SignupInvitation.objects.order_by("-id").values_list("id", flat=True).first() or 0
        )
        alice = User.objects.create_user("iso-alice", password="x" * 12)
        bob = User.objects.create_user("iso-bob", password="x" * 12)
        registry.discover()
        rng = random.Random(7)
        for entry in sorted(registry.GENERATORS.values(), key=lambda g: (g.order, g.name)):
            entry.run(alice, rng, 0.002)
        _, bob_token = create_token(bob, name="isolation")
        pages = _page_kwargs(alice)
        yield alice, bob, bob_token, pages
        SignupInvitation.objects.filter(id__gt=invitations_before).delete()
        User.objects.filter(id__gt=users_before).delete()


def test_every_object_route_can_be_given_one_of_alices_objects(world):
    alice, _, _, pages = world
    missing = sorted(
        name
        for name, route in object_routes().items()
        if _kwargs_for(name, route, pages, alice) is None
    )
    assert not missing, (
        "these routes take an object id but no test can give them one of alice's objects: "
        f"register a page in the app's bench.py or declare registry.object_ids(...): {missing}"
    )


CASES = sorted(object_routes().items())


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), CASES, ids=[name for name, _ in CASES])
def test_bob_and_charlie_get_404_on_alices_object(world, name, route):
    alice, bob, bob_token, pages = world
    kwargs = _kwargs_for(name, route, pages, alice)
    if kwargs is None:
        pytest.fail(f"{name}: no object of alice's to try (see the test above)")
    ids = {k: v for k, v in kwargs.items() if k == "pk" or k == "id" or k.endswith("_id")}
    assert all(ids.values()), f"{name}: alice has no such object {kwargs}"
    url = reverse(name, kwargs=kwargs)
    # The same request for an id nobody has: bob's answer for alice's object must not differ
    # from it (a 400 for a missing form field, say, is given before any lookup).
    nobody = reverse(name, kwargs={k: (999_999_999 if k in ids else v) for k, v in kwargs.items()})
    api = name.startswith("api:")
    bob_client = Client(HTTP_HOST="127.0.0.1")
    headers = {}
    if api:
        headers = {"Authorization": f"Bearer {bob_token}"}
    else:
        bob_client.force_login(bob)
    charlie = Client(HTTP_HOST="127.0.0.1")
    methods = ("get", "post", "put", "delete") if api else ("get", "post")
    for method in methods:
        send = getattr(bob_client, method)
        status = send(url, headers=headers).status_code
        if status in (400, 422):
            assert status == send(nobody, headers=headers).status_code, (
                f"bob {method.upper()} {url} ({name}) answered {status}, unlike a missing id"
            )
        else:
            assert status in (404, 405), f"bob {method.upper()} {url} ({name}) answered {status}"
        status = getattr(charlie, method)(url).status_code
        allowed = (401, 404, 405) if api else (404, 405)
        if status in (400, 422):
            assert status == getattr(charlie, method)(nobody).status_code
        else:
            assert status in allowed, f"charlie {method.upper()} {url} ({name}) answered {status}"
    if name in pages and not api:
        owner = Client(HTTP_HOST="127.0.0.1")
        owner.force_login(alice)
        status = owner.get(url).status_code
        assert status == 200, f"alice GET {url} ({name}) answered {status}: not her object?"
