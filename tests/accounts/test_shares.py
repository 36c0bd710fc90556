"""Reviewer shares: alice invites dave to read one object; bob (another user) and charlie
(anonymous) get 404 everywhere; dave reads exactly what was shared, read-only, until alice
revokes it or it expires."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from pmpath.accounts.models import ReviewComment, Share
from pmpath.interview.models import Mock
from tests.accounts.sharing import answered_mock, make_reviewer, share


@pytest.fixture
def dave(db):
    return make_reviewer("dave")


@pytest.fixture
def mock(alice):
    return answered_mock(alice)


def main_of(body: str) -> str:
    """The page's own content, without the reviewer's own navigation around it."""
    return body.split("<main", 1)[1].split("</main>", 1)[0]


def create(client, kind, object_id, **extra):
    data = {
        "share-kind": kind,
        "share-object_id": object_id,
        **{f"share-{k}": v for k, v in extra.items()},
    }
    return client.post(reverse("accounts:share_create"), data)


# --- the candidate creates and sees invitations --------------------------------------------


def test_alice_creates_an_invitation_link_from_her_mock_report(alice, alice_client, mock):
    response = create(alice_client, "mock", mock.pk, note="Was my metric right?")
    assert response.status_code == 302
    assert response["Location"] == reverse("interview:mock", args=[mock.pk]) + "#sharing"
    made = Share.objects.owned_by(alice).get()
    assert (made.kind, made.object_id, made.note, made.reviewer) == (
        "mock",
        mock.pk,
        "Was my metric right?",
        None,
    )
    page = alice_client.get(reverse("interview:mock", args=[mock.pk])).content.decode()
    assert f"/review/invite/{made.token}/" in page
    assert 'data-copy="share-link-' in page
    assert "Waiting for your reviewer" in page


def test_the_invitation_is_e_mailed_when_an_address_is_given(alice, alice_client, mock):
    create(alice_client, "mock", mock.pk, email="coach@example.test")
    made = Share.objects.owned_by(alice).get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["coach@example.test"]
    assert f"/review/invite/{made.token}/" in mail.outbox[0].body


def test_every_kind_can_be_shared_from_its_page(alice, alice_client, mock):
    from tests.jobs.factories import make_application
    from tests.portfolio.factories import make_case

    case = make_case(alice)
    application = make_application(alice)
    for kind, pk, page in [
        ("case_study", case.pk, reverse("portfolio:case_study", args=[case.pk])),
        ("portfolio", 0, reverse("portfolio:index")),
        ("application", application.pk, reverse("jobs:application", args=[application.pk])),
        ("mock", mock.pk, reverse("interview:mock", args=[mock.pk])),
    ]:
        body = alice_client.get(page).content.decode()
        assert "Share for review" in body and f'value="{kind}"' in body, kind
        assert create(alice_client, kind, pk).status_code == 302
    assert sorted(Share.objects.owned_by(alice).values_list("kind", flat=True)) == [
        "application",
        "case_study",
        "mock",
        "portfolio",
    ]


def test_bob_and_charlie_cannot_share_alices_objects(alice, bob_client, charlie_client, mock):
    assert create(bob_client, "mock", mock.pk).status_code == 404
    assert create(charlie_client, "mock", mock.pk).status_code == 404
    assert not Share.objects.exists()


def test_an_unknown_kind_is_refused_with_a_message(alice, alice_client):
    response = create(alice_client, "contacts", 1)
    assert response.status_code == 302
    assert not Share.objects.exists()
    assert "kind: choose one of" in alice_client.get(response["Location"]).content.decode()


# --- the reviewer accepts and reads --------------------------------------------------------


def test_a_stranger_opening_the_link_is_asked_to_log_in_or_sign_up(alice, charlie_client, mock):
    made = share(alice, "mock", mock.pk)
    url = reverse("review:invite", args=[made.token])
    body = charlie_client.get(url).content.decode()
    assert "alice would like your feedback" in body
    assert f"/accounts/login/?next={url}" in body
    assert f"/accounts/signup/?invite={made.token}" in body
    assert charlie_client.post(url).status_code == 404


def test_dave_accepts_the_link_and_reads_the_report_read_only(alice, dave, mock):
    user, client = dave
    made = share(alice, "mock", mock.pk, note="Was my metric right?")
    url = reverse("review:invite", args=[made.token])
    assert "Accept as dave" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == reverse("review:shared", args=[made.pk])
    made.refresh_from_db()
    assert made.reviewer == user and made.accepted_at is not None

    response = client.get(reverse("review:shared", args=[made.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "Shared by alice for review" in body
    assert "Was my metric right?" in body
    assert "<strong>Metric</strong>" in body and "<script>alert" not in body
    # Read-only: no link into alice's own pages, and the only form is the feedback form.
    main = main_of(body)
    assert "/interview/" not in main and "/jobs/" not in main and "/portfolio/" not in main
    assert main.count("<form") == 1
    assert f'action="{reverse("review:comment", args=[made.pk])}"' in main
    made.refresh_from_db()
    assert made.last_viewed_at is not None
    # Opening the link again goes straight to the page.
    assert client.get(url)["Location"] == reverse("review:shared", args=[made.pk])


def test_the_shared_with_me_list_shows_what_dave_can_read(alice, dave, mock):
    user, client = dave
    made = share(alice, "mock", mock.pk, reviewer=user)
    share(alice, "portfolio", 0)  # not accepted: not dave's
    body = client.get(reverse("review:shared_with_me")).content.decode()
    assert reverse("review:shared", args=[made.pk]) in body
    assert mock.title in body
    assert main_of(body).count('href="/review/') == 1


def test_a_spent_link_is_a_404_for_anyone_else(alice, bob_client, dave, mock):
    made = share(alice, "mock", mock.pk, reviewer=dave[0])
    url = reverse("review:invite", args=[made.token])
    assert bob_client.get(url).status_code == 404
    assert bob_client.post(url).status_code == 404
    made.refresh_from_db()
    assert made.reviewer == dave[0]


def test_alice_cannot_accept_her_own_link(alice, alice_client, mock):
    made = share(alice, "mock", mock.pk)
    url = reverse("review:invite", args=[made.token])
    assert "This is your own invitation" in alice_client.get(url).content.decode()
    alice_client.post(url)
    made.refresh_from_db()
    assert made.reviewer is None


def test_bob_and_charlie_get_404_on_every_review_route(
    alice, bob_client, charlie_client, dave, mock
):
    from tests.portfolio.factories import make_case

    case = make_case(alice)
    made = share(alice, "mock", mock.pk, reviewer=dave[0])
    folio = share(alice, "portfolio", 0, reviewer=dave[0])
    for client in (bob_client, charlie_client):
        assert client.get(reverse("review:shared", args=[made.pk])).status_code == 404
        assert client.get(reverse("review:case", args=[folio.pk, case.pk])).status_code == 404
        assert client.get(reverse("review:image", args=[folio.pk, 1])).status_code == 404
        response = client.post(reverse("review:comment", args=[made.pk]), {"body": "hi"})
        assert response.status_code == 404
        assert client.post(reverse("accounts:share_revoke", args=[made.pk])).status_code == 404
    assert not ReviewComment.objects.exists()
    assert Share.objects.filter(revoked_at__isnull=True).count() == 2


def test_dave_gets_404_on_alices_own_pages_and_on_every_write(alice, dave, mock):
    from tests.jobs.factories import make_application

    user, client = dave
    application = make_application(alice)
    made = share(alice, "mock", mock.pk, reviewer=user)
    other = share(alice, "application", application.pk)
    assert client.get(reverse("interview:mock", args=[mock.pk])).status_code == 404
    assert client.get(reverse("jobs:application", args=[application.pk])).status_code == 404
    assert client.post(reverse("interview:mock_delete", args=[mock.pk])).status_code == 404
    assert client.post(reverse("interview:mock_start", args=[mock.pk])).status_code == 404
    assert client.post(reverse("accounts:share_revoke", args=[made.pk])).status_code == 404
    assert create(client, "mock", mock.pk).status_code == 404
    # A share of alice's that dave was not given.
    assert client.get(reverse("review:shared", args=[other.pk])).status_code == 404
    assert client.post(reverse("review:comment", args=[other.pk]), {"body": "x"}).status_code == 404
    # A mock share cannot be used to reach a portfolio case study or an image.
    assert client.get(reverse("review:case", args=[made.pk, 1])).status_code == 404
    assert client.get(reverse("review:image", args=[made.pk, 1])).status_code == 404
    assert Mock.objects.filter(pk=mock.pk).exists()
    made.refresh_from_db()
    assert made.revoked_at is None


# --- revocation and expiry -----------------------------------------------------------------


def test_revoking_ends_access_at_once(alice, alice_client, dave, mock):
    user, client = dave
    made = share(alice, "mock", mock.pk, reviewer=user)
    assert client.get(reverse("review:shared", args=[made.pk])).status_code == 200
    response = alice_client.post(
        reverse("accounts:share_revoke", args=[made.pk]), {"next": f"/interview/mocks/{mock.pk}/"}
    )
    assert response["Location"] == f"/interview/mocks/{mock.pk}/"
    assert client.get(reverse("review:shared", args=[made.pk])).status_code == 404
    assert client.post(reverse("review:comment", args=[made.pk]), {"body": "x"}).status_code == 404
    assert client.get(reverse("review:invite", args=[made.token])).status_code == 404
    assert (
        "Nothing is shared with you yet"
        in client.get(reverse("review:shared_with_me")).content.decode()
    )
    assert "Revoked" in alice_client.get(f"/interview/mocks/{mock.pk}/").content.decode()


def test_a_revoked_link_cannot_be_accepted(alice, alice_client, dave, mock):
    made = share(alice, "mock", mock.pk)
    alice_client.post(reverse("accounts:share_revoke", args=[made.pk]))
    assert dave[1].post(reverse("review:invite", args=[made.token])).status_code == 404
    made.refresh_from_db()
    assert made.reviewer is None


def test_an_expired_share_is_a_404(alice, dave, mock):
    user, client = dave
    made = share(alice, "mock", mock.pk, reviewer=user, expires_in_days=7)
    assert made.expires_at > timezone.now() + timedelta(days=6)
    assert client.get(reverse("review:shared", args=[made.pk])).status_code == 200
    Share.objects.filter(pk=made.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("review:shared", args=[made.pk])).status_code == 404
    assert client.post(reverse("review:comment", args=[made.pk]), {"body": "x"}).status_code == 404


def test_an_expiry_outside_the_choices_is_refused(alice, alice_client, mock):
    create(alice_client, "mock", mock.pk, expires_in_days=5000)
    assert not Share.objects.exists()


def test_a_deactivated_candidates_shares_close(alice, dave, mock):
    made = share(alice, "mock", mock.pk, reviewer=dave[0])
    alice.is_active = False
    alice.save()
    assert dave[1].get(reverse("review:shared", args=[made.pk])).status_code == 404


def test_deleting_the_shared_object_leaves_a_404(alice, dave, mock):
    made = share(alice, "mock", mock.pk, reviewer=dave[0])
    Mock.objects.filter(pk=mock.pk).delete()
    assert dave[1].get(reverse("review:shared", args=[made.pk])).status_code == 404


# --- feedback ------------------------------------------------------------------------------


def test_dave_leaves_feedback_that_alice_reads_on_her_mock_page(alice, alice_client, dave, mock):
    user, client = dave
    made = share(alice, "mock", mock.pk, reviewer=user)
    response = client.post(
        reverse("review:comment", args=[made.pk]), {"body": "Lead with the metric.\n<b>bold</b>"}
    )
    assert response["Location"] == reverse("review:shared", args=[made.pk]) + "#feedback"
    comment = ReviewComment.objects.owned_by(alice).get()
    assert (comment.share, comment.author) == (made, user)
    assert (
        "Lead with the metric."
        in client.get(reverse("review:shared", args=[made.pk])).content.decode()
    )
    page = alice_client.get(reverse("interview:mock", args=[mock.pk])).content.decode()
    assert "Lead with the metric." in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<strong>dave</strong>" in page


def test_empty_feedback_is_refused_with_a_message(alice, dave, mock):
    made = share(alice, "mock", mock.pk, reviewer=dave[0])
    response = dave[1].post(reverse("review:comment", args=[made.pk]), {"body": "   "}, follow=True)
    assert "Write your feedback first" in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_feedback_stays_with_alice_after_she_revokes(alice, alice_client, dave, mock):
    made = share(alice, "mock", mock.pk, reviewer=dave[0])
    dave[1].post(reverse("review:comment", args=[made.pk]), {"body": "Good structure."})
    alice_client.post(reverse("accounts:share_revoke", args=[made.pk]))
    assert "Good structure." in alice_client.get(f"/interview/mocks/{mock.pk}/").content.decode()


# --- the candidate's list ------------------------------------------------------------------


def test_the_sharing_page_lists_alices_shares_and_nobody_elses(
    alice, alice_client, bob, dave, mock
):
    from tests.jobs.factories import make_application

    share(alice, "mock", mock.pk, reviewer=dave[0])
    share(bob, "application", make_application(bob, role_title="Bob's secret role").pk)
    body = alice_client.get(reverse("accounts:shares")).content.decode()
    assert mock.title in body and "dave" in body
    assert "Bob&#39;s secret role" not in body and "Bob's secret role" not in body


def test_charlie_is_sent_to_log_in_from_the_lists(charlie_client):
    assert charlie_client.get(reverse("accounts:shares")).status_code == 302
    assert charlie_client.get(reverse("review:shared_with_me")).status_code == 302


def test_a_reviewer_deleting_their_account_keeps_the_feedback_and_the_link_spent(
    alice, alice_client, bob_client, dave, mock
):
    made = share(alice, "mock", mock.pk, reviewer=dave[0])
    dave[1].post(reverse("review:comment", args=[made.pk]), {"body": "Keep this."})
    dave[0].delete()
    made.refresh_from_db()
    assert made.reviewer is None and made.accepted_at is not None
    assert bob_client.post(reverse("review:invite", args=[made.token])).status_code == 404
    page = alice_client.get(f"/interview/mocks/{mock.pk}/").content.decode()
    assert "Keep this." in page and "A former reviewer" in page and made.token not in page
