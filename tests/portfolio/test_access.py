"""Every portfolio route with alice (owner), bob (another user) and charlie (anonymous), on
read and on write: bob and charlie get 404 for alice's objects, charlie is sent to log in for
pages that are not about one object."""

import pytest
from django.urls import reverse

from pmpath.portfolio.models import Attachment, CaseStudy, PublicLink
from pmpath.portfolio.services import create_public_link
from tests.portfolio.factories import GOOD, make_case, make_image


@pytest.fixture
def alices(alice):
    case = make_case(alice, title="Alices launch")
    return {"case": case, "image": make_image(alice, case), "link": create_public_link(alice)}


def object_routes(objects):
    case, image, link = objects["case"].pk, objects["image"].pk, objects["link"].pk
    return [
        ("get", reverse("portfolio:case_study", args=[case]), {}),
        ("get", reverse("portfolio:case_edit", args=[case]), {}),
        ("post", reverse("portfolio:case_edit", args=[case]), {**GOOD, "title": "Taken over"}),
        ("get", reverse("portfolio:case_delete", args=[case]), {}),
        ("post", reverse("portfolio:case_delete", args=[case]), {}),
        ("post", reverse("portfolio:case_publish", args=[case]), {"published": "0"}),
        ("post", reverse("portfolio:case_move", args=[case]), {"direction": "down"}),
        ("post", reverse("portfolio:case_reorder"), {"case": [case]}),
        ("post", reverse("portfolio:attachment_add", args=[case]), {}),
        ("get", reverse("portfolio:attachment", args=[image]), {}),
        (
            "post",
            reverse("portfolio:attachment_update", args=[image]),
            {"caption": "x", "alt": "x"},
        ),
        ("post", reverse("portfolio:attachment_delete", args=[image]), {}),
        ("post", reverse("portfolio:link_revoke", args=[link]), {}),
    ]


def unchanged(objects):
    case = CaseStudy.objects.get(pk=objects["case"].pk)
    image = Attachment.objects.get(pk=objects["image"].pk)
    link = PublicLink.objects.get(pk=objects["link"].pk)
    return (
        case.title == "Alices launch"
        and case.published
        and image.caption == "The funnel"
        and link.revoked_at is None
    )


def test_alice_reaches_every_route_of_her_own(alices, alice_client):
    for method, url, data in object_routes(alices):
        if method == "get":
            assert getattr(alice_client, method)(url, data).status_code == 200, url


def test_bob_gets_404_for_alices_objects_on_read_and_write(alices, bob_client):
    for method, url, data in object_routes(alices):
        response = getattr(bob_client, method)(url, data)
        assert response.status_code == 404, f"{method} {url} answered {response.status_code}"
    assert unchanged(alices)


def test_charlie_gets_404_for_alices_objects_on_read_and_write(alices, charlie_client):
    for method, url, data in object_routes(alices):
        response = getattr(charlie_client, method)(url, data)
        assert response.status_code == 404, f"{method} {url} answered {response.status_code}"
    assert unchanged(alices)


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "portfolio:index"),
        ("get", "portfolio:case_new"),
        ("post", "portfolio:case_new"),
        ("get", "portfolio:export_site"),
        ("get", "portfolio:export_pdf"),
        ("post", "portfolio:link_create"),
    ],
)
def test_charlie_is_sent_to_log_in_for_the_portfolios_pages(charlie_client, method, name):
    response = getattr(charlie_client, method)(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )
    assert not CaseStudy.objects.exists() and not PublicLink.objects.exists()


def test_bobs_index_and_exports_hold_nothing_of_alices(alices, bob, bob_client):
    make_case(bob, title="Bobs own work")
    index = bob_client.get(reverse("portfolio:index")).content.decode()
    assert "Bobs own work" in index and "Alices launch" not in index
    site = bob_client.get(reverse("portfolio:export_site"))
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(site.content))
    text = " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    assert "Bobs own work" in text and "Alices launch" not in text
    assert not [n for n in archive.namelist() if n.startswith("images/")]
