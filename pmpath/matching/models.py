"""The candidate's resume (one structured profile per user, kept as a JSON Resume document so
import and export round-trip without loss), tailored versions of it, and cached match scores."""

from __future__ import annotations

from django.db import models

from pmpath.core.models import OwnedModel

RESUME_SOURCES = [
    ("manual", "Written here"),
    ("json-resume", "JSON Resume"),
    ("linkedin", "LinkedIn export"),
    ("pdf", "PDF"),
    ("docx", "Word document"),
    ("text", "Plain text"),
]


class Resume(OwnedModel):
    """The one structured profile per user. `data` is a JSON Resume document (basics, work,
    projects, education, skills, certificates, languages, …), valid against the published
    schema. `draft` holds what a PDF/DOCX/text import detected until the candidate confirms it."""

    data = models.JSONField(default=dict)
    source = models.CharField(max_length=12, choices=RESUME_SOURCES, default="manual")
    draft = models.JSONField(null=True, blank=True)
    draft_source = models.CharField(max_length=12, choices=RESUME_SOURCES, blank=True)
    draft_filename = models.CharField(max_length=255, blank=True)
    # sha256 of the canonical JSON of `data`: match scores computed for another checksum are
    # stale.
    checksum = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user"], name="resume_one_per_user")]

    def __str__(self) -> str:
        basics = self.data.get("basics") or {}
        return str(basics.get("name") or "Resume")


class ResumeVersion(OwnedModel):
    """A tailored resume derived from the profile: its own copy of the document (reordered,
    reworded, trimmed) and, optionally, the posting it was tailored for."""

    name = models.CharField(max_length=200)
    data = models.JSONField(default=dict)
    posting = models.ForeignKey(
        "jobs.Posting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["user", "-updated_at", "-id"], name="resumeversion_list")]

    def __str__(self) -> str:
        return self.name


class MatchScore(OwnedModel):
    """A posting's last computed match against the user's resume: the 0-100 score and its
    parts, for lists and the coach. Stale when `resume_checksum` differs from the resume's."""

    posting = models.ForeignKey("jobs.Posting", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    parts = models.JSONField(default=dict)
    resume_checksum = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "posting"], name="matchscore_one_per_posting")
        ]
        indexes = [models.Index(fields=["user", "-score", "-id"], name="matchscore_best")]

    def __str__(self) -> str:
        return f"{self.posting_id}: {self.score}"
