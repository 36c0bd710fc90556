"""The import page and the exports, as alice (owner), bob (another user) and charlie
(anonymous) see them."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from pmpath.network.importers import vcard
from pmpath.network.models import Contact, ImportRun
from tests.network.factories import make_contact
from tests.perf import assert_constant_queries

FIXTURES = Path(__file__).parent / "importers" / "fixtures"


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (FIXTURES / name).read_bytes())


def test_the_page_offers_an_upload_the_template_and_the_exports(alice_client):
    response = alice_client.get("/network/import/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'enctype="multipart/form-data"' in text
    assert "/network/import/template.csv" in text
    assert "/network/export.csv" in text and "/network/export.vcf" in text
    assert "No imports yet." in text
    assert 'aria-current="page">Import</a>' in text  # in the Network subnav


def test_uploading_a_linkedin_csv_shows_the_counts_and_the_problems_by_row(alice_client, alice):
    response = alice_client.post("/network/import/", {"file": upload("Connections.csv")})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Imported Connections.csv" in text
    assert "This is not an e-mail address; ignored." in text
    assert "<td>Email Address</td>" in text and '<td class="num">11</td>' in text
    assert "The row has no name (a hidden or closed profile)." in text
    assert Contact.objects.owned_by(alice).count() == 6
    assert "Earlier imports" in text and "LinkedIn export" in text


def test_uploading_the_same_file_again_says_nothing_changed(alice_client, alice):
    alice_client.post("/network/import/", {"file": upload("Connections.csv")})
    response = alice_client.post("/network/import/", {"file": upload("Connections.csv")})
    assert "Nothing new" in response.content.decode()
    forced = alice_client.post(
        "/network/import/", {"file": upload("Connections.csv"), "again": "on"}
    )
    counts = '<td class="num">0</td><td class="num">0</td><td class="num">6</td>'
    assert counts in forced.content.decode()  # none added, none updated, six unchanged
    assert Contact.objects.owned_by(alice).count() == 6


def test_a_csv_that_is_not_an_export_is_refused_with_the_headers_expected(alice_client, alice):
    response = alice_client.post("/network/import/", {"file": upload("not_linkedin.csv")})
    text = response.content.decode()
    assert "not_linkedin.csv: this is neither a LinkedIn export nor a contacts file" in text
    assert "First Name, Last Name, URL, Email Address, Company, Position, Connected On" in text
    assert 'aria-invalid="true"' in text
    assert Contact.objects.owned_by(alice).count() == 0
    assert not ImportRun.objects.exists()


def test_a_file_over_the_limit_gets_a_size_message(alice_client, monkeypatch):
    from pmpath.network import import_forms

    monkeypatch.setattr(import_forms, "MAX_UPLOAD_BYTES", 100)
    response = alice_client.post("/network/import/", {"file": upload("Connections.csv")})
    assert "Connections.csv is 987 bytes; the limit is 100 bytes." in response.content.decode()
    assert not Contact.objects.exists()


def test_a_vcard_and_a_contacts_csv_upload_too(alice_client, alice):
    alice_client.post("/network/import/", {"file": upload("contacts.vcf")})
    alice_client.post("/network/import/", {"file": upload("contacts_google.csv")})
    assert set(Contact.objects.owned_by(alice).values_list("source", flat=True)) == {"vcard", "csv"}


def test_bobs_import_never_touches_alices_data(alice_client, bob_client, alice, bob):
    alice_client.post("/network/import/", {"file": upload("Connections.csv")})
    alice_rows = list(Contact.objects.owned_by(alice).order_by("id").values_list())
    response = bob_client.post("/network/import/", {"file": upload("Connections.csv")})
    assert "Imported Connections.csv" in response.content.decode()  # not "already imported"
    assert list(Contact.objects.owned_by(alice).order_by("id").values_list()) == alice_rows
    assert Contact.objects.owned_by(bob).count() == 6
    page = bob_client.get("/network/import/").content.decode()
    assert page.count("Connections.csv <small") == 1  # only bob's own run in his history


def test_charlie_is_sent_to_log_in_for_the_page_the_template_and_the_exports(charlie_client):
    for url in ["/network/import/", "/network/import/template.csv", "/network/export.csv",
                "/network/export.vcf"]:  # fmt: skip
        response = charlie_client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    response = charlie_client.post("/network/import/", {"file": upload("Connections.csv")})
    assert response.status_code == 302
    assert not Contact.objects.exists()


def test_the_exports_hold_only_the_users_own_contacts(alice_client, alice, bob):
    make_contact(alice, first_name="Ada", last_name="Quill", email="ada@example.com")
    make_contact(bob, first_name="Bob's", last_name="Friend")
    csv = alice_client.get("/network/export.csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="pmpath-contacts.csv"' in csv["Content-Disposition"]
    assert "Ada,Quill,ada@example.com" in csv.content.decode()
    assert "Friend" not in csv.content.decode()
    vcf = alice_client.get("/network/export.vcf")
    assert vcf["Content-Type"] == "text/vcard; charset=utf-8"
    [card] = vcard.parse_vcards(vcf.content).contacts
    assert (card.first_name, card.last_name, card.email) == ("Ada", "Quill", "ada@example.com")


def test_the_template_downloads_and_imports_back(alice_client, alice):
    response = alice_client.get("/network/import/template.csv")
    assert response.content.startswith(b"first_name,last_name,email,")
    alice_client.post("/network/import/", {"file": upload("template.csv", response.content)})
    assert Contact.objects.owned_by(alice).get().first_name == "Priya"


def test_the_page_makes_the_same_queries_however_many_imports_there_were(alice_client, alice):
    def grow(n):
        existing = ImportRun.objects.owned_by(alice).count()
        ImportRun.objects.bulk_create(
            [
                ImportRun(user=alice, kind="csv", filename=f"f{i}.csv", checksum=str(i), summary="")
                for i in range(existing, n)
            ]
        )

    assert_constant_queries(alice_client, "/network/import/", grow, small=3, large=60)


def test_the_exports_make_the_same_queries_however_many_contacts(alice_client, alice):
    def grow(n):
        existing = Contact.objects.owned_by(alice).count()
        Contact.objects.bulk_create(
            [Contact(user=alice, first_name=f"P{i}") for i in range(existing, n)]
        )

    assert_constant_queries(alice_client, "/network/export.vcf", grow, small=5, large=300)
    assert_constant_queries(alice_client, "/network/export.csv", grow, small=5, large=300)
