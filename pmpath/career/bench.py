"""Career: heavy-user data and pages for the benchmark."""

import random
from typing import Any

from pmpath.bench.registry import Page, generator, not_pages, page
from pmpath.career.services import save_profile


@generator("career.profile", order=10)
def profile(user: Any, rng: random.Random, scale: float) -> str:
    companies = ["Stripe", "Figma", "Notion", "Shopify", "Atlassian", "Linear", "Datadog"]
    save_profile(
        user,
        display_name="Heavy User",
        background=rng.choice(["engineering", "design", "marketing", "data"]),
        current_role="Senior Software Engineer",
        years_experience=rng.randint(3, 12),
        target_level=rng.choice(["pm", "senior_pm"]),
        target_companies=rng.sample(companies, 5),
    )
    return "candidate profile"


page(Page("career", "career:overview", lambda u: "/career/"))
page(Page("the PM role", "career:role", lambda u: "/career/role/"))
page(Page("level: senior PM", "career:level", lambda u: "/career/levels/senior_pm/"))
page(Page("background: design", "career:background", lambda u: "/career/backgrounds/design/"))
page(Page("profile", "career:onboarding", lambda u: "/career/profile/"))
not_pages("career:load_demo")
