"""The public link: the published portfolio, read-only, for whoever holds the right token."""

import pytest
from django.urls import reverse

from pmpath.portfolio.models import PublicLink
from pmpath.portfolio.services import create_public_link, revoke_public_link
from tests.perf import assert_constant_queries
from tests.portfolio.factories import make_case, make_cases, make_image


@pytest.fixture
def shared(alice):
    shown = make_case(alice, title="Helping sellers publish")
    hidden = make_case(alice, title="Unannounced pricing work", published=False)
    return {
        "link": create_public_link(alice),
        "shown": shown,
        "hidden": hidden,
        "image": make_image(alice, shown),
        "hidden_image": make_image(alice, hidden),
    }


def public(name, link, *args):
    return reverse(f"public_portfolio:{name}", args=[link.token, *args])


def test_anyone_with_the_link_reads_the_published_case_studies(shared, charlie_client):
    link, shown = shared["link"], shared["shown"]
    index = charlie_client.get(public("index", link))
    assert index.status_code == 200
    body = index.content.decode()
    assert "Helping sellers publish" in body and "Unannounced pricing work" not in body
    assert public("case_study", link, shown.slug) in body
    assert (
        index["X-Robots-Tag"] == "noindex, nofollow"
        and "default-src 'none'" in index["Content-Security-Policy"]
    )
    page = charlie_client.get(public("case_study", link, shown.slug)).content.decode()
    assert "Sellers publishing within 7 days" in page
    assert public("image", link, shared["image"].pk) in page
    image = charlie_client.get(public("image", link, shared["image"].pk))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert PublicLink.objects.get(pk=link.pk).views == 1


def test_unpublished_case_studies_and_their_images_are_never_shown(shared, charlie_client):
    link = shared["link"]
    assert charlie_client.get(public("case_study", link, shared["hidden"].slug)).status_code == 404
    assert charlie_client.get(public("image", link, shared["hidden_image"].pk)).status_code == 404


def test_a_wrong_or_revoked_token_is_a_404(alice, shared, charlie_client):
    link, shown = shared["link"], shared["shown"]
    wrong = link.token[:-1] + ("A" if link.token[-1] != "A" else "B")
    for url in ("/p/{}/", f"/p/{{}}/{shown.slug}/", f"/p/{{}}/images/{shared['image'].pk}/"):
        assert charlie_client.get(url.format(wrong)).status_code == 404
    revoke_public_link(alice, link_id=link.pk)
    assert charlie_client.get(public("index", link)).status_code == 404
    assert charlie_client.get(public("case_study", link, shown.slug)).status_code == 404
    assert charlie_client.get(public("image", link, shared["image"].pk)).status_code == 404


def test_one_users_token_shows_none_of_another_users_case_studies_or_images(
    shared, bob, charlie_client
):
    bobs = make_case(bob, title="Bobs private work")
    bobs_image = make_image(bob, bobs)
    link = shared["link"]
    assert charlie_client.get(public("case_study", link, bobs.slug)).status_code in (200, 404)
    body = charlie_client.get(f"/p/{link.token}/{bobs.slug}/").content.decode()
    assert "Bobs private work" not in body
    assert charlie_client.get(public("image", link, bobs_image.pk)).status_code == 404


def test_the_link_is_made_and_revoked_from_the_index(alice, alice_client):
    alice_client.post(reverse("portfolio:link_create"))
    link = PublicLink.objects.get(user=alice)
    body = alice_client.get(reverse("portfolio:index")).content.decode()
    assert f"/p/{link.token}/" in body and "Revoke the link" in body
    alice_client.post(reverse("portfolio:link_revoke", args=[link.pk]))
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "Create a public link" in alice_client.get(reverse("portfolio:index")).content.decode()


def test_the_public_index_query_count_does_not_grow(alice, shared, charlie_client):
    assert_constant_queries(
        charlie_client,
        public("index", shared["link"]),
        lambda n: make_cases(alice, n),
        small=5,
        large=100,
    )
