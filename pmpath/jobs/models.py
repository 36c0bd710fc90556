from __future__ import annotations

from django.db import models
from django.db.models import Q

from pmpath.core.models import OwnedModel

WORKPLACES = [("remote", "Remote"), ("hybrid", "Hybrid"), ("onsite", "On-site")]
EMPLOYMENT_TYPES = [
    ("full_time", "Full-time"),
    ("part_time", "Part-time"),
    ("contract", "Contract"),
    ("internship", "Internship"),
    ("temporary", "Temporary"),
]
INTERVALS = [("year", "per year"), ("month", "per month"), ("week", "per week"),
             ("day", "per day"), ("hour", "per hour")]  # fmt: skip
FAMILIES = [
    ("product_management", "Product management"),
    ("adjacent", "Adjacent to PM"),
    ("other", "Other"),
]
LEVELS = [
    ("apm", "APM"),
    ("pm", "PM"),
    ("senior_pm", "Senior PM"),
    ("lead_pm", "Lead PM"),
    ("director", "Director+"),
]


class Company(OwnedModel):
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    aliases = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="company_unique_name_per_user")
        ]

    def __str__(self) -> str:
        return self.name


class Posting(OwnedModel):
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="postings"
    )
    title = models.CharField(max_length=300)
    location = models.CharField(max_length=300, blank=True)
    workplace = models.CharField(max_length=10, choices=WORKPLACES, blank=True)
    employment_type = models.CharField(max_length=12, choices=EMPLOYMENT_TYPES, blank=True)
    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    salary_interval = models.CharField(max_length=8, choices=INTERVALS, blank=True)
    description_html = models.TextField(blank=True)
    description_text = models.TextField(blank=True)
    department = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=20, blank=True)
    source_url = models.URLField(max_length=1000, blank=True)
    canonical_url = models.CharField(max_length=1000, blank=True)
    apply_url = models.URLField(max_length=1000, blank=True)
    external_id = models.CharField(max_length=200, blank=True)
    posted_on = models.DateField(null=True, blank=True)
    valid_through = models.DateField(null=True, blank=True)
    family = models.CharField(max_length=20, choices=FAMILIES, default="other")
    level = models.CharField(max_length=12, choices=LEVELS, blank=True)
    classification_confidence = models.FloatField(default=0)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["-posted_on", "-id"]
        constraints = [
            # Re-importing updates in place: one row per source id, and one per canonical URL.
            models.UniqueConstraint(
                fields=["user", "source", "external_id"],
                condition=~Q(external_id=""),
                name="posting_unique_source_id",
            ),
            models.UniqueConstraint(
                fields=["user", "canonical_url"],
                condition=~Q(canonical_url=""),
                name="posting_unique_canonical_url",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "archived", "-posted_on", "-id"], name="posting_list"),
            models.Index(fields=["user", "family", "level"], name="posting_family_level"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def salary_display(self) -> str:
        if self.salary_min is None and self.salary_max is None:
            return ""
        parts = [f"{v:,.0f}" for v in (self.salary_min, self.salary_max) if v is not None]
        span = " \u2013 ".join(dict.fromkeys(parts))
        interval = dict(INTERVALS).get(self.salary_interval, "")
        return " ".join(p for p in (self.salary_currency, span, interval) if p)


class Stage(OwnedModel):
    """A pipeline column. Each user has their own, editable, in their own order."""

    OUTCOMES = [("open", "In progress"), ("won", "Offer accepted"), ("lost", "Closed")]

    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=4, choices=OUTCOMES, default="open")

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="stage_unique_name_per_user")
        ]

    def __str__(self) -> str:
        return self.name


class Application(OwnedModel):
    posting = models.ForeignKey(
        Posting, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    role_title = models.CharField(max_length=300)
    # RESTRICT: a stage with applications cannot be deleted on its own, but deleting the
    # account (which deletes both) works.
    stage = models.ForeignKey(Stage, on_delete=models.RESTRICT, related_name="applications")
    position = models.IntegerField(default=0, help_text="Order within its stage column.")
    stage_changed_at = models.DateTimeField()
    applied_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=100, blank=True, help_text="Where you found the role.")
    next_action = models.CharField(max_length=200, blank=True)
    next_action_due = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    resume_version = models.CharField(max_length=120, blank=True)
    cover_letter_version = models.CharField(max_length=120, blank=True)
    salary_expectation = models.CharField(max_length=120, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "-stage_changed_at", "-id"]
        indexes = [
            models.Index(
                fields=["user", "archived_at", "stage", "position"], name="application_board"
            ),
            models.Index(
                fields=["user", "archived_at", "-stage_changed_at"], name="application_recent"
            ),
        ]

    def __str__(self) -> str:
        return self.role_title


class StageChange(OwnedModel):
    """One move of an application, for the timeline and the funnel."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["application", "changed_at"], name="stagechange_timeline")]
