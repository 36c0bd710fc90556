"""Industry trends: the candidate's feed subscriptions, their entries (sanitised before they are
stored), and talking points drawn from them for interviews."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from pmpath.core.models import OwnedModel


class Feed(OwnedModel):
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=300, blank=True)
    site_url = models.URLField(max_length=1000, blank=True)
    # From the starter list (a suggestion the candidate accepted) rather than added by hand.
    suggested = models.BooleanField(default=False)
    tags = models.CharField(max_length=300, blank=True)
    # Conditional requests and back-off.
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    next_fetch_at = models.DateTimeField(default=timezone.now)
    failures = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "url"], name="feed_unique_url")]
        indexes = [models.Index(fields=["next_fetch_at"], name="feed_due")]

    def __str__(self) -> str:
        return self.title or self.url


class Entry(OwnedModel):
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    guid = models.CharField(max_length=1000)
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=300, blank=True)
    # Allowlist-sanitised HTML (nh3) and its plain text for search.
    summary_html = models.TextField(blank=True)
    summary_text = models.TextField(blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    saved = models.BooleanField(default=False)
    tags = models.CharField(max_length=300, blank=True)
    # The reader's own notes on the entry ("turn into a note"), searched with its text.
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="entry_unique_guid"),
        ]
        indexes = [
            models.Index(fields=["user", "-published_at", "-id"], name="entry_list"),
            models.Index(fields=["user", "read_at"], name="entry_read"),
            models.Index(fields=["user", "saved", "-published_at"], name="entry_saved"),
            # Unread and total counts per feed, read from the index alone.
            models.Index(fields=["user", "feed", "read_at"], name="entry_feed_read"),
            # The tags in use ("DISTINCT tags"), read from the index alone.
            models.Index(fields=["user", "tags"], name="entry_tags"),
        ]

    def __str__(self) -> str:
        return self.title or self.guid


class TalkingPoint(OwnedModel):
    """ "A trend I follow": something to say in an interview, usually drawn from an entry."""

    entry = models.ForeignKey(
        Entry, null=True, blank=True, on_delete=models.SET_NULL, related_name="talking_points"
    )
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
