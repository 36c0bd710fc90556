from django.urls import reverse

from pmpath.portfolio.models import CaseStudy


def test_the_portfolio_lists_only_the_owners_case_studies(alice, bob, alice_client):
    CaseStudy.objects.create(user=alice, title="Faster checkout", slug="checkout")
    CaseStudy.objects.create(user=bob, title="Bob's secret launch", slug="secret")
    body = alice_client.get(reverse("portfolio:index")).content.decode()
    assert "Faster checkout" in body and "secret launch" not in body


def test_an_empty_portfolio_says_what_a_good_case_study_holds(alice_client, charlie_client):
    assert "No case studies yet" in alice_client.get(reverse("portfolio:index")).content.decode()
    assert charlie_client.get(reverse("portfolio:index")).status_code == 302
