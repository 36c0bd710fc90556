from datetime import date

from django.urls import reverse

from pmpath.jobs.models import Application, Posting
from pmpath.jobs.services import ensure_stages
from pmpath.network.models import Contact
from tests.jobs.factories import (
    bulk_applications,
    bulk_postings,
    make_application,
    make_posting,
)
from tests.perf import assert_constant_queries


def test_the_board_shows_a_column_per_stage_with_its_cards(alice, alice_client):
    make_application(alice, role_title="PM, Search", company_name="Globex")
    body = alice_client.get(reverse("jobs:board")).content.decode()
    for name in ["Saved", "Applied", "Interviewing", "Offer", "Rejected"]:
        assert f">{name}</h2>" in body
    assert "PM, Search" in body and "Globex" in body


def test_the_board_escapes_what_the_person_wrote_on_each_card(alice, alice_client):
    # The cards are written without autoescaping (for speed): each text is escaped by hand.
    application = make_application(
        alice,
        role_title='<b id="t">PM</b>',
        company_name='<i id="c">Globex</i>',
        next_action='<script id="n">x</script>',
        next_action_due=date(2026, 1, 5),
    )
    Contact.objects.create(user=alice, first_name="Dana", company=application.company, strength=4)
    body = alice_client.get(reverse("jobs:board")).content.decode()
    assert "<b id=" not in body and "<i id=" not in body and "<script id=" not in body
    assert "&lt;b id=&#34;t&#34;&gt;PM&lt;/b&gt;" in body  # the title and the menu's label
    assert "at &lt;i id=&#34;c&#34;&gt;Globex&lt;/i&gt;, one of them well" in body  # warm mark
    assert "Next: &lt;script id=&#34;n&#34;&gt;x&lt;/script&gt; by 05 Jan" in body


def test_a_card_moves_without_javascript_through_its_menu(alice, alice_client):
    application = make_application(alice)
    applied = ensure_stages(alice)[1]
    response = alice_client.post(
        reverse("jobs:application_move", args=[application.pk]), {"stage": applied.pk}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == applied


def test_a_dragged_card_moves_with_a_fetch_request(alice, alice_client):
    application = make_application(alice)
    applied = ensure_stages(alice)[1]
    response = alice_client.post(
        reverse("jobs:application_move", args=[application.pk]),
        {"stage": applied.pk},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 204


def test_the_board_shows_how_many_cards_are_hidden(alice, alice_client):
    bulk_applications(alice, 300)
    body = alice_client.get(reverse("jobs:board")).content.decode()
    assert "more in the table" in body


def test_the_board_and_table_read_in_constant_queries(alice, alice_client):
    def grow(n):
        bulk_applications(alice, n)

    assert_constant_queries(alice_client, reverse("jobs:board"), grow, small=10, large=5000)
    assert_constant_queries(
        alice_client, reverse("jobs:applications") + "?sort=company", grow, small=10, large=5000
    )


def test_the_postings_page_reads_in_constant_queries(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("jobs:postings"), lambda n: bulk_postings(alice, n), large=2000
    )


def test_the_table_filters_by_stage_and_search(alice, alice_client):
    make_application(alice, role_title="PM, Maps", company_name="Initech")
    make_application(alice, role_title="PM, Mail", company_name="Hooli")
    body = alice_client.get(reverse("jobs:applications") + "?q=initech").content.decode()
    assert "PM, Maps" in body and "PM, Mail" not in body


def test_tracking_a_role_by_hand(alice, alice_client):
    response = alice_client.post(
        reverse("jobs:application_new"),
        {
            "role_title": "Product Manager, Ads",
            "company_name": "Hooli",
            "stage": ensure_stages(alice)[1].pk,
        },
    )
    application = Application.objects.get(user=alice)
    assert response["Location"] == reverse("jobs:application", args=[application.pk])
    assert application.stage.name == "Applied" and application.applied_on


def test_the_application_page_edits_and_shows_the_timeline(alice, alice_client):
    application = make_application(alice)
    url = reverse("jobs:application", args=[application.pk])
    assert "Timeline" in alice_client.get(url).content.decode()
    alice_client.post(url, {"role_title": "Senior PM", "next_action": "Send thank-you note"})
    application.refresh_from_db()
    assert (application.role_title, application.next_action) == ("Senior PM", "Send thank-you note")


def test_a_posting_is_saved_to_the_pipeline(alice, alice_client):
    posting = make_posting(alice)
    alice_client.post(reverse("jobs:posting_track", args=[posting.pk]))
    assert Application.objects.get(user=alice).posting == posting
    assert (
        "In your pipeline"
        in alice_client.get(reverse("jobs:posting", args=[posting.pk])).content.decode()
    )


def test_a_pasted_posting_is_imported(alice, alice_client):
    text = "Senior Product Manager, Checkout\nCompany: Globex\nLocation: Remote\n\nOwn checkout."
    response = alice_client.post(reverse("jobs:import"), {"kind": "paste", "text": text})
    posting = Posting.objects.get(user=alice)
    assert response["Location"] == reverse("jobs:posting", args=[posting.pk])
    assert posting.level == "senior_pm"


def test_an_uploaded_csv_is_imported_and_bad_rows_are_reported(alice, alice_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = (
        b"title,company,location\nProduct Manager,Acme,Paris\n,Nobody,Nowhere\nAPM,Initech,Oslo\n"
    )
    response = alice_client.post(
        reverse("jobs:import"),
        {"kind": "upload", "file": SimpleUploadedFile("jobs.csv", data, "text/csv")},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 new" in body and "row 3" in body
    assert Posting.objects.filter(user=alice).count() == 2


def test_an_oversized_upload_is_refused_with_a_clear_message(alice, alice_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("huge.csv", b"x" * (5 * 1024 * 1024 + 1), "text/csv")
    body = alice_client.post(
        reverse("jobs:import"), {"kind": "upload", "file": big}
    ).content.decode()
    assert "huge.csv is" in body and "limit is 5 MB" in body
    assert not Posting.objects.filter(user=alice).exists()


def test_postings_export_and_reimport_round_trip(alice, alice_client):
    make_posting(alice)
    csv_text = alice_client.get(reverse("jobs:postings_export")).content
    from pmpath.jobs.imports import import_file

    outcome = import_file(alice, "export.csv", csv_text)
    assert outcome.saved and len(outcome.saved.created) == 0
    assert Posting.objects.filter(user=alice).count() == 1


def test_the_csv_template_downloads(alice_client):
    response = alice_client.get(reverse("jobs:csv_template"))
    assert response["Content-Type"].startswith("text/csv")
    assert b"title" in response.content.splitlines()[0]


def test_a_move_never_redirects_to_another_site(alice, alice_client):
    application = make_application(alice)
    applied = ensure_stages(alice)[1]
    response = alice_client.post(
        reverse("jobs:application_move", args=[application.pk]),
        {"stage": applied.pk, "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("jobs:board")
