"""The demo candidate's last fortnight, as a coach would read it: an application sent twelve
days ago with no word since, a screening call four days ago with no thank-you note, someone
they know at a company they applied to cold, a contact overdue for a catch-up and a story
without a number. Written by us. Runs after the jobs and portfolio loaders; idempotent."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from pmpath.core.demo import register

STORY = {
    "title": "Rescuing a late data migration",
    "situation": "Our billing data had to move to a new provider before the old contract "
    "ended, and the project was three weeks behind when I joined it.",
    "task": "I was asked to get it back on track without delaying the rest of the roadmap.",
    "action": "I split the migration into slices by customer size, agreed with finance which "
    "reports could wait, and ran a short daily check-in with the two engineers involved.",
    "result": "We finished before the contract ended and nobody noticed the switch.",
    "reflection": "Cutting scope early, with the people who used the reports, mattered more "
    "than working longer hours.",
}


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@register("coach.week", order=80)
def load_week(user: Any) -> str:
    from pmpath.interview.models import Story
    from pmpath.jobs.interview_services import add_interview
    from pmpath.jobs.models import Application, Interview
    from pmpath.network.models import Contact

    today = timezone.localdate()
    apps = {
        a.company.name: a
        for a in Application.objects.owned_by(user).select_related("company", "stage")
        if a.company is not None
    }
    done = []
    # Applied to Figma twelve days ago; not moved and not followed up since.
    figma = apps.get("Figma")
    if figma is not None and figma.stage.name == "Applied":
        sent = today - timedelta(days=12)
        Application.objects.filter(pk=figma.pk).update(
            applied_on=sent, stage_changed_at=_moment(sent), next_action_due=None
        )
        figma.history.update(changed_at=_moment(sent))
        done.append("an application waiting for a follow-up")
    # Notion's screening call was four days ago; no thank-you, no outcome.
    notion = apps.get("Notion")
    if notion is not None:
        screened = today - timedelta(days=4)
        Application.objects.filter(pk=notion.pk).update(
            applied_on=today - timedelta(days=16),
            stage_changed_at=_moment(today - timedelta(days=9)),
        )
        if not Interview.objects.filter(application=notion, starts_at__lt=timezone.now()).exists():
            add_interview(
                user,
                application_id=notion.pk,
                kind="hiring_manager",
                local_start=datetime.combine(screened, time(14, 0)),
                time_zone="Europe/Berlin",
                location="Video call",
                interviewers="Jonas Weber, Group Product Manager, API platform",
                preparation="Tell the developer-onboarding story; ask about the API roadmap.",
            )
        done.append("an interview without a thank-you note")
    # Someone at Figma, and one overdue catch-up.
    if figma is not None:
        Contact.objects.get_or_create(
            user=user,
            first_name="Maya",
            last_name="Lindqvist",
            defaults={
                "company": figma.company,
                "company_name": "Figma",
                "role": "Product Lead, Collaboration",
                "strength": 3,
                "how_met": "Worked together at Tallyframe in 2021",
                "cadence_days": 60,
                "last_touched_on": today - timedelta(days=40),
                "next_due_on": today + timedelta(days=20),
            },
        )
    Contact.objects.get_or_create(
        user=user,
        first_name="Tomás",
        last_name="Ferreira",
        defaults={
            "company_name": "Monzo",
            "role": "Senior Product Manager",
            "strength": 2,
            "how_met": "ProductTank Dublin meetup",
            "cadence_days": 30,
            "last_touched_on": today - timedelta(days=41),
            "next_due_on": today - timedelta(days=11),
        },
    )
    done.append("two contacts")
    if not Story.objects.owned_by(user).filter(title=STORY["title"]).exists():
        Story.objects.create(user=user, skills=["project_management"], **STORY)
    done.append("a story without a number")
    return "coach: " + ", ".join(done)
