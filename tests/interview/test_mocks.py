"""Mock interviews: the question set, running it back to back, the report, and access."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from pmpath.interview import mock_queries, mocks, practice
from pmpath.interview.mocks import PLAN, MockError
from pmpath.interview.models import Attempt, Mock
from tests.interview.practice_factories import GOOD_ANSWER, make_attempt, make_question
from tests.jobs.factories import make_application
from tests.perf import assert_constant_queries


def plan_questions(company: str = "", levels=("pm",)) -> dict[str, object]:
    return {
        c: make_question(
            category=c,
            text=f"A {c} question at {company or 'any'}?",
            company=company,
            levels=list(levels),
        )
        for c in PLAN
    }


def test_a_mock_has_one_question_of_each_kind_in_order(alice):
    plan_questions(levels=("pm", "director"))
    mock = mocks.create_mock(alice, level="pm")
    categories = [i.question.category for i in mock_queries.items_of(mock)]
    assert categories == PLAN
    assert [i.order for i in mock_queries.items_of(mock)] == [1, 2, 3, 4]


def test_the_companys_own_questions_come_first(alice):
    own = plan_questions("Northwind")
    application = make_application(alice, company_name="northwind")
    mock = mocks.create_mock(alice, application_id=application.pk, level="pm")
    assert [i.question for i in mock_queries.items_of(mock)] == [own[c] for c in PLAN]
    assert mock.company == application.company and mock.title == "northwind mock, PM"


def test_questions_suit_the_level(alice):
    plan_questions(levels=("pm", "director"))
    mock = mocks.create_mock(alice, level="director")
    for item in mock_queries.items_of(mock):
        assert "director" in item.question.levels


def test_a_question_answered_lately_is_not_picked_again_when_another_fits(alice):
    own = plan_questions("Zeta")
    spare = make_question(
        category="execution",
        text="Another execution question at Zeta?",
        company="Zeta",
        levels=["pm"],
    )
    make_attempt(alice, own["execution"])
    company = make_application(alice, company_name="Zeta").company
    mock = mocks.create_mock(alice, company_id=company.pk, level="pm")
    assert [i.question for i in mock_queries.items_of(mock)][1] == spare


def test_the_level_defaults_to_the_profiles_target(alice_client, alice):
    mock = mocks.create_mock(alice)
    assert mock.level == "pm"


def test_an_unknown_level_is_refused(alice):
    with pytest.raises(MockError, match="^level: choose one of"):
        mocks.create_mock(alice, level="ceo")


def test_another_users_application_cannot_be_the_target(alice, bob):
    with pytest.raises(MockError, match="^application: that application is not yours"):
        mocks.create_mock(alice, application_id=make_application(bob).pk)


def test_answering_every_item_finishes_the_mock_with_a_report(alice):
    plan_questions(levels=("pm", "director"))
    mock = mocks.create_mock(alice, level="pm")
    items = mock_queries.items_of(mock)
    for n, item in enumerate(items):
        answer = GOOD_ANSWER if n == 0 else "A short answer with one idea."
        practice.submit_attempt(
            alice,
            question_id=item.question_id,
            answer=answer,
            mock_id=mock.pk,
            duration_seconds=300,
        )
        mock.refresh_from_db()
        assert mock.status == ("done" if n == len(items) - 1 else "running")
    report = mock_queries.report(mock)
    assert report.answered == 4 and report.seconds == 1200
    scores = [r.attempt.score for r in report.rows]
    assert report.average == round(sum(scores) / 4) and report.points == sum(scores)
    assert scores[0] == max(scores)
    assert report.weakest and all(w.points < w.max for w in report.weakest)
    assert report.weakest == sorted(report.weakest, key=lambda w: w.points / w.max)


def test_a_question_outside_the_mock_cannot_be_answered_in_it(alice):
    mock = mocks.create_mock(alice, level="pm")
    stranger = make_question(text="Not in the mock?")
    with pytest.raises(practice.PracticeError, match="not part of that mock"):
        practice.submit_attempt(alice, question_id=stranger.pk, answer="x", mock_id=mock.pk)


def test_bob_cannot_answer_into_alices_mock(alice, bob):
    mock = mocks.create_mock(alice, level="pm")
    item = mock_queries.items_of(mock)[0]
    with pytest.raises(Http404):
        practice.submit_attempt(bob, question_id=item.question_id, answer="x", mock_id=mock.pk)


# --- pages ----------------------------------------------------------------------------


def test_a_mock_is_made_started_and_run_one_page_per_question(alice, alice_client):
    plan_questions(levels=("pm", "director"))
    response = alice_client.post(reverse("interview:mocks"), {"level": "pm"})
    mock = Mock.objects.get(user=alice)
    assert response.url == reverse("interview:mock", args=[mock.pk])
    assert "Start the mock" in alice_client.get(response.url).content.decode()
    run = reverse("interview:mock_run", args=[mock.pk])
    assert alice_client.post(reverse("interview:mock_start", args=[mock.pk])).url == run
    items = mock_queries.items_of(mock)
    for n, item in enumerate(items, start=1):
        page = alice_client.get(run).content.decode()
        assert str(escape(item.question.text)) in page and f"Question {n} of 4" in page
        response = alice_client.post(run, {"answer": GOOD_ANSWER, "question": item.question_id})
        assert response.status_code == 302
    assert response.url == reverse("interview:mock", args=[mock.pk])
    report = alice_client.get(response.url).content.decode()
    assert "Report" in report and "Weakest parts across the mock" in report
    assert Attempt.objects.filter(mock=mock, submitted_at__isnull=False).count() == 4


def test_a_second_click_on_an_answered_item_does_not_answer_the_next(alice, alice_client):
    mock = mocks.create_mock(alice, level="pm")
    first, second = mock_queries.items_of(mock)[:2]
    run = reverse("interview:mock_run", args=[mock.pk])
    alice_client.post(run, {"answer": GOOD_ANSWER, "question": first.question_id})
    alice_client.post(run, {"answer": GOOD_ANSWER, "question": first.question_id})
    assert not Attempt.objects.filter(mock=mock, question=second.question).exists()


def test_a_mock_page_autosaves_into_the_mock(alice, alice_client):
    mock = mocks.create_mock(alice, level="pm")
    item = mock_queries.items_of(mock)[0]
    alice_client.post(
        reverse("interview:practice_draft", args=[item.question_id]),
        {"answer": "half", "mock": mock.pk},
        headers={"HX-Request": "true"},
    )
    assert Attempt.objects.get(user=alice).mock == mock
    assert (
        "half" in alice_client.get(reverse("interview:mock_run", args=[mock.pk])).content.decode()
    )


def test_deleting_a_mock_keeps_its_answers(alice, alice_client):
    mock = mocks.create_mock(alice, level="pm")
    item = mock_queries.items_of(mock)[0]
    practice.submit_attempt(
        alice, question_id=item.question_id, answer=GOOD_ANSWER, mock_id=mock.pk
    )
    alice_client.post(reverse("interview:mock_delete", args=[mock.pk]))
    assert not Mock.objects.exists() and Attempt.objects.filter(user=alice).count() == 1


def test_bob_and_charlie_get_404_for_alices_mock(alice, bob_client, charlie_client):
    mock = mocks.create_mock(alice, level="pm")
    item = mock_queries.items_of(mock)[0]
    for client in (bob_client, charlie_client):
        for name in ["mock", "mock_run"]:
            assert client.get(reverse(f"interview:{name}", args=[mock.pk])).status_code == 404
        for name in ["mock_start", "mock_run", "mock_delete"]:
            url = reverse(f"interview:{name}", args=[mock.pk])
            assert (
                client.post(url, {"answer": "x", "question": item.question_id}).status_code == 404
            )
    mock.refresh_from_db()
    assert mock.status == "ready" and not Attempt.objects.exists()


def test_bob_cannot_make_a_mock_for_alices_application(alice, bob_client):
    application = make_application(alice)
    response = bob_client.post(
        reverse("interview:mocks"), {"level": "pm", "application": application.pk}
    )
    assert response.status_code == 200 and not Mock.objects.exists()


def test_charlie_is_sent_to_log_in_from_the_mock_list(charlie_client):
    assert charlie_client.get(reverse("interview:mocks")).status_code == 302
    assert charlie_client.post(reverse("interview:mocks"), {"level": "pm"}).status_code == 302


def test_the_mock_list_and_report_run_constant_queries(alice, alice_client):
    def grow(n: int) -> None:
        for _ in range(Mock.objects.filter(user=alice).count(), min(n, 60)):
            mocks.create_mock(alice, level="pm")

    assert_constant_queries(alice_client, "/interview/mocks/", grow, small=3, large=40)
    mock = Mock.objects.filter(user=alice).first()
    item = mock_queries.items_of(mock)[0]

    def answers(n: int) -> None:
        now = timezone.now()
        for i in range(Attempt.objects.filter(mock=mock).count(), n):
            make_attempt(alice, item.question, mock=mock, submitted_at=now - timedelta(minutes=i))

    assert_constant_queries(
        alice_client, f"/interview/mocks/{mock.pk}/", answers, small=2, large=30
    )
