from django.urls import reverse

from pmpath.career.models import CandidateProfile
from pmpath.career.queries import needs_onboarding
from pmpath.core.demo import load_demo

VALID = {
    "display_name": "Alice Example",
    "background": "design",
    "current_role": "Product Designer",
    "current_company": "Acme",
    "years_experience": "4",
    "target_level": "pm",
    "target_companies": "Stripe, Figma\nfigma\nNotion",
}


def test_onboarding_stores_the_candidate_profile(alice, client):
    client.force_login(alice)
    response = client.post(reverse("career:onboarding"), VALID)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    profile = CandidateProfile.objects.get(user=alice)
    assert profile.background == "design"
    assert profile.target_level == "pm"
    assert profile.years_experience == 4
    assert profile.target_companies == ["Stripe", "Figma", "Notion"]
    assert not needs_onboarding(alice)
    assert client.get("/").status_code == 200


def test_onboarding_shows_inline_errors_and_keeps_the_answers(alice, client):
    client.force_login(alice)
    response = client.post(
        reverse("career:onboarding"), {**VALID, "background": "astronaut", "years_experience": "-3"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('aria-invalid="true"') >= 2
    assert "Select a valid choice" in body
    assert 'value="Alice Example"' in body
    assert not CandidateProfile.objects.filter(user=alice).exists()


def test_the_profile_page_edits_an_existing_profile(alice_client, alice):
    response = alice_client.get(reverse("career:onboarding"))
    assert b"Your candidate profile" in response.content
    alice_client.post(reverse("career:onboarding"), {**VALID, "target_level": "senior_pm"})
    assert CandidateProfile.objects.get(user=alice).target_level == "senior_pm"


def test_the_demo_choice_loads_the_demo_candidate(alice, client):
    client.force_login(alice)
    response = client.post(reverse("career:load_demo"))
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=alice)
    assert profile.is_demo and profile.onboarded and profile.target_companies
    assert b"demo data" in client.get("/").content


def test_loading_the_demo_twice_changes_nothing(alice):
    load_demo(alice)
    first = CandidateProfile.objects.filter(user=alice).values().get()
    load_demo(alice)
    second = CandidateProfile.objects.filter(user=alice).values().get()
    assert CandidateProfile.objects.filter(user=alice).count() == 1
    first.pop("updated_at"), second.pop("updated_at")
    assert first == second


def test_bob_does_not_see_alices_profile(alice_client, bob_client):
    alice_client.post(reverse("career:onboarding"), {**VALID, "display_name": "Alice Secret"})
    assert b"Alice Secret" not in bob_client.get(reverse("career:onboarding")).content
    assert b"Alice Secret" not in bob_client.get("/").content


def test_charlie_is_asked_to_log_in_for_onboarding(charlie_client):
    response = charlie_client.get(reverse("career:onboarding"))
    assert response.status_code == 302
    assert charlie_client.post(reverse("career:load_demo")).status_code == 302
