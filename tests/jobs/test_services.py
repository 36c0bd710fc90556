import pytest
from django.http import Http404

from pmpath.jobs.models import Posting, Stage, StageChange
from pmpath.jobs.services import (
    JobsError,
    archive_application,
    company_named,
    create_application,
    ensure_stages,
    move_application,
    save_postings,
)
from tests.jobs.factories import make_application, make_posting, parsed


def test_it_creates_the_default_stages_once(alice):
    names = [s.name for s in ensure_stages(alice)]
    assert names == ["Saved", "Applied", "Screening", "Interviewing", "Offer", "Accepted",
                     "Rejected", "Withdrawn"]  # fmt: skip
    ensure_stages(alice)
    assert Stage.objects.filter(user=alice).count() == 8


def test_importing_the_same_posting_twice_changes_nothing(alice):
    first = save_postings(alice, [parsed()])
    again = save_postings(alice, [parsed()])
    assert len(first.created) == 1 and len(again.unchanged) == 1
    assert Posting.objects.filter(user=alice).count() == 1


def test_a_changed_posting_is_updated_in_place(alice):
    posting = make_posting(alice)
    report = save_postings(alice, [parsed(title="Group Product Manager, Payments")])
    assert [p.pk for p in report.updated] == [posting.pk]
    posting.refresh_from_db()
    assert posting.title == "Group Product Manager, Payments"
    assert posting.level == "lead_pm"


def test_postings_are_matched_by_canonical_url_without_tracking_parameters(alice):
    make_posting(alice, source="page", external_id="")
    report = save_postings(
        alice,
        [
            parsed(
                source="jsonld",
                external_id="",
                source_url="https://boards.example.test/acme/jobs/1001",
            )
        ],
    )
    assert (len(report.created), len(report.updated), len(report.unchanged)) == (0, 1, 0)
    assert Posting.objects.filter(user=alice).count() == 1


def test_imported_postings_are_classified(alice):
    posting = make_posting(alice, title="Sr. PM - Growth (Remote)")
    assert (posting.family, posting.level) == ("product_management", "senior_pm")
    other = make_posting(alice, title="Product Marketing Manager", external_id="2")
    assert other.family == "other"


def test_the_same_posting_for_two_users_is_two_rows(alice, bob):
    make_posting(alice)
    make_posting(bob)
    assert Posting.objects.count() == 2


def test_companies_are_found_by_name_or_alias_ignoring_case(alice):
    acme = company_named(alice, "Acme")
    acme.aliases = ["Acme Inc."]
    acme.save()
    assert company_named(alice, "ACME") == acme
    assert company_named(alice, "acme inc.") == acme
    assert company_named(alice, "  ") is None


def test_an_application_from_a_posting_takes_its_title_and_company(alice):
    posting = make_posting(alice)
    application = create_application(alice, posting_id=posting.pk)
    assert application.role_title == posting.title
    assert application.company == posting.company
    assert application.stage.name == "Saved"
    assert application.history.count() == 1


def test_a_manual_application_needs_a_role(alice):
    with pytest.raises(JobsError, match="role_title"):
        create_application(alice, role_title="  ")


def test_moving_records_the_stage_history(alice):
    application = make_application(alice)
    stages = {s.name: s for s in ensure_stages(alice)}
    move_application(alice, application_id=application.pk, stage_id=stages["Applied"].pk)
    move_application(alice, application_id=application.pk, stage_id=stages["Interviewing"].pk)
    moves = list(
        StageChange.objects.filter(application=application).values_list(
            "from_stage__name", "to_stage__name"
        )
    )
    assert moves == [(None, "Saved"), ("Saved", "Applied"), ("Applied", "Interviewing")]
    application.refresh_from_db()
    assert application.applied_on is not None


def test_moving_before_another_card_orders_the_column(alice):
    stages = ensure_stages(alice)
    first = make_application(alice, role_title="First")
    second = make_application(alice, role_title="Second")
    third = make_application(alice, role_title="Third")
    move_application(alice, application_id=third.pk, stage_id=stages[0].pk, before_id=first.pk)
    column = stages[0].applications.order_by("position").values_list("role_title", flat=True)
    assert list(column) == ["Third", "First", "Second"]
    assert second.history.count() == 1  # reordering is not a change of stage


def test_bob_cannot_move_or_archive_alices_application(alice, bob):
    application = make_application(alice)
    bob_stage = ensure_stages(bob)[1]
    with pytest.raises(Http404):
        move_application(bob, application_id=application.pk, stage_id=bob_stage.pk)
    with pytest.raises(Http404):
        archive_application(bob, application_id=application.pk)


def test_alice_cannot_move_into_bobs_stage(alice, bob):
    application = make_application(alice)
    with pytest.raises(JobsError, match="stage"):
        move_application(alice, application_id=application.pk, stage_id=ensure_stages(bob)[1].pk)
