from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from pmpath.core.models import OwnedModel


class Competency(models.Model):
    """One of the skills the ladder measures: the guide's four core skills plus customer focus
    and leadership."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    core = models.BooleanField(help_text="One of the guide's four core PM skills.")
    summary = models.TextField()
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    short = models.CharField(max_length=20)
    order = models.PositiveSmallIntegerField()
    typical_years = models.CharField(max_length=20)
    summary = models.TextField()
    scope = models.TextField()
    titles = models.JSONField(default=list)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Behaviour(models.Model):
    """An observable behaviour expected of a level in one competency."""

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="behaviours")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["level__order", "competency__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "competency", "order"], name="behaviour_unique_position"
            )
        ]

    def __str__(self) -> str:
        return self.text


class Background(models.Model):
    """A background people arrive in product management from, with its strengths and gaps."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    summary = models.TextField()
    order = models.PositiveSmallIntegerField()
    strengths = models.JSONField(default=list)
    gaps = models.JSONField(default=list)
    first_steps = models.JSONField(default=list)
    stretch_projects = models.JSONField(default=list)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Guide(models.Model):
    """Structured guidance text (the PM role, each area's playbook), loaded from data/."""

    key = models.SlugField(max_length=60, unique=True)
    content = models.JSONField()

    def __str__(self) -> str:
        return self.key


class CandidateProfile(OwnedModel):
    """Who the candidate is and what they aim at: asked at first log-in."""

    display_name = models.CharField(max_length=120, blank=True)
    background = models.SlugField(max_length=40, blank=True)
    current_role = models.CharField(max_length=120, blank=True)
    current_company = models.CharField(max_length=120, blank=True)
    years_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    target_level = models.SlugField(max_length=40, blank=True)
    target_companies = models.JSONField(default=list, blank=True)
    headline = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    onboarded_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user"], name="one_profile_per_user")]

    def __str__(self) -> str:
        return self.display_name or f"profile {self.pk}"

    @property
    def onboarded(self) -> bool:
        return self.onboarded_at is not None


# --- the candidate's growth: assessments, experience, learning, weekly goals -------------------

RATING_STATUSES = [
    ("not_yet", "Not yet"),
    ("sometimes", "Sometimes"),
    ("consistently", "Consistently"),
]
EVIDENCE_KINDS = [
    ("story", "Story"),
    ("case_study", "Case study"),
    ("experience", "Experience log entry"),
    ("practice", "Practice score"),
    ("link", "Link or other proof"),
]


class Assessment(OwnedModel):
    """One self-assessment against the ladder's behaviours. Re-assessing makes a new one, so
    the history shows growth."""

    target_level = models.SlugField(max_length=40, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="assessment_recent")]

    def __str__(self) -> str:
        return f"Assessment of {self.created_at:%d %b %Y}" if self.created_at else "Assessment"


class BehaviourRating(OwnedModel):
    """How often the candidate shows one observable behaviour of one level."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    behaviour = models.ForeignKey(Behaviour, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=RATING_STATUSES, default="not_yet")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "behaviour"], name="rating_one_per_behaviour"
            )
        ]

    def __str__(self) -> str:
        return f"{self.behaviour_id}: {self.status}"


class Evidence(OwnedModel):
    """Proof attached to a rating: a story, case study, experience entry, practice score or
    link. A rating with evidence counts fully; without, it is shown as a claim."""

    rating = models.ForeignKey(BehaviourRating, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=12, choices=EVIDENCE_KINDS)
    object_id = models.PositiveIntegerField(null=True, blank=True)
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.label


EXPERIENCE_STATUSES = [("planned", "Planned"), ("doing", "In progress"), ("done", "Done")]


class Experience(OwnedModel):
    """The experience log: a stretch experience planned or done, what came of it, and the
    skills it evidences."""

    title = models.CharField(max_length=200)
    status = models.CharField(max_length=8, choices=EXPERIENCE_STATUSES, default="done")
    done_on = models.DateField(null=True, blank=True)
    what = models.TextField(blank=True, help_text="What I did.")
    outcome = models.TextField(blank=True)
    skills = models.JSONField(default=list, blank=True)
    # The background's suggested stretch experience this came from, if any.
    stretch_key = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-done_on", "-id"]

    def __str__(self) -> str:
        return self.title


RESOURCE_KINDS = [
    ("course", "Course"),
    ("certification", "Certification"),
    ("book", "Book"),
    ("podcast", "Podcast"),
    ("newsletter", "Newsletter"),
    ("community", "Community"),
    ("article", "Article"),
    ("video", "Video"),
    ("tool", "Tool"),
]


class ResourceQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ResourceQuerySet:
        """The shipped catalogue plus this user's own additions."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.filter(owner__isnull=True)
        return self.filter(models.Q(owner__isnull=True) | models.Q(owner=user))


class Resource(models.Model):
    """A learning resource. Shipped (and admin-added) ones have no owner; a user's own have."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.SlugField(max_length=80, blank=True)
    name = models.CharField(max_length=200)
    provider = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=14, choices=RESOURCE_KINDS)
    url = models.URLField(max_length=500, blank=True)
    cost = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    hours = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    levels = models.JSONField(default=list, blank=True)
    skills = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~models.Q(key=""), name="resource_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return self.name


ENROLMENT_STATUSES = [
    ("planned", "Planned"),
    ("active", "In progress"),
    ("done", "Completed"),
    ("dropped", "Dropped"),
]


class Enrolment(OwnedModel):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(max_length=8, choices=ENROLMENT_STATUSES, default="planned")
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent.")
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    certificate_url = models.CharField(max_length=1000, blank=True)
    applied_notes = models.TextField(blank=True, help_text="What I applied from it.")

    class Meta:
        ordering = ["status", "-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "resource"], name="enrolment_one_per_resource")
        ]

    def __str__(self) -> str:
        return f"{self.resource} ({self.status})"


class WeeklyGoal(OwnedModel):
    """Targets for one week (starting Monday): applications, outreach, practice, learning."""

    week_start = models.DateField()
    applications = models.PositiveSmallIntegerField(default=0)
    outreach = models.PositiveSmallIntegerField(default=0)
    practice_sessions = models.PositiveSmallIntegerField(default=0)
    learning_hours = models.DecimalField(max_digits=4, decimal_places=1, default=0)

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["user", "week_start"], name="goal_one_per_week")
        ]

    def __str__(self) -> str:
        return f"Goals for the week of {self.week_start}"
