"""The portfolio: the heavy user's case studies and the pages the benchmark measures."""

from __future__ import annotations

import io
import random
import secrets
from typing import Any

from django.core.files.base import ContentFile

from pmpath.bench.registry import Page, first_id, generator, not_pages, object_ids, page
from pmpath.portfolio.models import Attachment, CaseStudy, PublicLink

PRODUCTS = [
    ("checkout", "online shoppers", "abandoned their basket at the payment step"),
    ("onboarding", "first-time sellers", "gave up before publishing their first product"),
    ("search", "support agents", "could not find the right help article during a call"),
    ("billing", "finance admins", "spent days reconciling invoices by hand every month"),
    ("scheduling", "clinic receptionists", "double-booked appointments during busy mornings"),
    ("mobile app", "delivery drivers", "missed pick-ups because the route changed silently"),
    ("reporting", "store managers", "exported data to spreadsheets to answer simple questions"),
    ("notifications", "new members", "never came back after their first week"),
    ("permissions", "workspace owners", "shared sensitive files with the wrong people"),
    ("pricing page", "small-business buyers", "could not tell which plan fitted their team"),
]
COMPANIES = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Adatum"]
SKILLS = ["communication", "strategic_thinking", "technical_knowledge", "project_management",
          "customer_focus", "leadership"]  # fmt: skip


def _case(rng: random.Random, index: int) -> dict[str, Any]:
    area, who, pain = rng.choice(PRODUCTS)
    before = rng.randrange(18, 60)
    after = before + rng.randrange(4, 20)
    interviews = rng.randrange(6, 25)
    tickets = rng.randrange(100, 900)
    weeks = rng.randrange(3, 12)
    company = rng.choice(COMPANIES)
    good = index % 4 != 3  # every fourth one makes the guide's first mistake
    text = {
        "title": f"Improving {area} for {who} ({index + 1})",
        "summary": f"{who.capitalize()} {pain}; the share who succeeded rose from {before}% to "
        f"{after}% in {weeks} weeks.",
        "company": company,
        "period": f"{2018 + index % 7}",
        "problem": (
            f"At {company}, {who} {pain}. Support heard about it every day, and in our funnel "
            f"only {before}% of them got through the {area} on their first attempt. Each failed "
            "attempt cost the customer time and cost us a support contact."
            if good
            else f"We built a new {area} dashboard with three new screens."
        ),
        "customers": (
            f"{who.capitalize()} using the product on a phone, most of them new to it, about "
            f"{rng.randrange(2, 40)},000 a month. Experienced users had found workarounds; new "
            "ones had not, so I chose to serve them first."
            if good
            else ""
        ),
        "evidence": (
            f"I ran {interviews} interviews, read {tickets} support tickets and mapped the "
            f"funnel step by step. Most drop-offs happened on one screen, and the interviews "
            "showed why: the form asked for information people did not have at hand."
        ),
        "goals": (
            f"Raise first-attempt success from {before}% to {after + 2}% within a quarter, "
            "without raising support contacts or refunds."
        ),
        "options": (
            "We considered three options: a guided wizard (six weeks of work), smart defaults "
            "with an edit-later link (two weeks), and a concierge call for new customers (costly "
            "at our volume). Doing nothing was the baseline."
        ),
        "decision": (
            "Smart defaults first: the smallest change that removed the step where most people "
            "stopped, and one we could test within a month."
        ),
        "my_role": (
            "I wrote the PRD, ran the interviews with our designer, negotiated the scope with "
            "the engineering lead and set up the experiment with our analyst. I presented the "
            "results to the leadership team."
            if good
            else "We launched the feature and added a settings button."
        ),
        "launch": (
            f"An A/B test on 20% of new customers for {weeks} weeks, watching support contacts "
            "daily, then a staged roll-out to everyone."
        ),
        "outcomes": (
            f"First-attempt success rose from {before}% to {after}% (target {after + 2}%); "
            f"support contacts fell by {rng.randrange(5, 30)}% and refunds stayed flat."
            if good
            else "Shipped on time."
        ),
        "learnings": (
            "I would have tested the copy before the layout: most of the lift came from one "
            "sentence. I now write the copy for the riskiest step first."
        ),
    }
    return {**text, "skills": rng.sample(SKILLS, 2), "published": index % 5 != 4}


def _png(rng: random.Random) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
    Image.new("RGB", (320, 200), colour).save(buffer, "PNG")
    return buffer.getvalue()


@generator("portfolio.case_studies", order=70)
def case_studies(user: Any, rng: random.Random, scale: float) -> str:
    total = max(5, round(200 * scale))
    rows = []
    for index in range(total):
        data = _case(rng, index)
        rows.append(CaseStudy(user=user, slug=f"case-study-{index + 1}", order=index, **data))
    CaseStudy.objects.bulk_create(rows, batch_size=500)
    first = list(CaseStudy.objects.owned_by(user).filter(published=True).order_by("order")[:3])
    for position, case in enumerate(first):
        attachment = Attachment(
            user=user, case_study=case, caption="The funnel before and after", alt="A chart",
            width=320, height=200, order=position,
        )  # fmt: skip
        attachment.image.save(f"bench-{position}.png", ContentFile(_png(rng)), save=False)
        attachment.save()
    PublicLink.objects.create(user=user, token=secrets.token_urlsafe(24))
    return f"{total} case studies, {len(first)} images, a public link"


def _first(user: Any, **filters: Any) -> CaseStudy:
    return CaseStudy.objects.owned_by(user).filter(**filters).order_by("order", "id").first()  # type: ignore[return-value]


def _image(user: Any) -> int:
    return (
        Attachment.objects.owned_by(user).order_by("id").values_list("id", flat=True).first() or 0
    )


def _token(user: Any) -> str:
    link = PublicLink.objects.owned_by(user).filter(revoked_at__isnull=True).first()
    return link.token if link else "none"


page(Page("portfolio: overview", "portfolio:index", lambda u: "/portfolio/"))
page(Page("portfolio: new case study", "portfolio:case_new", lambda u: "/portfolio/new/"))
page(
    Page(
        "portfolio: case study",
        "portfolio:case_study",
        lambda u: f"/portfolio/{_first(u).pk}/",
    )
)
page(Page("portfolio: edit", "portfolio:case_edit", lambda u: f"/portfolio/{_first(u).pk}/edit/"))
page(
    Page(
        "portfolio: delete (confirm)",
        "portfolio:case_delete",
        lambda u: f"/portfolio/{_first(u).pk}/delete/",
    )
)
page(Page("portfolio: image", "portfolio:attachment", lambda u: f"/portfolio/images/{_image(u)}/"))
# The site export holds every published case study (160 for the heavy user): a download's
# target, not a page's.
page(
    Page(
        "portfolio: site export (.zip)",
        "portfolio:export_site",
        lambda u: "/portfolio/export/portfolio-site.zip",
        target_p99_ms=2000,
    )
)
page(Page("public portfolio", "public_portfolio:index", lambda u: f"/p/{_token(u)}/", auth="none"))
page(
    Page(
        "public portfolio: case study",
        "public_portfolio:case_study",
        lambda u: f"/p/{_token(u)}/{_first(u, published=True).slug}/",
        auth="none",
    )
)
page(
    Page(
        "public portfolio: image",
        "public_portfolio:image",
        lambda u: f"/p/{_token(u)}/images/{_image(u)}/",
        auth="none",
    )
)
# The PDF lays out every published case study with WeasyPrint: seconds, not milliseconds, for
# the heavy user, and measured by tests/portfolio rather than the page benchmark.
not_pages("portfolio:export_pdf")
not_pages(
    "portfolio:case_reorder",
    "portfolio:case_publish",
    "portfolio:case_move",
    "portfolio:attachment_add",
    "portfolio:attachment_update",
    "portfolio:attachment_delete",
    "portfolio:link_create",
    "portfolio:link_revoke",
)

# Routes that act on one object but are not pages (tests/core/test_isolation.py).
object_ids("portfolio:link_revoke", lambda u: {"pk": first_id(PublicLink, u)})
