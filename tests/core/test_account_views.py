"""Settings → Your data: the download and the account deletion."""

from __future__ import annotations

import io
import json
import zipfile

from pmpath.accounts.models import User
from pmpath.network.models import Contact
from tests.conftest import PASSWORD
from tests.network.factories import make_contact


def test_the_settings_page_offers_the_download_and_the_deletion(alice_client):
    page = alice_client.get("/accounts/settings/").content.decode()
    assert 'href="/accounts/settings/export/"' in page
    assert 'href="/accounts/settings/delete/"' in page


def test_alice_downloads_her_own_data_and_nobody_elses(alice, alice_client, bob):
    make_contact(alice, first_name="Ada", last_name="Mine")
    make_contact(bob, first_name="Bea", last_name="Theirs")
    response = alice_client.get("/accounts/settings/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="pmpath-alice-')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    document = json.loads(archive.read("account.json"))
    assert document["user"]["username"] == "alice"
    names = [row["fields"]["last_name"] for row in document["records"]["network.Contact"]]
    assert names == ["Mine"]


def test_charlie_gets_no_export_and_no_deletion_page(charlie_client):
    for url in ("/accounts/settings/export/", "/accounts/settings/delete/"):
        response = charlie_client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_wrong_password_deletes_nothing(alice, alice_client):
    response = alice_client.post(
        "/accounts/settings/delete/", {"password": "not it at all", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_without_the_confirmation_box_nothing_is_deleted(alice, alice_client):
    alice_client.post("/accounts/settings/delete/", {"password": PASSWORD})
    assert User.objects.filter(pk=alice.pk).exists()


def test_alice_deletes_her_account_and_bob_keeps_his(
    alice, alice_client, bob, django_capture_on_commit_callbacks
):
    make_contact(alice, first_name="Ada", last_name="Gone")
    kept = make_contact(bob, first_name="Bea", last_name="Kept")
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            "/accounts/settings/delete/", {"password": PASSWORD, "confirm": "on"}
        )
    assert response.status_code == 302 and response["Location"] == "/"
    assert not User.objects.filter(username="alice").exists()
    assert list(Contact.objects.values_list("pk", flat=True)) == [kept.pk]
    assert alice_client.get("/accounts/settings/").status_code == 302  # signed out
