from __future__ import annotations

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
