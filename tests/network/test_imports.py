"""Storing imports: atomic, idempotent, newer exports add only what is new, companies linked,
stay-in-touch dates kept right, one user's import never touching another's data."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.db import IntegrityError

from pmpath.jobs.models import Company
from pmpath.network import contact_queries, imports, services
from pmpath.network.importers.base import ImportProblem
from pmpath.network.models import Contact, ImportRun, Interaction, Position, Tag
from tests.network.factories import make_contact

FIXTURES = Path(__file__).parent / "importers" / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def export_zip(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name.replace("_", "."), content)
    return buffer.getvalue()


def full_export() -> bytes:
    return export_zip(
        Connections_csv=fixture("Connections.csv"),
        messages_csv=fixture("messages.csv"),
        Invitations_csv=fixture("Invitations.csv"),
        Profile_csv=fixture("Profile.csv"),
    )


def state(user) -> tuple:
    """Everything an import may change, to compare before and after."""
    contacts = list(
        Contact.objects.owned_by(user)
        .order_by("id")
        .values_list(
            "id", "first_name", "last_name", "company_id", "company_name", "role", "email",
            "phone", "linkedin_key", "notes", "strength", "cadence_days", "connected_on",
            "last_touched_on", "next_due_on", "updated_at",
        )
    )  # fmt: skip
    interactions = list(
        Interaction.objects.owned_by(user)
        .order_by("id")
        .values_list("id", "contact_id", "occurred_on", "direction", "summary", "external_key")
    )
    positions = list(Position.objects.owned_by(user).order_by("id").values_list())
    tags = list(
        Contact.tags.through.objects.filter(contact__user=user)
        .order_by("id")
        .values_list("contact_id", "tag_id")
    )
    return contacts, interactions, positions, tags, Tag.objects.owned_by(user).count()


def test_a_full_export_imports_contacts_invitations_and_conversations(alice):
    report = imports.import_file(alice, filename="export.zip", data=full_export())
    assert report.headline == (
        "Connections.csv: 6 contacts added, 0 updated, 0 unchanged, 1 skipped; "
        "Invitations.csv: 2 interactions added, 0 updated, 0 unchanged, 2 skipped (1 new contact); "
        "messages.csv: 4 interactions added, 0 updated, 0 unchanged, 2 skipped."
    )
    contacts = {c.name: c for c in Contact.objects.owned_by(alice)}
    assert sorted(contacts) == [
        "Ada Quill", "Bram Okafor", "Chiara Lindqvist", "Dev Ramanathan", "Grace O'Neill",
        "Inès Dubois", "Jun Park",
    ]  # fmt: skip
    assert {c.source for c in contacts.values()} == {"linkedin"}
    assert contacts["Jun Park"].how_met == "I sent a connection request on LinkedIn"
    ada = contacts["Ada Quill"]
    assert ada.last_touched_on == date(2025, 12, 10)  # kept right by refresh_contacts
    days = list(ada.interactions.values_list("occurred_on", "direction", "channel"))
    assert days == [
        (date(2025, 12, 10), "inbound", "linkedin"),
        (date(2025, 12, 8), "outbound", "linkedin"),
        (date(2025, 11, 30), "inbound", "linkedin"),
    ]
    # The group conversation goes to the first person in it who is a contact.
    assert contacts["Chiara Lindqvist"].interactions.get().external_key == (
        "linkedin-msg:2-conv-group:2025-10-01"
    )
    stranger = [p for p in report.problems if p.file == "messages.csv" and p.row == 10]
    assert stranger[0].message == (
        "A conversation with Olu Mensah, who is not among your contacts."
    )
    run = ImportRun.objects.owned_by(alice).get()
    assert (run.kind, run.filename, run.added, run.updated) == ("linkedin", "export.zip", 13, 0)
    assert run.summary == report.headline


def test_contacts_link_to_the_users_own_companies_and_no_company_is_created(alice, bob):
    globex = Company.objects.create(user=alice, name="Globex")
    northwind = Company.objects.create(user=alice, name="Northwind Analytics Ltd")
    Company.objects.create(user=bob, name="Initech")
    before = Company.objects.count()
    imports.import_file(alice, filename="Connections.csv", data=fixture("Connections.csv"))
    linked = dict(Contact.objects.owned_by(alice).values_list("last_name", "company_id"))
    assert linked["Okafor"] == globex.pk  # "Globex, Inc."
    assert linked["Quill"] == northwind.pk
    assert linked["Lindqvist"] is None  # bob's Initech is not alice's
    assert Company.objects.count() == before


def test_importing_the_same_export_again_changes_nothing(alice):
    imports.import_file(alice, filename="export.zip", data=full_export())
    before = state(alice)
    again = imports.import_file(alice, filename="export.zip", data=full_export(), force=True)
    assert state(alice) == before
    assert not again.changed
    assert [f.line for f in again.files] == [
        "Connections.csv: 0 contacts added, 0 updated, 6 unchanged, 1 skipped",
        "Invitations.csv: 0 interactions added, 0 updated, 2 unchanged, 2 skipped",
        "messages.csv: 0 interactions added, 0 updated, 4 unchanged, 2 skipped",
    ]
    # The same files one at a time, as CSVs: still nothing new.
    for name in ("Connections.csv", "Invitations.csv", "messages.csv"):
        assert not imports.import_file(alice, filename=name, data=fixture(name)).changed
    assert state(alice) == before


def test_the_identical_file_is_recognised_and_skipped_quickly(alice):
    imports.import_file(alice, filename="Connections.csv", data=fixture("Connections.csv"))
    report = imports.import_file(alice, filename="copy.csv", data=fixture("Connections.csv"))
    assert report.repeat_of is not None
    assert report.headline.startswith("copy.csv was already imported on ")
    assert ImportRun.objects.owned_by(alice).count() == 1


def test_an_old_export_without_profile_addresses_is_idempotent_too(alice):
    imports.import_file(alice, filename="old.csv", data=fixture("Connections_old.csv"))
    before = state(alice)
    report = imports.import_file(
        alice, filename="old.csv", data=fixture("Connections_old.csv"), force=True
    )
    assert (report.files[0].added, report.files[0].unchanged) == (0, 2)
    assert state(alice) == before


def newer_connections() -> bytes:
    """The first export a few months on: Ada moved to Globex, Bram was promoted, Kofi is new."""
    text = fixture("Connections.csv").decode("utf-8-sig")
    text = text.replace(
        "ada.quill@example.com,Northwind Analytics,Senior Product Manager",
        "ada.quill@example.com,Globex,Group Product Manager",
    ).replace('"Director of Product, Payments"', "VP Product")
    text += "Kofi,Boateng,https://www.linkedin.com/in/kofi-boateng,,Hooli,Product Manager,"
    text += "02 Mar 2026\r\n"
    return text.encode()


def test_a_newer_export_adds_only_the_new_and_moves_people_who_changed_jobs(alice):
    northwind = Company.objects.create(user=alice, name="Northwind Analytics")
    globex = Company.objects.create(user=alice, name="Globex")
    imports.import_file(alice, filename="Connections.csv", data=fixture("Connections.csv"))
    ada = Contact.objects.owned_by(alice).get(last_name="Quill")
    untouched = Contact.objects.owned_by(alice).get(last_name="Dubois").updated_at
    report = imports.import_file(alice, filename="Connections.csv", data=newer_connections())
    assert report.files[0].line == (
        "Connections.csv: 1 contacts added, 2 updated, 4 unchanged, 1 skipped"
    )
    ada.refresh_from_db()
    assert (ada.company_id, ada.company_name, ada.role) == (
        globex.pk,
        "Globex",
        "Group Product Manager",
    )
    [former] = Position.objects.owned_by(alice).filter(contact=ada)
    assert (former.company_id, former.company_name, former.title) == (
        northwind.pk,
        "Northwind Analytics",
        "Senior Product Manager",
    )
    assert former.ended_on is not None
    # Bram kept his employer: a new title is not a move.
    assert not Position.objects.owned_by(alice).filter(contact__last_name="Okafor").exists()
    assert Contact.objects.owned_by(alice).get(last_name="Okafor").role == "VP Product"
    assert Contact.objects.owned_by(alice).get(last_name="Dubois").updated_at == untouched
    assert Contact.objects.owned_by(alice).filter(last_name="Boateng").count() == 1


def test_a_newer_messages_file_adds_only_the_new_days(alice):
    imports.import_file(alice, filename="export.zip", data=full_export())
    newer = fixture("messages.csv") + (
        b"2-conv-ada,,Ada Quill,https://www.linkedin.com/in/ada-quill-4b1a2c,Sam Rivera,"
        b"https://www.linkedin.com/in/sam-rivera-pm,2026-01-05 09:00:00 UTC,,Happy new year!,"
        b"INBOX,\r\n"
    )
    report = imports.import_file(alice, filename="messages.csv", data=newer)
    assert (report.files[0].added, report.files[0].unchanged) == (1, 4)
    ada = Contact.objects.owned_by(alice).get(last_name="Quill")
    assert ada.last_touched_on == date(2026, 1, 5)


def test_imported_interactions_reset_the_stay_in_touch_clock(alice):
    ada = make_contact(
        alice,
        first_name="Ada",
        last_name="Quill",
        linkedin_url="https://www.linkedin.com/in/ada-quill-4b1a2c",
        linkedin_key="in/ada-quill-4b1a2c",
        cadence_days=30,
    )
    services.refresh_contacts(alice, [ada.pk])
    imports.import_file(alice, filename="messages.csv", data=fixture("messages.csv"))
    ada.refresh_from_db()
    assert (ada.last_touched_on, ada.next_due_on) == (date(2025, 12, 10), date(2026, 1, 9))


def test_messages_from_the_oldest_vintage_match_contacts_by_name(alice):
    make_contact(alice, first_name="Elif", last_name="Torres", company_name="Hooli")
    report = imports.import_file(alice, filename="messages.csv", data=fixture("messages_old.csv"))
    assert report.files[0].added == 2
    elif_ = Contact.objects.owned_by(alice).get(last_name="Torres")
    assert list(elif_.interactions.values_list("direction", flat=True)) == ["outbound", "inbound"]


def test_a_failing_import_leaves_everything_stored_as_it_was(alice, monkeypatch):
    imports.import_file(alice, filename="Connections.csv", data=fixture("Connections.csv"))
    make_contact(alice, first_name="Manual", last_name="Entry", cadence_days=7)
    before = state(alice)
    runs = ImportRun.objects.count()

    def fail(*args, **kwargs):
        raise IntegrityError("disk on fire")

    # Fails after the contacts and interactions were written, inside the same transaction.
    monkeypatch.setattr(services, "refresh_contacts", fail)
    with pytest.raises(IntegrityError):
        imports.import_file(alice, filename="export.zip", data=export_zip(
            Connections_csv=newer_connections(), messages_csv=fixture("messages.csv")
        ))  # fmt: skip
    assert state(alice) == before
    assert ImportRun.objects.count() == runs


def test_a_file_that_is_not_an_export_names_what_was_expected_and_stores_nothing(alice):
    with pytest.raises(ImportProblem) as caught:
        imports.import_file(alice, filename="bank.csv", data=fixture("not_linkedin.csv"))
    assert "bank.csv: this is neither a LinkedIn export nor a contacts file" in str(caught.value)
    assert "First Name, Last Name, URL, Email Address, Company, Position, Connected On" in str(
        caught.value
    )
    with pytest.raises(ImportProblem, match="this is not a LinkedIn export"):
        imports.import_file(
            alice, filename="people.csv", data=fixture("contacts_google.csv"), linkedin_only=True
        )
    assert state(alice) == ([], [], [], [], 0)


def test_a_file_over_the_size_limit_is_refused(alice, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", 100)
    expected = "Connections.csv: the file is 987 bytes; the limit is 100 bytes."
    with pytest.raises(ImportProblem, match=expected):
        imports.import_file(alice, filename="Connections.csv", data=fixture("Connections.csv"))


def test_the_same_person_twice_in_a_file_is_imported_once(alice):
    data = fixture("Connections_reordered.csv") + (
        b"10 Sep 2025,Group PM,Soylent Foods,hiro@example.com,"
        b"https://www.linkedin.com/in/hiro-tanaka,Tanaka,Hiro,3\n"
    )
    report = imports.import_file(alice, filename="Connections.csv", data=data)
    assert (report.files[0].added, report.files[0].skipped) == (1, 1)
    [problem] = report.problems
    assert (problem.row, problem.message) == (3, "The same person as row 2.")


def test_bobs_import_never_touches_alices_contacts(alice, bob):
    imports.import_file(alice, filename="export.zip", data=full_export())
    before = state(alice)
    report = imports.import_file(bob, filename="export.zip", data=full_export())
    assert report.repeat_of is None  # the same bytes, but not bob's earlier import
    assert report.files[0].added == 6
    assert state(alice) == before
    assert Contact.objects.owned_by(bob).count() == 7


def test_progress_is_reported_up_to_the_total(alice):
    calls = []
    imports.import_file(
        alice,
        filename="export.zip",
        data=full_export(),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1][0] == calls[-1][1] == 6 + 5 + 2  # connections, conversation days, invitations
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_a_contact_imported_in_bulk_gets_its_keys(alice):
    imports.import_file(
        alice,
        filename="google.csv",
        data="Given Name,Family Name,E-mail 1 - Value\nNÍA,  brooks ,Nia@Example.com\n".encode(),
    )
    nia = Contact.objects.owned_by(alice).get(source="csv")
    assert (nia.name_key, nia.email_key) == ("nia brooks", "nia@example.com")


def test_an_import_knows_a_name_differing_only_by_case_accents_or_spacing(alice):
    """The importer matches names by the same folding the duplicates page groups by, so it
    does not make the duplicate that page would then report."""
    kept = make_contact(alice, first_name="Nia", last_name="Brooks", company_name="", email="")
    imports.import_file(
        alice, filename="google.csv", data="Given Name,Family Name\nNÍA,  brooks \n".encode()
    )
    assert list(Contact.objects.owned_by(alice).values_list("pk", flat=True)) == [kept.pk]
    assert contact_queries.duplicates(alice) == []


def test_a_contact_renamed_by_an_import_gets_its_new_key(alice):
    imports.import_file(
        alice, filename="c.csv", data=b"First Name,Last Name,Email\nAda,,a@x.test\n"
    )
    imports.import_file(
        alice, filename="c.csv", data=b"First Name,Last Name,Email\nAda,L\xc3\xb3pez,a@x.test\n"
    )
    assert Contact.objects.owned_by(alice).get().name_key == "ada lopez"


# --- vCard and CSV ---------------------------------------------------------------------------


def test_a_vcard_updates_the_linkedin_contact_it_matches_and_adds_the_rest(alice):
    imports.import_file(alice, filename="Connections.csv", data=fixture("Connections.csv"))
    report = imports.import_file(alice, filename="contacts.vcf", data=fixture("contacts.vcf"))
    assert (
        report.files[0].line == "contacts.vcf: 3 contacts added, 1 updated, 0 unchanged, 1 skipped"
    )
    ada = Contact.objects.owned_by(alice).get(last_name="Quill")
    assert ada.phone == "+44 7700 900123"
    assert ada.source == "linkedin"  # where it first came from
    assert sorted(ada.tags.values_list("name", flat=True)) == ["fintech, payments", "mentors"]
    assert Contact.objects.owned_by(alice).get(last_name="García").source == "vcard"


def test_a_csv_with_a_tag_that_has_a_cadence_sets_the_next_due_date(alice):
    Tag.objects.create(user=alice, name="mentors", cadence_days=45)
    imports.import_file(alice, filename="google.csv", data=(
        b"Given Name,Family Name,E-mail 1 - Value,Labels\nNia,Brooks,nia@example.com,mentors\n"
    ))  # fmt: skip
    nia = Contact.objects.owned_by(alice).get()
    assert nia.source == "csv"
    assert nia.next_due_on is not None  # due from the day she was added


@pytest.mark.parametrize("export", [imports.export_vcf, imports.export_csv])
def test_exporting_then_importing_changes_nothing(alice, export):
    imports.import_file(alice, filename="export.zip", data=full_export())
    imports.import_file(alice, filename="contacts.vcf", data=fixture("contacts.vcf"))
    imports.import_file(alice, filename="c.csv", data=fixture("contacts_semicolon.csv"))
    Contact.objects.owned_by(alice).filter(last_name="Vogel").update(notes="two\r\nlines")
    before = state(alice)
    text = export(alice)
    name = "contacts.vcf" if text.startswith("BEGIN:VCARD") else "contacts.csv"
    report = imports.import_file(alice, filename=name, data=text.encode())
    assert report.files[0].unchanged == Contact.objects.owned_by(alice).count()
    assert not report.changed
    assert state(alice) == before
