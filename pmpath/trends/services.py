"""Writes for the trends area: subscriptions (by address, from the starter list, from OPML),
what a reader does with entries, and turning an entry into a talking point, a note or a
learning-plan item. Keyword-only arguments, the acting user first."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import IntegrityError, transaction
from django.utils import timezone

from pmpath.core import generation
from pmpath.core.models import get_owned_or_404
from pmpath.trends import fetcher
from pmpath.trends.models import Entry, Feed, TalkingPoint
from pmpath.trends.opml import OpmlError, OpmlFeed, normalise_tag, parse_opml, write_opml
from pmpath.trends.parsing import FeedError, discover, looks_like_html, parse_feed

MAX_FEEDS = 500  # per person
MAX_TAGS = 10
NOTE_MAX = 10_000
STARTER = Path(__file__).parent / "data" / "feeds.yaml"


class TrendsError(Exception):
    """A request pmpath cannot carry out; the message starts with the field it is about."""


@dataclass(frozen=True)
class Suggestion:
    key: str
    name: str
    url: str
    site: str
    about: str
    tags: tuple[str, ...]


@lru_cache(maxsize=1)
def starter_list() -> tuple[Suggestion, ...]:
    data = yaml.safe_load(STARTER.read_text(encoding="utf-8"))
    return tuple(
        Suggestion(
            key=item["key"],
            name=item["name"],
            url=item["url"],
            site=item.get("site", ""),
            about=" ".join(item.get("about", "").split()),
            tags=tuple(item.get("tags", [])),
        )
        for item in data["feeds"]
    )


# --- tags -----------------------------------------------------------------------------------


def parse_tags(text: str, *, field_name: str = "tags") -> str:
    """ "Strategy, AI tools" -> "strategy,ai-tools" (the stored form: lower case, unique)."""
    tags: list[str] = []
    for raw in (text or "").replace(";", ",").split(","):
        tag = normalise_tag(raw)
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise TrendsError(f"{field_name}: at most {MAX_TAGS} tags")
    return ",".join(tags)


def _merge_tags(current: str, extra: list[str]) -> str:
    tags = [t for t in current.split(",") if t]
    tags += [t for t in extra if t and t not in tags]
    return ",".join(tags[:MAX_TAGS])[:300]


# --- subscribing ----------------------------------------------------------------------------


def _normalised_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        raise TrendsError("url: give the address of a feed or of a site that has one")
    if "://" not in url:
        url = f"https://{url}"
    if not url.lower().startswith(("http://", "https://")) or len(url) > 1000:
        raise TrendsError("url: only http and https addresses (at most 1,000 characters)")
    return url


def _check_room(user: Any, adding: int = 1) -> None:
    if Feed.objects.owned_by(user).count() + adding > MAX_FEEDS:
        raise TrendsError(f"url: you follow the most feeds pmpath allows ({MAX_FEEDS})")


def _already(user: Any, url: str) -> Feed | None:
    return Feed.objects.owned_by(user).filter(url=url).first()


def subscribe(
    user: Any, *, url: str, tags: str = "", suggested: bool = False
) -> tuple[Feed, fetcher.FetchReport]:
    """Follow a feed by its address, or by the address of a page that advertises one with
    <link rel="alternate">. Fetches it at once, so a wrong address is said now and nothing is
    stored."""
    url = _normalised_url(url)
    tag_text = parse_tags(tags)
    if existing := _already(user, url):
        raise TrendsError(f"url: you already follow {existing}")
    _check_room(user)
    try:
        got = fetcher.download(url)
        if looks_like_html(got.content):
            found = discover(got.content, got.url)
            if not found:
                raise TrendsError(
                    f"url: {url} is a web page that names no RSS or Atom feed; "
                    "give the feed's own address"
                )
            url = found[0]
            if existing := _already(user, url):
                raise TrendsError(f"url: you already follow {existing} ({url})")
            got = fetcher.download(url)
        parsed = parse_feed(got.content, url=url, headers=got.headers)
    except FeedError as exc:
        raise TrendsError(f"url: {url}: {exc}") from None
    now = timezone.now()
    try:
        with transaction.atomic():
            feed = Feed.objects.create(
                user=user,
                url=url,
                title=parsed.title[:300],
                site_url=parsed.site_url,
                suggested=suggested,
                tags=tag_text,
            )
            report = fetcher.FetchReport(feed)
            report.new, report.updated = fetcher.store(feed, parsed, now=now)
            fetcher.succeeded(
                feed, now, etag=got.etag, modified=got.last_modified, warning=parsed.warning
            )
    except IntegrityError:  # subscribed meanwhile in another tab
        raise TrendsError(f"url: you already follow {url}") from None
    report.warning = parsed.warning
    return feed, report


def subscribe_suggestion(user: Any, *, key: str) -> tuple[Feed, fetcher.FetchReport]:
    """One click on the starter list. The feed is kept even when the first fetch fails (the
    publication exists; its server may be down): the error shows beside it, and it is
    retried with back-off."""
    suggestion = next((s for s in starter_list() if s.key == key), None)
    if suggestion is None:
        raise TrendsError("key: no such suggestion")
    if existing := _already(user, suggestion.url):
        raise TrendsError(f"url: you already follow {existing}")
    _check_room(user)
    try:
        with transaction.atomic():
            feed = Feed.objects.create(
                user=user,
                url=suggestion.url,
                title=suggestion.name,
                site_url=suggestion.site,
                suggested=True,
                tags=",".join(suggestion.tags),
            )
    except IntegrityError:
        raise TrendsError(f"url: you already follow {suggestion.name}") from None
    return feed, fetcher.fetch_feed(feed)


def remove_feed(user: Any, *, feed_id: Any) -> Feed:
    """Unfollow; its entries go too, except ones turned into talking points (they keep their
    text; the link to the entry is cleared)."""
    feed: Feed = get_owned_or_404(Feed, user, pk=feed_id)
    feed.delete()
    return feed


def retag_feed(user: Any, *, feed_id: Any, tags: str, title: str | None = None) -> Feed:
    feed: Feed = get_owned_or_404(Feed, user, pk=feed_id)
    feed.tags = parse_tags(tags)
    fields = ["tags", "updated_at"]
    if title is not None and title.strip():
        feed.title = title.strip()[:300]
        fields.append("title")
    feed.save(update_fields=fields)
    return feed


def fetch_now(user: Any, *, feed_id: Any) -> fetcher.FetchReport:
    feed: Feed = get_owned_or_404(Feed, user, pk=feed_id)
    return fetcher.fetch_feed(feed)


def fetch_user(user: Any, *, due_only: bool = True) -> list[fetcher.FetchReport]:
    """This person's feeds: the ones due, or all of them (the CLI's `feeds fetch --all`)."""
    feeds = Feed.objects.owned_by(user).order_by("title", "id")
    if due_only:
        feeds = feeds.filter(next_fetch_at__lte=timezone.now())
    return fetcher.fetch_all(list(feeds))


# --- OPML -----------------------------------------------------------------------------------


@dataclass
class OpmlOutcome:
    added: list[str] = field(default_factory=list)
    already: int = 0
    retagged: int = 0

    @property
    def summary(self) -> str:
        parts = [f"{len(self.added)} new {'feed' if len(self.added) == 1 else 'feeds'}"]
        if self.already:
            parts.append(f"{self.already} already followed")
        if self.retagged:
            parts.append(f"{self.retagged} given new tags")
        return "; ".join(parts) + "."


def import_opml(user: Any, *, data: bytes, name: str = "the file") -> OpmlOutcome:
    """Follow every feed in an OPML file, all or nothing. Importing the same file again
    changes nothing. New feeds are fetched by the scheduled task within minutes (an import
    never waits on other people's servers)."""
    try:
        outlines = parse_opml(data, name=name)
    except OpmlError as exc:
        raise TrendsError(f"file: {exc}") from None
    if not outlines:
        raise TrendsError(f"file: {name} lists no feeds (no outline has an xmlUrl)")
    outcome = OpmlOutcome()
    with transaction.atomic():
        existing = {f.url: f for f in Feed.objects.owned_by(user).select_for_update()}
        fresh = [o for o in outlines if o.url not in existing]
        if len(existing) + len(fresh) > MAX_FEEDS:
            raise TrendsError(
                f"file: {name} would bring you to {len(existing) + len(fresh)} feeds; "
                f"pmpath allows {MAX_FEEDS}"
            )
        now = timezone.now()
        Feed.objects.bulk_create(
            [
                Feed(
                    user=user,
                    url=o.url,
                    title=o.title,
                    site_url=o.site_url,
                    tags=",".join(o.tags[:MAX_TAGS])[:300],
                    next_fetch_at=now,
                )
                for o in fresh
            ]
        )
        outcome.added = [o.title or o.url for o in fresh]
        for outline in outlines:
            feed = existing.get(outline.url)
            if feed is None:
                continue
            outcome.already += 1
            merged = _merge_tags(feed.tags, outline.tags)
            if merged != feed.tags:
                feed.tags = merged
                feed.save(update_fields=["tags", "updated_at"])
                outcome.retagged += 1
        if fresh:  # bulk_create sends no signal
            generation.touch_after_commit(user.pk)
    return outcome


def export_opml(user: Any) -> bytes:
    feeds = Feed.objects.owned_by(user).order_by("title", "id")
    return write_opml(
        [
            OpmlFeed(
                url=f.url,
                title=f.title,
                site_url=f.site_url,
                tags=[t for t in f.tags.split(",") if t],
            )
            for f in feeds
        ]
    )


# --- reading --------------------------------------------------------------------------------


def _entry(user: Any, entry_id: Any) -> Entry:
    return get_owned_or_404(Entry.objects.select_related("feed"), user, pk=entry_id)


def set_read(user: Any, *, entry_id: Any, read: bool = True) -> Entry:
    entry = _entry(user, entry_id)
    if read and entry.read_at is None:
        entry.read_at = timezone.now()
    elif not read:
        entry.read_at = None
    entry.save(update_fields=["read_at", "updated_at"])
    return entry


def mark_all_read(user: Any, *, feed_id: Any = None) -> int:
    """Every unread entry (of one feed when given) becomes read. Returns how many."""
    rows = Entry.objects.owned_by(user).filter(read_at__isnull=True)
    if feed_id is not None:
        rows = rows.filter(feed=get_owned_or_404(Feed, user, pk=feed_id))
    now = timezone.now()
    return rows.update(read_at=now, updated_at=now)


def set_saved(user: Any, *, entry_id: Any, saved: bool = True) -> Entry:
    entry = _entry(user, entry_id)
    entry.saved = saved
    entry.save(update_fields=["saved", "updated_at"])
    return entry


def tag_entry(user: Any, *, entry_id: Any, tags: str) -> Entry:
    entry = _entry(user, entry_id)
    entry.tags = parse_tags(tags)
    entry.save(update_fields=["tags", "updated_at"])
    return entry


def save_note(user: Any, *, entry_id: Any, note: str) -> Entry:
    """The reader's own note on an entry (what it means for them, what they would say about
    it). Saving an empty note removes it."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise TrendsError(f"note: at most {NOTE_MAX:,} characters")
    entry = _entry(user, entry_id)
    entry.note = note
    entry.save(update_fields=["note", "updated_at"])
    return entry


# --- talking points and the learning plan ---------------------------------------------------


def add_talking_point(
    user: Any, *, entry_id: Any = None, title: str = "", body: str = ""
) -> TalkingPoint:
    """ "A trend I follow": from an entry (its title, link and the reader's note start the
    text) or written from scratch."""
    entry = _entry(user, entry_id) if entry_id is not None else None
    title = (title or "").strip() or (entry.title if entry else "")
    if not title:
        raise TrendsError("title: say in a few words what the trend is")
    if entry and not body.strip():
        lines = [entry.note] if entry.note else []
        lines.append(f"Source: {entry.feed} — {entry.url or entry.title}")
        body = "\n\n".join(lines)
    if len(body) > NOTE_MAX:
        raise TrendsError(f"body: at most {NOTE_MAX:,} characters")
    point = TalkingPoint.objects.create(user=user, entry=entry, title=title[:300], body=body)
    if entry and not entry.saved:  # something worth talking about is worth keeping
        entry.saved = True
        entry.save(update_fields=["saved", "updated_at"])
    return point


def update_talking_point(user: Any, *, point_id: Any, title: str, body: str) -> TalkingPoint:
    point: TalkingPoint = get_owned_or_404(TalkingPoint, user, pk=point_id)
    if not title.strip():
        raise TrendsError("title: say in a few words what the trend is")
    if len(body) > NOTE_MAX:
        raise TrendsError(f"body: at most {NOTE_MAX:,} characters")
    point.title, point.body = title.strip()[:300], body
    point.save(update_fields=["title", "body", "updated_at"])
    return point


def delete_talking_point(user: Any, *, point_id: Any) -> TalkingPoint:
    point: TalkingPoint = get_owned_or_404(TalkingPoint, user, pk=point_id)
    point.delete()
    return point


def add_to_learning_plan(user: Any, *, entry_id: Any) -> Any:
    """Put the entry on the learning plan: the learning catalogue accepts resources a person
    owns, so the entry becomes one of theirs (an article, linked) and is enrolled as planned.
    Doing it twice reuses the same resource and enrolment."""
    from pmpath.career.models import Resource
    from pmpath.career.resource_services import ResourceError, create_resource, enrol

    entry = _entry(user, entry_id)
    if not entry.url:
        raise TrendsError("url: this entry has no link to learn from")
    resource = Resource.objects.filter(owner=user, url=entry.url[:500]).first()
    if resource is None:
        try:
            resource = create_resource(
                user,
                name=entry.title[:200] or entry.url[:200],
                provider=str(entry.feed)[:200],
                kind="article",
                url=entry.url[:500],
                description=entry.summary_text[:300],
            )
        except ResourceError as exc:
            raise TrendsError(f"url: {exc.message}") from None
    return enrol(user, resource_id=resource.pk)
