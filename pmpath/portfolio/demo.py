"""The demo candidate's portfolio: one finished case study, and one private draft that makes the
guide's first mistake, so the checks have something to show. Written by us."""

from __future__ import annotations

from typing import Any

from pmpath.core.demo import register
from pmpath.portfolio.models import CaseStudy
from pmpath.portfolio.services import save_case_study

FINISHED: dict[str, Any] = {
    "title": "Getting small firms paid a week sooner",
    "slug": "invoice-reminders",
    "summary": "Owners of small firms waited 38 days for an invoice to be paid; automatic, "
    "polite reminders brought it to 31.",
    "company": "Tallyframe",
    "period": "2024",
    "problem": "Owners of firms with one to ten people told us that chasing late invoices was "
    "the part of the job they hated most. They put it off, so money arrived late: the median "
    "invoice was paid 38 days after it was sent, and one in five owners said a late payment "
    "had made them miss a bill of their own.",
    "customers": "Owners of service firms (builders, designers, bookkeepers) who send fewer "
    "than 40 invoices a month and do their own admin, usually in the evening. About 6,500 "
    "of our active accounts.",
    "evidence": "I joined 14 customer calls with our support lead and tagged 420 support "
    "tickets from the previous quarter; late payment came up in 22% of them. Payment data "
    "showed that invoices with any reminder were paid 9 days sooner, but only 12% of owners "
    "ever sent one.",
    "goals": "Cut the median days-to-paid from 38 to 32 within two months of launch, without "
    "raising the share of owners who turn reminders off above 10%.",
    "options": "- A reminder button on each overdue invoice (cheap, but still relies on "
    "the owner remembering).\n- Automatic reminders on a schedule the owner sets once "
    "(more work, removes the chore).\n- Partnering with a collections service (fast results, "
    "but owners feared it would damage relationships).",
    "decision": "Automatic reminders, off by default for existing invoices and suggested on "
    "the next invoice sent, with wording owners could edit. The collections partnership was "
    "left out after five owners in the calls said they would never use it.",
    "my_role": "I wrote the one-page spec with our PM, ran the ticket analysis, drafted the "
    "three reminder emails and tested them with six owners, and I built the scheduling service "
    "with one other engineer. I also set up the dashboard we used to watch the guardrail.",
    "launch": "A three-week experiment on half of new invoices, then a staged roll-out by "
    "country. We watched unsubscribes and complaints daily in the first week.",
    "outcomes": "The median days-to-paid fell from 38 to 31 (goal: 32), 41% of owners kept "
    "reminders on after the first month, and only 4% turned them off. Support tickets about "
    "late payment fell by 18% over the quarter.",
    "learnings": "I would have tested the email wording with owners' own customers, not only "
    "with owners: the friendliest version was also the one paid fastest. Since then I test "
    "copy with the people who receive it.",
    "skills": ["customer_focus", "technical_knowledge", "communication"],
    "published": True,
}

DRAFT: dict[str, Any] = {
    "title": "The new invoice dashboard",
    "slug": "invoice-dashboard",
    "summary": "A redesign of the invoices screen.",
    "problem": "We built a new dashboard for invoices with filters and a chart.",
    "launch": "We launched the feature with three new screens and an export button.",
    "outcomes": "Shipped on time.",
    "published": False,
}


@register("portfolio.case_studies", order=60)
def load_case_studies(user: Any) -> str:
    for values in (FINISHED, DRAFT):
        existing = CaseStudy.objects.owned_by(user).filter(slug=values["slug"]).first()
        save_case_study(user, case_study_id=existing.pk if existing else None, **values)
    return "portfolio: a finished case study and a private draft"
