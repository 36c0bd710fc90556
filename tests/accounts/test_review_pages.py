"""What a reviewer reads of each kind of share: exactly the shared object, read-only, with its
images; and the query counts of the sharing pages stay constant as shares and feedback grow."""

import pytest
from django.urls import reverse

from pmpath.accounts.models import ReviewComment, Share
from tests.accounts.sharing import answered_mock, make_reviewer, share
from tests.accounts.test_shares import main_of
from tests.jobs.factories import make_application
from tests.perf import assert_constant_queries
from tests.portfolio.factories import make_case, make_image


@pytest.fixture
def dave(db):
    return make_reviewer("dave")


def test_a_shared_case_study_shows_its_text_and_images_private_or_not(alice, dave, bob):
    user, client = dave
    case = make_case(alice, published=False)
    image = make_image(alice, case)
    other = make_case(alice, title="Another story entirely", slug="another")
    made = share(alice, "case_study", case.pk, reviewer=user)
    body = main_of(client.get(reverse("review:shared", args=[made.pk])).content.decode())
    assert case.title in body and "Presets first" in body
    assert other.title not in body
    src = reverse("review:image", args=[made.pk, image.pk])
    assert f'src="{src}"' in body
    response = client.get(src)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "no-store"
    # Another case study's image, or someone else's, through this share: 404.
    elsewhere = make_image(alice, other)
    assert client.get(reverse("review:image", args=[made.pk, elsewhere.pk])).status_code == 404
    bobs = make_image(bob, make_case(bob))
    assert client.get(reverse("review:image", args=[made.pk, bobs.pk])).status_code == 404
    assert "/portfolio/" not in body


def test_a_shared_portfolio_shows_published_case_studies_only(alice, dave):
    user, client = dave
    shown = make_case(alice, title="Published one", slug="published-one")
    hidden = make_case(alice, title="Draft one", slug="draft-one", published=False)
    made = share(alice, "portfolio", 0, reviewer=user)
    body = main_of(client.get(reverse("review:shared", args=[made.pk])).content.decode())
    assert "Published one" in body and "Draft one" not in body
    case_url = reverse("review:case", args=[made.pk, shown.pk])
    assert f'href="{case_url}"' in body
    assert "Presets first" in client.get(case_url).content.decode()
    assert client.get(reverse("review:case", args=[made.pk, hidden.pk])).status_code == 404
    hidden_image = make_image(alice, hidden)
    assert client.get(reverse("review:image", args=[made.pk, hidden_image.pk])).status_code == 404
    shown_image = make_image(alice, shown)
    assert client.get(reverse("review:image", args=[made.pk, shown_image.pk])).status_code == 200


def test_a_shared_application_shows_its_details_and_timeline(alice, dave):
    user, client = dave
    application = make_application(alice, role_title="Staff PM, Payments", notes="Call went well.")
    made = share(alice, "application", application.pk, reviewer=user)
    body = main_of(client.get(reverse("review:shared", args=[made.pk])).content.decode())
    assert "Staff PM, Payments" in body and "Call went well." in body and "Timeline" in body
    assert "/jobs/" not in body
    assert body.count("<form") == 1


def test_the_candidates_other_applications_are_not_reachable(alice, dave):
    user, client = dave
    shared_one = make_application(alice, role_title="Shared role")
    secret = make_application(alice, role_title="Secret role")
    made = share(alice, "application", shared_one.pk, reviewer=user)
    body = client.get(reverse("review:shared", args=[made.pk])).content.decode()
    assert "Secret role" not in body
    assert client.get(reverse("jobs:application", args=[secret.pk])).status_code == 404


# --- query counts --------------------------------------------------------------------------


def test_the_sharing_page_stays_constant_as_shares_grow(alice, alice_client):
    mock = answered_mock(alice)
    case = make_case(alice)
    application = make_application(alice)

    def grow(n):
        have = Share.objects.owned_by(alice).count()
        targets = [
            ("mock", mock.pk),
            ("case_study", case.pk),
            ("application", application.pk),
            ("portfolio", 0),
        ]
        Share.objects.bulk_create(
            Share(user=alice, kind=targets[i % 4][0], object_id=targets[i % 4][1], token=f"t{i}")
            for i in range(have, n)
        )

    assert_constant_queries(alice_client, reverse("accounts:shares"), grow, small=8, large=200)


def test_shared_with_me_stays_constant_as_shares_grow(alice, dave):
    user, client = dave
    mock = answered_mock(alice)

    def grow(n):
        have = Share.objects.filter(reviewer=user).count()
        Share.objects.bulk_create(
            Share(user=alice, kind="mock", object_id=mock.pk, token=f"t{i}", reviewer=user)
            for i in range(have, n)
        )

    assert_constant_queries(client, reverse("review:shared_with_me"), grow, small=5, large=150)


def test_the_panel_on_a_mock_page_stays_constant_as_shares_and_feedback_grow(
    alice, alice_client, dave
):
    mock = answered_mock(alice)

    def grow(n):
        have = Share.objects.owned_by(alice).count()
        made = Share.objects.bulk_create(
            Share(
                user=alice,
                kind="mock",
                object_id=mock.pk,
                token=f"t{i}",
                reviewer=dave[0] if i % 2 else None,
            )
            for i in range(have, n)
        )
        ReviewComment.objects.bulk_create(
            ReviewComment(user=alice, share=s, author=dave[0], body="Good.") for s in made
        )

    assert_constant_queries(
        alice_client, reverse("interview:mock", args=[mock.pk]), grow, small=3, large=60
    )


def test_a_review_page_stays_constant_as_feedback_grows(alice, dave):
    user, client = dave
    mock = answered_mock(alice)
    made = share(alice, "mock", mock.pk, reviewer=user)

    def grow(n):
        have = ReviewComment.objects.filter(share=made).count()
        ReviewComment.objects.bulk_create(
            ReviewComment(user=alice, share=made, author=user, body=f"Point {i}")
            for i in range(have, n)
        )

    assert_constant_queries(
        client, reverse("review:shared", args=[made.pk]), grow, small=3, large=100
    )


def test_a_shared_portfolio_stays_constant_as_case_studies_grow(alice, dave):
    from tests.portfolio.factories import make_cases

    user, client = dave
    made = share(alice, "portfolio", 0, reviewer=user)
    assert_constant_queries(
        client,
        reverse("review:shared", args=[made.pk]),
        lambda n: make_cases(alice, n),
        small=3,
        large=100,
    )
