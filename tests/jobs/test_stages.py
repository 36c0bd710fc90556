"""Editable pipeline stages: add, rename, reorder, outcome, delete only when nothing refers
to the stage."""

import pytest
from django.urls import reverse

from pmpath.jobs.models import Stage
from pmpath.jobs.services import (
    JobsError,
    add_stage,
    delete_stage,
    ensure_stages,
    move_application,
    move_stage,
    reorder_stages,
    update_stage,
)
from tests.jobs.factories import make_application
from tests.perf import assert_constant_queries


def names(user):
    return [s.name for s in ensure_stages(user)]


def by_name(user, name):
    return Stage.objects.get(user=user, name=name)


def test_an_open_stage_is_added_after_the_last_open_one(alice):
    ensure_stages(alice)
    add_stage(alice, name="  Take-home   task ")
    add_stage(alice, name="Ghosted", outcome="lost")
    assert names(alice) == [
        "Saved",
        "Applied",
        "Screening",
        "Interviewing",
        "Offer",
        "Take-home task",
        "Accepted",
        "Rejected",
        "Withdrawn",
        "Ghosted",
    ]
    assert [s.order for s in ensure_stages(alice)] == list(range(10))


@pytest.mark.parametrize(
    "name, message",
    [
        ("   ", "name: a stage needs a name"),
        ("applied", "name: you already have a stage called \u201capplied\u201d"),
        ("x" * 61, "name: keep stage names to 60 characters"),
    ],
)
def test_stage_names_are_non_blank_short_and_unique_ignoring_case(alice, name, message):
    ensure_stages(alice)
    with pytest.raises(JobsError, match=message):
        add_stage(alice, name=name)
    with pytest.raises(JobsError, match=message):
        update_stage(alice, stage_id=by_name(alice, "Offer").pk, name=name)
    assert len(names(alice)) == 8


def test_renaming_to_the_same_name_in_another_case_is_allowed(alice):
    ensure_stages(alice)
    stage = update_stage(alice, stage_id=by_name(alice, "Offer").pk, name="OFFER")
    assert stage.name == "OFFER"


def test_the_two_users_stage_names_do_not_clash(alice, bob):
    ensure_stages(alice)
    ensure_stages(bob)
    add_stage(alice, name="Take-home")
    add_stage(bob, name="Take-home")
    assert "Take-home" in names(alice) and "Take-home" in names(bob)


def test_a_stage_moves_up_and_down_and_stays_put_at_the_ends(alice):
    ensure_stages(alice)
    move_stage(alice, stage_id=by_name(alice, "Screening").pk, by=-1)
    assert names(alice)[:3] == ["Saved", "Screening", "Applied"]
    move_stage(alice, stage_id=by_name(alice, "Saved").pk, by=-1)
    move_stage(alice, stage_id=by_name(alice, "Withdrawn").pk, by=1)
    assert names(alice)[0] == "Saved" and names(alice)[-1] == "Withdrawn"


def test_reordering_needs_every_stage_once(alice):
    stages = ensure_stages(alice)
    ids = [s.pk for s in stages]
    reorder_stages(alice, stage_ids=list(reversed(ids)))
    assert names(alice)[0] == "Withdrawn"
    with pytest.raises(JobsError, match="order: list every stage exactly once"):
        reorder_stages(alice, stage_ids=ids[:-1])
    with pytest.raises(JobsError, match="order:"):
        reorder_stages(alice, stage_ids=[ids[0], *ids[:-1]])


def test_nobody_reorders_with_someone_elses_stages(alice, bob):
    from django.http import Http404

    alices = [s.pk for s in ensure_stages(alice)]
    with pytest.raises(Http404):
        reorder_stages(bob, stage_ids=alices)
    assert names(alice)[0] == "Saved"


def test_the_outcome_changes_but_one_open_stage_always_remains(alice):
    ensure_stages(alice)
    update_stage(alice, stage_id=by_name(alice, "Offer").pk, outcome="won")
    assert by_name(alice, "Offer").outcome == "won"
    with pytest.raises(JobsError, match="outcome: choose"):
        update_stage(alice, stage_id=by_name(alice, "Offer").pk, outcome="maybe")
    for name in ("Saved", "Applied", "Screening"):
        update_stage(alice, stage_id=by_name(alice, name).pk, outcome="lost")
    with pytest.raises(JobsError, match="only open stage"):
        update_stage(alice, stage_id=by_name(alice, "Interviewing").pk, outcome="lost")


def test_an_empty_unused_stage_is_deleted_and_the_rest_renumbered(alice):
    ensure_stages(alice)
    delete_stage(alice, stage_id=by_name(alice, "Screening").pk)
    assert "Screening" not in names(alice)
    assert [s.order for s in ensure_stages(alice)] == list(range(7))


def test_a_stage_holding_applications_is_not_deleted(alice):
    application = make_application(alice)
    with pytest.raises(JobsError, match="Saved still holds 1 application "):
        delete_stage(alice, stage_id=application.stage_id)
    assert "Saved" in names(alice)


def test_a_stage_in_a_timeline_is_not_deleted_so_history_is_kept(alice):
    application = make_application(alice)
    screening = by_name(alice, "Screening")
    move_application(alice, application_id=application.pk, stage_id=screening.pk)
    move_application(alice, application_id=application.pk, stage_id=by_name(alice, "Offer").pk)
    with pytest.raises(JobsError, match="in the timeline of 1 application;.*rename it instead"):
        delete_stage(alice, stage_id=screening.pk)


# --- pages --------------------------------------------------------------------------------


def test_the_stages_page_lists_stages_with_their_applications(alice, alice_client):
    make_application(alice)
    body = alice_client.get(reverse("jobs:stages")).content.decode()
    for name in names(alice):
        assert f'value="{name}"' in body
    assert "1 application</a>" in body
    assert 'aria-label="Delete Saved" disabled' in body


def test_the_arrows_reorder_without_javascript(alice, alice_client):
    ensure_stages(alice)
    offer = by_name(alice, "Offer")
    response = alice_client.post(reverse("jobs:stage_move", args=[offer.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert names(alice)[3] == "Offer"


def test_a_drag_posts_the_new_order(alice, alice_client):
    ids = [s.pk for s in ensure_stages(alice)]
    ids[0], ids[1] = ids[1], ids[0]
    response = alice_client.post(
        reverse("jobs:stages_reorder"), {"stage": ids}, headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 204
    assert names(alice)[:2] == ["Applied", "Saved"]
    bad = alice_client.post(reverse("jobs:stages_reorder"), {"stage": ids[:3]})
    assert bad.status_code == 400 and b"list every stage exactly once" in bad.content


def test_renaming_adding_and_deleting_on_the_page_say_what_happened(alice, alice_client):
    make_application(alice)
    saved, offer = by_name(alice, "Saved"), by_name(alice, "Offer")
    page = reverse("jobs:stages")
    alice_client.post(reverse("jobs:stage_update", args=[offer.pk]), {"name": "Applied"})
    body = alice_client.get(page).content.decode()
    assert "you already have a stage called" in body
    alice_client.post(page, {"name": "Take-home", "outcome": "open"})
    alice_client.post(reverse("jobs:stage_delete", args=[saved.pk]))
    body = alice_client.get(page).content.decode()
    assert "Not deleted: Saved still holds 1 application" in body
    alice_client.post(reverse("jobs:stage_update", args=[offer.pk]), {"name": "Offer made"})
    alice_client.post(reverse("jobs:stage_delete", args=[by_name(alice, "Take-home").pk]))
    assert "Offer made" in names(alice) and "Take-home" not in names(alice)


def test_the_stages_page_reads_in_constant_queries(alice, alice_client):
    def grow(n):
        for i in range(Stage.objects.filter(user=alice).count(), n):
            add_stage(alice, name=f"Round {i}")
        for i in range(n // 10):
            make_application(alice, role_title=f"PM {i}")

    assert_constant_queries(alice_client, reverse("jobs:stages"), grow, small=10, large=60)
