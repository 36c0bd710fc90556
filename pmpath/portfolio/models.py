"""The candidate's portfolio: case studies that follow the product lifecycle, with images, and
a public link they can revoke."""

from __future__ import annotations

from django.db import models

from pmpath.core.models import OwnedModel


class CaseStudy(OwnedModel):
    # The lifecycle sections, in the order they are written and shown.
    SECTIONS = [
        "problem",
        "customers",
        "evidence",
        "goals",
        "options",
        "decision",
        "my_role",
        "launch",
        "outcomes",
        "learnings",
    ]

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    summary = models.CharField(max_length=300, blank=True, help_text="One line for the index.")
    company = models.CharField(max_length=200, blank=True)
    period = models.CharField(max_length=60, blank=True, help_text="e.g. 2024 to 2025")
    problem = models.TextField(blank=True, help_text="The problem and who had it.")
    customers = models.TextField(blank=True, help_text="Customers and segments.")
    evidence = models.TextField(blank=True, help_text="Research and data.")
    goals = models.TextField(blank=True, help_text="Goals and success metrics.")
    options = models.TextField(blank=True, help_text="Options considered.")
    decision = models.TextField(blank=True)
    my_role = models.TextField(blank=True, help_text="What I personally did.")
    launch = models.TextField(blank=True)
    outcomes = models.TextField(blank=True, help_text="Outcomes, with numbers.")
    learnings = models.TextField(blank=True)
    skills = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=True, help_text="Included in exports and the link.")

    class Meta:
        ordering = ["order", "-updated_at", "id"]
        verbose_name_plural = "case studies"
        constraints = [
            models.UniqueConstraint(fields=["user", "slug"], name="casestudy_unique_slug")
        ]

    def __str__(self) -> str:
        return self.title


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"portfolio/{instance.user_id}/{instance.case_study_id}/{filename}"


class Attachment(OwnedModel):
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="attachments")
    image = models.FileField(upload_to=attachment_path, max_length=300)
    caption = models.CharField(max_length=300, blank=True)
    alt = models.CharField(max_length=300, blank=True, help_text="Describes the image.")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


class PublicLink(OwnedModel):
    """A public, revocable address for the published portfolio (hosted mode)."""

    token = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"public link {self.token[:6]}…"
