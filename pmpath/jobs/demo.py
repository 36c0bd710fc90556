"""The demo candidate's job search: a few companies, postings and applications across stages."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from pmpath.core.demo import register
from pmpath.jobs.importers.base import ParsedPosting
from pmpath.jobs.models import Application
from pmpath.jobs.services import create_application, ensure_stages, move_application, save_postings

DEMO_POSTINGS = [
    ("Product Manager, Payments Platform", "Stripe", "Dublin, Ireland", "hybrid", "Saved"),
    ("Product Manager - Collaboration", "Figma", "London, UK", "hybrid", "Applied"),
    ("Technical Product Manager, API", "Notion", "Remote (Europe)", "remote", "Screening"),
    ("Product Manager II, Checkout", "Shopify", "Remote", "remote", "Interviewing"),
    ("Product Manager, Developer Experience", "Atlassian", "Amsterdam", "onsite", "Rejected"),
    ("Associate Product Manager", "Tallyframe", "Berlin", "onsite", "Withdrawn"),
]


@register("jobs.pipeline", order=20)
def load_pipeline(user: Any) -> str:
    today = date.today()
    parsed = [
        ParsedPosting(
            title=title,
            company=company,
            location=location,
            workplace=workplace,
            employment_type="full_time",
            source="demo",
            external_id=f"demo-{index}",
            posted_on=today - timedelta(days=3 + index * 4),
            description_text=f"{title} at {company}. A demo posting written for pmpath.",
            description_html=f"<p>{title} at {company}. A demo posting written for pmpath.</p>",
        )
        for index, (title, company, location, workplace, _) in enumerate(DEMO_POSTINGS)
    ]
    report = save_postings(user, parsed)
    stages = {s.name: s for s in ensure_stages(user)}
    created = 0
    for posting, (_, _, _, _, stage_name) in zip(report.postings, DEMO_POSTINGS, strict=True):
        if Application.objects.owned_by(user).filter(posting=posting).exists():
            continue
        application = create_application(
            user, posting_id=posting.pk, source="company site", next_action="Follow up"
        )
        if stage_name in stages and stage_name != "Saved":
            move_application(user, application_id=application.pk, stage_id=stages[stage_name].pk)
        created += 1
    rounds = _load_interviews(user, report.postings)
    return (
        f"job search: {len(report.postings)} postings, {created} new applications, "
        f"{rounds} new interview rounds"
    )


# Two rounds coming up, each in the zone its company would send the invitation in.
DEMO_INTERVIEWS = [
    (
        "Shopify",
        "product_sense",
        3,
        time(15, 0),
        "America/Toronto",
        "https://meet.example.test/shopify-checkout",
        "Priya Raman, Group PM Checkout, priya@shopify.example\nLeo Martin, Staff Engineer",
        "Design a checkout for first-time buyers on mobile. Start from the customer and their "
        "goal, size the problem, then trade off two solutions and name the success metric.",
    ),
    (
        "Notion",
        "recruiter",
        6,
        time(10, 30),
        "Europe/Berlin",
        "Phone call",
        "Hanna Vogel, Technical Recruiter",
        "Two-minute story of why PM, why Notion and why the API team; salary range ready.",
    ),
]


def _load_interviews(user: Any, postings: list[Any]) -> int:
    from pmpath.jobs.interview_services import add_interview
    from pmpath.jobs.models import Interview

    by_company = {
        a.company.name: a
        for a in Application.objects.owned_by(user)
        .filter(posting__in=postings)
        .select_related("company")
        if a.company
    }
    added = 0
    for company, kind, days, at, zone, where, people, notes in DEMO_INTERVIEWS:
        application = by_company.get(company)
        if application is None or Interview.objects.filter(application=application).exists():
            continue
        add_interview(
            user,
            application_id=application.pk,
            kind=kind,
            local_start=datetime.combine(date.today() + timedelta(days=days), at),
            time_zone=zone,
            location=where,
            interviewers=people,
            preparation=notes,
        )
        added += 1
    return added
