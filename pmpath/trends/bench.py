"""Trends: the heavy user's feeds, entries and talking points, and the pages to measure."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from pmpath.bench.registry import Page, first_id, generator, not_pages, object_ids, page
from pmpath.trends.models import Entry, Feed, TalkingPoint

TOPICS = [
    "pricing experiments", "AI copilots", "onboarding funnels", "product-led growth",
    "discovery interviews", "roadmap trade-offs", "platform teams", "retention cohorts",
    "north-star metrics", "B2B self-serve", "usage-based billing", "team topologies",
]  # fmt: skip
TAGS = ["strategy", "growth", "ai", "discovery", "leadership", "career", "metrics", "design"]
BODY = (
    "A look at {t}: what changed this year, how three companies approached it, and the "
    "metrics they watched. The piece argues that teams who start from the customer problem "
    "rather than the feature list learn faster, and ends with questions a product manager "
    "can take into the next planning cycle."
)
BATCH = 2000


@generator("trends.feeds", order=80)
def feeds(user: Any, rng: random.Random, scale: float) -> str:
    feed_count = max(5, round(50 * scale))
    now = timezone.now()
    Feed.objects.bulk_create(
        [
            Feed(
                user=user,
                url=f"https://feeds.example.test/{index}/feed.xml",
                title=f"Product publication {index:02d}",
                site_url=f"https://feeds.example.test/{index}/",
                tags=",".join(rng.sample(TAGS, rng.randint(0, 2))),
                last_fetched_at=now - timedelta(minutes=rng.randrange(0, 120)),
                next_fetch_at=now + timedelta(hours=2),
                failures=3 if index % 17 == 5 else 0,
                last_error="the server answered HTTP 503; pmpath will try again later"
                if index % 17 == 5
                else "",
            )
            for index in range(feed_count)
        ]
    )
    feed_ids = list(Feed.objects.owned_by(user).order_by("id").values_list("id", flat=True))
    total = max(20, round(20_000 * scale))
    batch: list[Entry] = []
    for index in range(total):
        topic = rng.choice(TOPICS)
        # A year of reading, mostly read: about one entry in ten is still unread.
        published = now - timedelta(minutes=index * 26 + rng.randrange(0, 20))
        read = index > 300 and rng.random() > 0.1
        text = BODY.format(t=topic)
        batch.append(
            Entry(
                user=user,
                feed_id=feed_ids[index % len(feed_ids)],
                guid=f"https://feeds.example.test/entries/{index}",
                url=f"https://feeds.example.test/entries/{index}",
                title=f"{topic.capitalize()}: notes from week {index % 52 + 1}",
                author=rng.choice(["", "A. Writer", "The editors"]),
                summary_html=f"<p>{text}</p>",
                summary_text=text,
                published_at=published,
                read_at=published + timedelta(hours=rng.randrange(1, 72)) if read else None,
                saved=rng.random() < 0.03,
                tags=rng.choice(TAGS) if rng.random() < 0.05 else "",
            )
        )
        if len(batch) >= BATCH:
            Entry.objects.bulk_create(batch)
            batch = []
    Entry.objects.bulk_create(batch)
    saved = list(
        Entry.objects.owned_by(user).filter(saved=True).order_by("id").values_list("id", "title")
    )[:40]
    TalkingPoint.objects.bulk_create(
        [
            TalkingPoint(user=user, entry_id=pk, title=title, body="Why it matters: " + title)
            for pk, title in saved
        ]
    )
    return f"{feed_count} feeds, {total} entries, {len(saved)} talking points"


def _feed(user: Any) -> int:
    return first_id(Feed, user)


page(Page("trends: river (unread)", "trends:index", lambda u: "/trends/"))
page(Page("trends: river (all)", "trends:index", lambda u: "/trends/?view=all"))
page(Page("trends: river (saved)", "trends:index", lambda u: "/trends/?view=saved"))
page(
    Page("trends: river (one feed)", "trends:index", lambda u: f"/trends/?view=all&feed={_feed(u)}")
)
page(Page("trends: river (tag)", "trends:index", lambda u: "/trends/?view=all&tag=growth"))
page(Page("trends: river (search)", "trends:index", lambda u: "/trends/?view=all&q=pricing"))
page(
    Page(
        "trends: river (htmx, page 2)",
        "trends:index",
        lambda u: "/trends/?view=all&after=" + _cursor(u),
        htmx=True,
    )
)
page(Page("trends: entry", "trends:entry", lambda u: f"/trends/entries/{first_id(Entry, u)}/"))
page(Page("trends: feeds", "trends:feeds", lambda u: "/trends/feeds/"))
page(Page("trends: OPML export", "trends:opml_export", lambda u: "/trends/feeds/export.opml"))
page(Page("trends: talking points", "trends:talking_points", lambda u: "/trends/talking-points/"))
page(
    Page(
        "trends: talking point",
        "trends:talking_point",
        lambda u: f"/trends/talking-points/{first_id(TalkingPoint, u)}/",
    )
)
not_pages(
    "trends:mark_all_read",
    "trends:entry_read",
    "trends:entry_save",
    "trends:entry_tags",
    "trends:entry_note",
    "trends:entry_talking_point",
    "trends:entry_learn",
    "trends:opml_import",
    "trends:suggestion_subscribe",
    "trends:feed_remove",
    "trends:feed_tags",
    "trends:feed_fetch",
    "trends:talking_point_delete",
)


def _cursor(user: Any) -> str:
    from pmpath.trends.queries import PAGE_SIZE, encode_cursor

    rows = Entry.objects.owned_by(user).order_by("-published_at", "-id")
    entry = rows[PAGE_SIZE - 1 : PAGE_SIZE].first()
    return encode_cursor(entry) if entry else ""


# Routes that act on one object but are not pages (tests/core/test_isolation.py).
for _name in ("trends:feed_remove", "trends:feed_tags", "trends:feed_fetch"):
    object_ids(_name, lambda u: {"pk": first_id(Feed, u)})
