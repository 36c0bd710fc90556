from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

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
    # Set when a watched board brought the posting in; the inbox is those not yet handled.
    watch = models.ForeignKey(
        "Watch", null=True, blank=True, on_delete=models.SET_NULL, related_name="postings"
    )
    first_seen_at = models.DateTimeField(default=timezone.now)
    inbox_dismissed = models.BooleanField(default=False)

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
            # Ending with `archived` lets the postings page count a family and level from the
            # index alone: `archived` sits after the long descriptions in a posting's row, so
            # reading it from 13,000 rows cost about 30 ms.
            models.Index(
                fields=["user", "family", "level", "archived"], name="posting_family_level"
            ),
            # Ends with what the inbox filters on, so counting it (and the ranking's inbox
            # ids) reads the index alone.
            models.Index(
                fields=[
                    "user",
                    "watch",
                    "inbox_dismissed",
                    "-first_seen_at",
                    "family",
                    "level",
                    "archived",
                ],
                name="posting_inbox",
            ),
            # The inbox in page order: any page reads only its own and the earlier entries
            # instead of sorting every watched posting (22 ms at page 20).
            models.Index(
                fields=["user", "-first_seen_at", "-id", "family", "level"],
                condition=Q(watch__isnull=False, inbox_dismissed=False, archived=False),
                name="posting_inbox_page",
            ),
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
    # A name until the network area exists; then a link to the contact as well.
    referral = models.CharField(max_length=200, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "-stage_changed_at", "-id"]
        indexes = [
            models.Index(
                fields=["user", "archived_at", "stage", "position"], name="application_board"
            ),
            # With the id as the tie-breaker, PostgreSQL walks this index in the table's order
            # and stops after a page, instead of joining and sorting every application.
            models.Index(
                fields=["user", "archived_at", "-stage_changed_at", "-id"],
                name="application_recent_id",
            ),
            # Follow-ups for the calendar and the coach: due dates in order.
            models.Index(fields=["user", "next_action_due"], name="application_due"),
            # The table sorted by company reads its keys from here rather than from 9,000 rows.
            models.Index(
                fields=["user", "archived_at", "company", "role_title"],
                name="application_company_sort",
            ),
            # The funnel's fingerprint (how many, last changed) from the index alone.
            models.Index(fields=["user", "updated_at"], name="application_changed"),
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


BOARD_KINDS = [
    ("greenhouse", "Greenhouse"),
    ("lever", "Lever"),
    ("ashby", "Ashby"),
    ("smartrecruiters", "SmartRecruiters"),
    ("workable", "Workable"),
]


class Watch(OwnedModel):
    """A target company's public job board, polled in the background for new PM roles."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="watches")
    board_kind = models.CharField(max_length=20, choices=BOARD_KINDS)
    board_name = models.CharField(max_length=200)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=500, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)
    last_found = models.PositiveIntegerField(default=0, help_text="Postings on the board.")

    class Meta:
        ordering = ["company__name", "board_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "board_kind", "board_name"], name="watch_unique_board_per_user"
            )
        ]
        indexes = [models.Index(fields=["active", "next_poll_at"], name="watch_due")]

    def __str__(self) -> str:
        return f"{self.board_kind}:{self.board_name}"


class ResearchBrief(OwnedModel):
    """The guide's "research the company and its products": one structured brief per company."""

    FIELDS = [
        "mission",
        "products",
        "customers",
        "competitors",
        "business_model",
        "recent_news",
        "culture",
        "my_contribution",
        "questions_to_ask",
    ]

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="briefs")
    mission = models.TextField(blank=True)
    products = models.TextField(blank=True)
    customers = models.TextField(blank=True, help_text="Customers and segments.")
    competitors = models.TextField(blank=True)
    business_model = models.TextField(blank=True)
    recent_news = models.TextField(blank=True)
    culture = models.TextField(blank=True)
    my_contribution = models.TextField(blank=True, help_text="How my skills contribute.")
    questions_to_ask = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="brief_one_per_company")
        ]

    def __str__(self) -> str:
        return f"Research: {self.company}"

    @property
    def filled(self) -> int:
        return sum(1 for name in self.FIELDS if getattr(self, name).strip())

    @property
    def completeness(self) -> int:
        """Percentage of the brief's fields with something written in them."""
        return round(100 * self.filled / len(self.FIELDS))


INTERVIEW_KINDS = [
    ("recruiter", "Recruiter screen"),
    ("hiring_manager", "Hiring manager"),
    ("product_sense", "Product sense / design"),
    ("execution", "Execution and metrics"),
    ("strategy", "Product strategy"),
    ("technical", "Technical"),
    ("behavioural", "Behavioural"),
    ("case", "Case or take-home"),
    ("panel", "Panel / on-site loop"),
    ("executive", "Executive"),
    ("other", "Other"),
]
INTERVIEW_OUTCOMES = [
    ("pending", "Pending"),
    ("passed", "Passed"),
    ("failed", "Not progressed"),
    ("cancelled", "Cancelled"),
]


class Interview(OwnedModel):
    """One interview round of an application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    kind = models.CharField(max_length=20, choices=INTERVIEW_KINDS, default="recruiter")
    starts_at = models.DateTimeField(help_text="Stored in UTC.")
    time_zone = models.CharField(
        max_length=64, default="UTC", help_text="IANA name, e.g. Europe/Dublin."
    )
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    location = models.CharField(max_length=300, blank=True, help_text="Address or video link.")
    interviewers = models.TextField(blank=True, help_text="One per line: name, role, email.")
    preparation = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=INTERVIEW_OUTCOMES, default="pending")
    outcome_notes = models.TextField(blank=True)
    thank_you_sent_on = models.DateField(null=True, blank=True)
    # Stable across edits, so a calendar that subscribed updates the event instead of duplicating.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["user", "starts_at"], name="interview_upcoming"),
            # An application's rounds in order, and the user's latest round (whose zone is the
            # next one's default), each without reading or sorting every round of the user.
            models.Index(
                fields=["application", "starts_at", "id"], name="interview_of_application"
            ),
            models.Index(fields=["user", "-created_at", "-id"], name="interview_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.application}"


class CalendarFeed(OwnedModel):
    """A private, revocable address a calendar app subscribes to. Only the token's hash is
    stored; the address is shown once, when it is made."""

    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(
        max_length=12, help_text="The token's first characters, to tell feeds apart."
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"calendar feed {self.prefix}…"
