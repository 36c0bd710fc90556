"""A newcomer signs up, answers the onboarding questions, logs out and back in."""

import pytest

from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "quiet river lantern 8"


def sign_up(page, username: str) -> None:
    page.goto("/")
    page.get_by_role("button", name="Create your account").click()
    page.get_by_label("Username").fill(username)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()


def test_a_newcomer_signs_up_onboards_and_logs_back_in(page):
    sign_up(page, "nadia")
    page.get_by_role("heading", name="Welcome. Where are you starting from?").wait_for()
    screenshot(page, "onboarding")

    page.get_by_label("Your name").fill("Nadia Test")
    page.get_by_label("Software engineering").check()
    page.get_by_label("Current role").fill("Backend Engineer")
    page.get_by_label("Years of work experience").fill("5")
    page.get_by_label("Which PM level are you aiming at?").select_option("pm")
    page.get_by_label("Target companies").fill("Stripe\nFigma")
    page.get_by_role("button", name="Save and see my plan").click()

    page.get_by_role("heading", name="Hello, Nadia").wait_for()
    assert page.get_by_text("What a Product Manager does").is_visible()
    assert page.locator(".chips li", has_text="Stripe").is_visible()
    screenshot(page, "dashboard")

    page.locator("details.dropdown summary").click()
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("button", name="Create your account").wait_for()

    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Username").fill("nadia")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Hello, Nadia").wait_for()
    assert page.js_errors == []


def test_a_newcomer_explores_with_demo_data(page):
    sign_up(page, "visitor")
    page.get_by_role("button", name="Explore with demo data").click()
    page.get_by_text("Demo data loaded").wait_for()
    assert page.locator("mark", has_text="demo data").is_visible()
    page.get_by_role("link", name="Career", exact=True).click()
    page.get_by_role("heading", name="The ladder").wait_for()
    assert page.locator("mark", has_text="your target").is_visible()
    screenshot(page, "career")


def test_a_wrong_password_is_explained_in_the_form(page):
    sign_up(page, "mira")
    page.locator("details.dropdown summary").click()
    page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("mira")
    page.locator("#id_password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("alert").inner_text().startswith("Please enter a correct username")


def test_the_front_end_libraries_load_from_the_app_itself(page):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto("/-/patterns")
    assert page.evaluate("typeof htmx") == "object"
    assert all(url.startswith(page.url.split("/-/")[0]) for url in requests)
    assert page.js_errors == []
    screenshot(page, "patterns")
