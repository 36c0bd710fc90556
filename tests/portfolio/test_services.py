"""Writes for the portfolio: case studies, order, images and public links."""

import pytest
from django.http import Http404

from pmpath.portfolio import services
from pmpath.portfolio.models import Attachment, CaseStudy, PublicLink
from pmpath.portfolio.services import PortfolioError
from tests.portfolio.factories import image_bytes, make_case, make_image


def titles(user):
    return list(CaseStudy.objects.owned_by(user).values_list("title", flat=True))


def test_it_creates_a_case_study_at_the_end_with_a_slug_from_its_title(alice):
    make_case(alice, title="First")
    second = make_case(alice, title="Faster checkout for shoppers!")
    assert second.slug == "faster-checkout-for-shoppers"
    assert titles(alice) == ["First", "Faster checkout for shoppers!"]


def test_slugs_are_unique_per_user_and_numbered_when_made_from_a_title(alice, bob):
    assert make_case(alice, title="Checkout").slug == "checkout"
    assert make_case(alice, title="Checkout").slug == "checkout-2"
    assert make_case(bob, title="Checkout").slug == "checkout"


def test_a_slug_asked_for_that_is_taken_is_refused_by_name(alice):
    make_case(alice, title="One", slug="checkout")
    with pytest.raises(PortfolioError, match="slug: you already have a case study at 'checkout'"):
        make_case(alice, title="Two", slug="checkout")


def test_updating_keeps_the_slug_and_the_sections_not_given(alice):
    case = make_case(alice, title="Checkout")
    services.save_case_study(
        alice, case_study_id=case.pk, title="Checkout", slug="checkout", problem="New problem text."
    )
    case.refresh_from_db()
    assert case.slug == "checkout" and case.problem == "New problem text."
    assert case.outcomes.startswith("Sellers publishing")


def test_a_case_study_needs_a_title(alice):
    with pytest.raises(PortfolioError, match="title: give the case study a title"):
        services.save_case_study(alice, title="   ")


def test_skills_must_be_the_ladders(alice):
    assert make_case(alice, skills=["customer_focus", "customer_focus"]).skills == [
        "customer_focus"
    ]
    with pytest.raises(PortfolioError, match="skills: 'juggling' is not a skill"):
        make_case(alice, skills=["juggling"])


def test_bob_cannot_update_or_delete_alices_case_study(alice, bob):
    case = make_case(alice)
    with pytest.raises(Http404):
        services.save_case_study(bob, case_study_id=case.pk, title="Mine now")
    with pytest.raises(Http404):
        services.delete_case_study(bob, case_study_id=case.pk)
    with pytest.raises(Http404):
        services.set_published(bob, case_study_id=case.pk, published=False)
    assert CaseStudy.objects.get(pk=case.pk).title == case.title


def test_it_moves_a_case_study_up_and_down_and_stops_at_the_ends(alice):
    a, _b, c = (make_case(alice, title=t) for t in "ABC")
    services.move_case_study(alice, case_study_id=c.pk, by=-1)
    assert titles(alice) == ["A", "C", "B"]
    services.move_case_study(alice, case_study_id=a.pk, by=-1)
    assert titles(alice) == ["A", "C", "B"]
    services.move_case_study(alice, case_study_id=a.pk, by=1)
    assert titles(alice) == ["C", "A", "B"]


def test_it_reorders_case_studies_after_a_drag(alice, bob):
    a, b, c = (make_case(alice, title=t) for t in "ABC")
    services.reorder_case_studies(alice, case_study_ids=[c.pk, a.pk, b.pk])
    assert titles(alice) == ["C", "A", "B"]
    with pytest.raises(PortfolioError, match="every case study exactly once"):
        services.reorder_case_studies(alice, case_study_ids=[c.pk, a.pk])
    theirs = make_case(bob)
    with pytest.raises(Http404):
        services.reorder_case_studies(alice, case_study_ids=[c.pk, a.pk, theirs.pk])


def test_an_image_is_stored_cleaned_with_its_size_and_a_random_name(alice):
    case = make_case(alice)
    attachment = make_image(alice, case, filename="my secret roadmap.png")
    assert (attachment.width, attachment.height) == (40, 30)
    assert "secret" not in attachment.image.name
    assert attachment.image.name.startswith(f"portfolio/{alice.pk}/{case.pk}/")
    assert attachment.image.storage.exists(attachment.image.name)


def test_a_bad_image_is_refused_and_nothing_is_stored(alice):
    case = make_case(alice)
    with pytest.raises(PortfolioError, match="image: notes.png is not an image"):
        services.add_attachment(
            alice, case_study_id=case.pk, data=b"not an image", filename="notes.png"
        )
    assert not Attachment.objects.exists()


def test_bob_cannot_add_images_to_alices_case_study_or_touch_hers(alice, bob):
    case = make_case(alice)
    attachment = make_image(alice, case)
    with pytest.raises(Http404):
        services.add_attachment(bob, case_study_id=case.pk, data=image_bytes())
    with pytest.raises(Http404):
        services.update_attachment(bob, attachment_id=attachment.pk, caption="x", alt="x")
    with pytest.raises(Http404):
        services.delete_attachment(bob, attachment_id=attachment.pk)


@pytest.mark.django_db(transaction=True)
def test_deleting_an_image_or_its_case_study_removes_the_files(alice):
    case = make_case(alice)
    first, second = make_image(alice, case), make_image(alice, case)
    storage = first.image.storage
    services.delete_attachment(alice, attachment_id=first.pk)
    assert not storage.exists(first.image.name)
    assert storage.exists(second.image.name)
    services.delete_case_study(alice, case_study_id=case.pk)
    assert not storage.exists(second.image.name)


def test_a_rolled_back_delete_keeps_the_file(alice):
    # Inside the test's transaction nothing commits, so the file must still be there.
    case = make_case(alice)
    attachment = make_image(alice, case)
    services.delete_attachment(alice, attachment_id=attachment.pk)
    assert attachment.image.storage.exists(attachment.image.name)


def test_there_is_one_live_public_link_at_a_time_and_revoking_ends_it(alice, bob):
    link = services.create_public_link(alice)
    assert services.create_public_link(alice) == link
    assert len(link.token) >= 30
    with pytest.raises(Http404):
        services.revoke_public_link(bob, link_id=link.pk)
    services.revoke_public_link(alice, link_id=link.pk)
    fresh = services.create_public_link(alice)
    assert fresh.token != link.token
    assert PublicLink.objects.owned_by(alice).filter(revoked_at__isnull=True).count() == 1
