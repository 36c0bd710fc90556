"""The portfolio's pages for their owner: the index, the editor, the preview with its checks,
images, ordering and publishing."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pmpath.portfolio import queries
from pmpath.portfolio.models import Attachment, CaseStudy
from tests.perf import assert_constant_queries
from tests.portfolio.factories import GOOD, image_bytes, make_case, make_cases, make_image


def test_the_index_lists_case_studies_with_their_checks(alice, alice_client):
    make_case(alice, title="Faster checkout")
    make_case(
        alice,
        title="New dashboard",
        outcomes="Shipped on time.",
        problem="We built a dashboard with new screens.",
    )
    body = alice_client.get(reverse("portfolio:index")).content.decode()
    assert "Faster checkout" in body and "New dashboard" in body
    assert "✓ No findings" in body
    assert "Features without the problem" in body
    assert "Download site (.zip)" in body and "Download PDF" in body
    assert "for hosted instances" in body


def test_it_writes_a_case_study_through_the_form(alice, alice_client):
    response = alice_client.post(
        reverse("portfolio:case_new"),
        {**GOOD, "skills": ["customer_focus", "communication"], "published": "on"},
    )
    case = CaseStudy.objects.get(user=alice)
    assert response.status_code == 302 and response["Location"] == reverse(
        "portfolio:case_study", args=[case.pk]
    )
    assert case.skills == ["customer_focus", "communication"] and case.published
    page = alice_client.get(response["Location"]).content.decode()
    assert "No findings" in page and "Customer focus" in page


def test_the_form_shows_our_guidance_for_every_section(alice_client):
    body = alice_client.get(reverse("portfolio:case_new")).content.decode()
    assert "Open with the people and their pain, not the product." in body
    assert "What did you personally do?" in body
    assert body.count('class="lifecycle-section"') == 10


def test_a_missing_title_is_shown_on_the_field_and_nothing_is_saved(alice, alice_client):
    response = alice_client.post(
        reverse("portfolio:case_new"), {"title": "", "problem": "Text I wrote."}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "field-error" in body and "Text I wrote." in body
    assert not CaseStudy.objects.exists()


def test_a_taken_slug_is_shown_on_its_field(alice, alice_client):
    make_case(alice, title="A", slug="checkout")
    response = alice_client.post(reverse("portfolio:case_new"), {"title": "B", "slug": "checkout"})
    assert "you already have a case study at" in response.content.decode()


def test_editing_saves_and_shows_the_new_checks(alice, alice_client):
    case = make_case(alice)
    response = alice_client.post(
        reverse("portfolio:case_edit", args=[case.pk]),
        {**GOOD, "slug": case.slug, "outcomes": "Everyone liked it.", "published": "on"},
        follow=True,
    )
    body = response.content.decode()
    assert "Outcomes without numbers" in body and "Edit this section" in body
    assert f"{reverse('portfolio:case_edit', args=[case.pk])}#id_outcomes" in body


def test_the_preview_renders_markdown_safely(alice, alice_client):
    case = make_case(
        alice, problem="**Sellers** gave up. <script>alert(1)</script> [more](javascript:alert(1))"
    )
    body = alice_client.get(reverse("portfolio:case_study", args=[case.pk])).content.decode()
    assert "<strong>Sellers</strong>" in body
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body
    assert 'href="javascript' not in body


def test_an_empty_section_invites_writing_it(alice, alice_client):
    case = make_case(alice, learnings="")
    body = alice_client.get(reverse("portfolio:case_study", args=[case.pk])).content.decode()
    assert "Not written yet: what would you do differently?" in body


def test_publishing_and_making_private_from_the_index(alice, alice_client):
    case = make_case(alice)
    alice_client.post(
        reverse("portfolio:case_publish", args=[case.pk]), {"published": "0", "back": "index"}
    )
    case.refresh_from_db()
    assert not case.published
    response = alice_client.post(
        reverse("portfolio:case_publish", args=[case.pk]), {"published": "1"}
    )
    assert response["Location"] == reverse("portfolio:case_study", args=[case.pk])
    case.refresh_from_db()
    assert case.published


def test_the_arrows_and_a_drag_reorder_the_index(alice, alice_client):
    a, b = make_case(alice, title="A"), make_case(alice, title="B")
    alice_client.post(reverse("portfolio:case_move", args=[b.pk]), {"direction": "up"})
    assert [r.case.title for r in queries.portfolio(alice)] == ["B", "A"]
    response = alice_client.post(
        reverse("portfolio:case_reorder"),
        {"case": [a.pk, b.pk]},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 204
    assert [r.case.title for r in queries.portfolio(alice)] == ["A", "B"]
    bad = alice_client.post(reverse("portfolio:case_reorder"), {"case": [a.pk, "x"]})
    assert bad.status_code == 400


def test_deleting_asks_first_then_deletes(alice, alice_client):
    case = make_case(alice)
    make_image(alice, case)
    confirm = alice_client.get(reverse("portfolio:case_delete", args=[case.pk])).content.decode()
    assert "and its 1 image" in confirm
    response = alice_client.post(reverse("portfolio:case_delete", args=[case.pk]))
    assert response["Location"] == reverse("portfolio:index")
    assert not CaseStudy.objects.exists() and not Attachment.objects.exists()


def test_uploading_an_image_shows_it_to_its_owner(alice, alice_client):
    case = make_case(alice)
    upload = {
        "image": _file("chart.png", image_bytes()),
        "alt": "Funnel chart",
        "caption": "Before and after",
    }
    alice_client.post(reverse("portfolio:attachment_add", args=[case.pk]), upload)
    attachment = Attachment.objects.get()
    body = alice_client.get(reverse("portfolio:case_study", args=[case.pk])).content.decode()
    assert (
        reverse("portfolio:attachment", args=[attachment.pk]) in body and "Before and after" in body
    )
    image = alice_client.get(reverse("portfolio:attachment", args=[attachment.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    assert image["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_bad_upload_says_why_and_stores_nothing(alice, alice_client):
    case = make_case(alice)
    response = alice_client.post(
        reverse("portfolio:attachment_add", args=[case.pk]),
        {"image": _file("notes.png", b"hello")},
        follow=True,
    )
    assert "Image not added: notes.png is not an image pmpath can read" in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_caption_and_description_can_be_edited_and_the_image_deleted(alice, alice_client):
    case = make_case(alice)
    attachment = make_image(alice, case)
    alice_client.post(
        reverse("portfolio:attachment_update", args=[attachment.pk]),
        {"caption": "New", "alt": "Bars"},
    )
    attachment.refresh_from_db()
    assert (attachment.caption, attachment.alt) == ("New", "Bars")
    alice_client.post(reverse("portfolio:attachment_delete", args=[attachment.pk]))
    assert not Attachment.objects.exists()


def test_the_index_query_count_does_not_grow_with_case_studies(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("portfolio:index"), lambda n: make_cases(alice, n), small=5, large=200
    )


def test_a_case_studys_query_count_does_not_grow_with_images(alice, alice_client):
    case = make_case(alice)

    def grow(n):
        while Attachment.objects.count() < n:
            make_image(alice, case)

    url = reverse("portfolio:case_study", args=[case.pk])
    assert_constant_queries(alice_client, url, grow, small=2, large=12)


def test_unchecked_case_studies_are_checked_from_one_query(alice):
    make_cases(alice, 50)
    queries.clear_report_cache()
    rows = list(CaseStudy.objects.owned_by(alice).only(*queries.LIST_FIELDS))
    with CaptureQueriesContext(connection) as captured:
        reports = queries.reports_for(alice, rows)
    assert len(captured) == 1 and len(reports) == 50
    with CaptureQueriesContext(connection) as captured:
        queries.reports_for(alice, rows)
    assert len(captured) == 0


def test_an_edit_is_checked_again(alice):
    case = make_case(alice)
    assert queries.report(case).ready
    case.outcomes = "Everyone liked it."
    case.save()
    assert "outcome_numbers" in queries.report(case).flagged()


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/png")
