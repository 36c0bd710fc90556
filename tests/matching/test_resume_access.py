"""Alice owns her resume and versions; Bob (another user) and Charlie (anonymous) can neither
read nor change them."""

from __future__ import annotations

from typing import Any

import pytest

from pmpath.matching.models import Resume, ResumeVersion
from tests.matching.resume_factories import full, make_resume, make_versions

RESUME = "/matching/resume/"


@pytest.fixture
def alices_version(alice: Any) -> ResumeVersion:
    make_resume(alice)
    make_versions(alice, 1)
    return ResumeVersion.objects.get(user=alice)


def _version_urls(pk: int) -> list[str]:
    base = f"{RESUME}versions/{pk}/"
    return [base, f"{base}edit/", f"{base}delete/", f"{base}export.json", f"{base}export.pdf",
            f"{base}export.html"]  # fmt: skip


def test_alice_reaches_every_route_of_her_version(alice_client: Any, alices_version: Any) -> None:
    for url in _version_urls(alices_version.pk):
        assert alice_client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_get_404_on_reading_alice_s_version(
    request: Any, who: str, alices_version: Any
) -> None:
    client = request.getfixturevalue(who)
    for url in _version_urls(alices_version.pk):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_get_404_on_changing_alice_s_version(
    request: Any, who: str, alices_version: Any
) -> None:
    client = request.getfixturevalue(who)
    base = f"{RESUME}versions/{alices_version.pk}/"
    edit = {"name": "Taken", "posting": "", "document": "{}"}
    assert client.post(f"{base}edit/", edit).status_code == 404
    assert client.post(f"{base}delete/").status_code == 404
    alices_version.refresh_from_db()
    assert alices_version.name == "Version 1" and alices_version.data == full()


def test_bob_s_resume_pages_show_only_his_own_data(bob_client: Any, alice: Any, bob: Any) -> None:
    make_resume(alice)
    page = bob_client.get(RESUME).content.decode()
    assert "Maya Okafor" not in page and "Start your resume" in page
    assert bob_client.get(f"{RESUME}work/0/").status_code == 404
    assert b"Maya" not in bob_client.get(f"{RESUME}json/").content
    assert bob_client.get(f"{RESUME}export.json")["Location"] == RESUME


def test_bob_s_writes_change_only_his_resume(bob_client: Any, alice: Any, bob: Any) -> None:
    make_resume(alice)
    bob_client.post(f"{RESUME}work/0/delete/")
    bob_client.post(f"{RESUME}work/new/", {"position": "Bob's job"})
    bob_client.post(f"{RESUME}languages/1/move/", {"direction": "up"})
    assert Resume.objects.get(user=alice).data == full()
    assert Resume.objects.get(user=bob).data == {"work": [{"position": "Bob's job"}]}


def test_bob_cannot_tailor_a_version_for_alice_s_posting(
    bob_client: Any, alice: Any, bob: Any
) -> None:
    from tests.jobs.factories import make_posting

    posting = make_posting(alice, title="Alice's secret posting")
    make_resume(bob)
    response = bob_client.post(f"{RESUME}versions/new/", {"name": "Sneaky", "posting": posting.pk})
    assert response.status_code == 200  # not one of Bob's choices: the form refuses it
    assert not ResumeVersion.objects.exists()
    form = bob_client.get(f"{RESUME}versions/new/?posting={posting.pk}").content.decode()
    assert "secret posting" not in form


@pytest.mark.parametrize(
    "url",
    [RESUME, f"{RESUME}basics/", f"{RESUME}json/", f"{RESUME}import/", f"{RESUME}draft/",
     f"{RESUME}versions/", f"{RESUME}versions/new/", f"{RESUME}export.json",
     f"{RESUME}work/new/", f"{RESUME}work/0/"],
)  # fmt: skip
def test_charlie_is_sent_to_log_in_from_every_page_and_sees_nothing(
    charlie_client: Any, alice: Any, url: str
) -> None:
    make_resume(alice)
    response = charlie_client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_charlie_s_posts_change_nothing(charlie_client: Any, alice: Any) -> None:
    make_resume(alice)
    for url in (f"{RESUME}work/0/delete/", f"{RESUME}import/", f"{RESUME}draft/discard/",
                f"{RESUME}json/"):  # fmt: skip
        assert charlie_client.post(url, {"document": "{}"}).status_code == 302
    assert Resume.objects.get(user=alice).data == full()


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_cannot_trim_or_reorder_alice_s_version(
    request: Any, who: str, alices_version: Any
) -> None:
    client = request.getfixturevalue(who)
    base = f"{RESUME}versions/{alices_version.pk}/"
    assert client.post(f"{base}work/0/delete/").status_code == 404
    assert client.post(f"{base}work/1/move/", {"direction": "up"}).status_code == 404
    alices_version.refresh_from_db()
    assert alices_version.data == full()
