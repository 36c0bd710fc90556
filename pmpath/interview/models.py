"""Interview practice: the question bank, attempts with feedback, spaced-repetition cards,
stories, mock interviews and per-application prep.

Shipped questions have no owner and a `key`; a user's own questions have an owner and are seen
only by them (`Question.objects.visible_to(user)`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from pmpath.core.models import OwnedModel
from pmpath.jobs.models import Application, Company

CATEGORIES = [
    ("product_sense", "Product sense / design"),
    ("strategy", "Product strategy"),
    ("estimation", "Estimation"),
    ("execution", "Execution and metrics"),
    ("technical", "Technical"),
    ("behavioural", "Behavioural"),
    ("motivation", "Motivation"),
    ("company", "Company research"),
]
DIFFICULTIES = [(1, "Warm-up"), (2, "Standard"), (3, "Hard")]
LEVELS = ["apm", "pm", "senior_pm", "lead_pm", "director"]
# FSRS ratings, as the candidate gives them after comparing with the model points.
RATINGS = [(1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")]


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> QuestionQuerySet:
        """The shipped bank plus this user's own questions."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.filter(owner__isnull=True)
        return self.filter(Q(owner__isnull=True) | Q(owner=user))


class Question(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.SlugField(max_length=80, blank=True, help_text="Set for shipped questions.")
    text = models.TextField()
    category = models.CharField(max_length=16, choices=CATEGORIES)
    difficulty = models.PositiveSmallIntegerField(choices=DIFFICULTIES, default=2)
    levels = models.JSONField(default=list, blank=True)
    skills = models.JSONField(default=list, blank=True)
    themes = models.JSONField(default=list, blank=True, help_text="Behavioural themes.")
    company = models.CharField(max_length=200, blank=True)
    follow_ups = models.JSONField(default=list, blank=True)
    strong_answer = models.JSONField(default=list, blank=True, help_text="Model points.")
    pitfalls = models.JSONField(default=list, blank=True)
    framework = models.CharField(max_length=40, blank=True)
    time_limit_seconds = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["category", "difficulty", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="question_unique_key"
            ),
        ]
        indexes = [
            models.Index(fields=["category", "difficulty"], name="question_category"),
            models.Index(fields=["owner", "category"], name="question_owner"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Mock(OwnedModel):
    """A set of questions run back-to-back with timers, then a report."""

    STATUSES = [("ready", "Ready"), ("running", "In progress"), ("done", "Done")]

    title = models.CharField(max_length=200)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="mocks"
    )
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="mocks"
    )
    level = models.CharField(max_length=12, blank=True)
    questions = models.ManyToManyField(Question, through="MockItem", related_name="+")
    status = models.CharField(max_length=8, choices=STATUSES, default="ready")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class MockItem(models.Model):
    mock = models.ForeignKey(Mock, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["mock", "order"], name="mockitem_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.question}"


class Attempt(OwnedModel):
    """One answer to one question. A draft (autosaved) until submitted."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attempts")
    mock = models.ForeignKey(
        Mock, null=True, blank=True, on_delete=models.SET_NULL, related_name="attempts"
    )
    answer = models.TextField(blank=True, help_text="Markdown.")
    spoken_notes = models.TextField(blank=True)
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    feedback = models.JSONField(default=dict, blank=True, help_text="The engine's parts.")
    llm_critique = models.TextField(blank=True)
    rating = models.PositiveSmallIntegerField(choices=RATINGS, null=True, blank=True)
    rubric = models.JSONField(default=dict, blank=True, help_text="Self-rating per dimension.")
    self_review = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["user", "question", "-started_at"], name="attempt_question"),
            models.Index(fields=["user", "-submitted_at"], name="attempt_recent"),
            # Covers the progress chart's scores by day and its streak (interview overview):
            # the answers' own rows, with their text and feedback, stay unread.
            models.Index(
                fields=["user", "submitted_at", "score", "question"], name="attempt_scored"
            ),
        ]

    def __str__(self) -> str:
        return f"Attempt at {self.question}"


class ReviewCard(OwnedModel):
    """The spaced-repetition state (FSRS) of one practised question for one user."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="cards")
    state = models.JSONField(default=dict, help_text="fsrs.Card.to_dict().")
    due_at = models.DateTimeField()
    last_rating = models.PositiveSmallIntegerField(choices=RATINGS, null=True, blank=True)
    reviews = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="card_one_per_question")
        ]
        indexes = [models.Index(fields=["user", "due_at"], name="card_due")]

    def __str__(self) -> str:
        return f"Card for {self.question}"


class Story(OwnedModel):
    """A story for behavioural questions: situation, task, action, result, reflection."""

    title = models.CharField(max_length=200)
    situation = models.TextField(blank=True)
    task = models.TextField(blank=True)
    action = models.TextField(blank=True)
    result = models.TextField(blank=True)
    reflection = models.TextField(blank=True)
    skills = models.JSONField(default=list, blank=True)
    themes = models.JSONField(default=list, blank=True)
    metrics = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


class StoryUse(OwnedModel):
    """Where a story was told (or is planned): which question, company or application."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="uses")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.CASCADE, related_name="story_uses"
    )
    used_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-used_on", "-id"]


class PrepNote(OwnedModel):
    """The candidate's own prep for one application's interviews."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="prep_notes"
    )
    why_company = models.TextField(blank=True, help_text="My 'why this company' answer.")
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "application"], name="prep_one_per_application")
        ]

    def __str__(self) -> str:
        return f"Prep for {self.application}"
