"""Matching: the heavy user's resume, and the pages to measure."""

from __future__ import annotations

import random
from typing import Any

from pmpath.bench.registry import Page, first_id, generator, not_pages, object_ids, page

# --- the match panel and best matches (integration) -----------------------------------------


@generator("matching.resume", order=60)
def bench_resume(user: Any, rng: random.Random, scale: float) -> str:
    """A working PM's resume, so the match panel and best matches do their real work."""
    from pmpath.matching.models import Resume
    from pmpath.matching.queries import checksum_of

    if Resume.objects.owned_by(user).exists():
        return f"a resume is already there; {_warm(user)}"
    work = []
    for index, (company, title) in enumerate(
        [
            ("Paylane", "Senior Product Manager"),
            ("Shopwise", "Product Manager"),
            ("Datacore", "Associate Product Manager"),
            ("Buildco", "Software Engineer"),
        ]
    ):
        work.append(
            {
                "name": company,
                "position": title,
                "startDate": f"{2023 - 3 * index}-01-01",
                **({"endDate": f"{2025 - 3 * index}-12-31"} if index else {}),
                "highlights": [
                    "Ran A/B tests and experiments on checkout, lifting conversion by 4%",
                    "Wrote SQL in Looker and Amplitude to size opportunities",
                    "Owned the payments roadmap and wrote PRDs with engineering and design",
                    "Led user research interviews and stakeholder reviews every quarter",
                ][index:],
            }
        )
    data = {
        "basics": {"name": "Heavy User", "label": "Senior Product Manager"},
        "work": work,
        "skills": [{"name": "Product", "keywords": ["OKRs", "RICE", "Jira", "Figma", "SQL"]}],
    }
    Resume.objects.create(user=user, data=data, checksum=checksum_of(data), source="manual")
    return f"1 resume; {_warm(user)}"


def _warm(user: Any) -> str:
    """Build the posting index now and save it, as a running instance would have it: the
    page benchmark measures warm ranking, not a first build."""
    import time

    from pmpath.matching import ranking

    started = time.perf_counter()
    index, _ = ranking.index_for(user)
    return f"posting index of {len(index)} built in {time.perf_counter() - started:.1f} s"


def _applied(user: Any) -> int:
    return first_id("jobs.Application", user, posting__isnull=False)


page(Page("matching: best matches", "matching:best", lambda u: "/matching/best/"))
page(
    Page(
        "matching: best matches, filtered",
        "matching:best",
        lambda u: "/matching/best/?level=senior_pm&remote=on&salary_floor=100000",
    )
)
page(
    Page(
        "matching: best matches in the inbox",
        "matching:best",
        lambda u: "/matching/best/?scope=inbox",
    )
)
page(
    Page(
        "matching: best matches on the Jobs overview (htmx)",
        "matching:best_compact",
        lambda u: "/matching/best/compact/",
        htmx=True,
    )
)
page(
    Page(
        "matching: posting match panel (htmx)",
        "matching:posting_panel",
        lambda u: f"/matching/postings/{first_id('jobs.Posting', u)}/match/",
        htmx=True,
    )
)
page(
    Page(
        "matching: application match panel (htmx)",
        "matching:application_panel",
        lambda u: f"/matching/applications/{_applied(u)}/match/",
        htmx=True,
    )
)
page(
    Page(
        "api: a posting's match",
        "api:posting_score",
        lambda u: f"/api/v1/matching/postings/{first_id('jobs.Posting', u)}/score",
        auth="token",
    )
)
page(Page("api: ranked postings", "api:rank", lambda u: "/api/v1/matching/rank", auth="token"))


# --- the resume pages (resume) ----------------------------------------------------------------


@generator("matching.resume_versions", order=59)
def bench_resume_versions(user: Any, rng: random.Random, scale: float) -> str:
    """A realistic resume (before the match engine's), a few tailored versions and a draft
    waiting for review, so every resume page does its real work."""
    from pmpath.matching import resume_demo
    from pmpath.matching.models import Resume, ResumeVersion
    from pmpath.matching.resume import schema, sections

    data = resume_demo.resume_document(rng)
    draft = sections.detect(resume_demo.draft_lines(data))
    Resume.objects.update_or_create(
        user=user,
        defaults={"data": data, "checksum": schema.checksum(data), "source": "json-resume",
                  "draft": {"document": draft.document, "sections": draft.sections,
                            "unplaced": draft.unplaced},
                  "draft_source": "text", "draft_filename": "resume.txt"},
    )  # fmt: skip
    postings = list(
        first_id("jobs.Posting", user, title__icontains=word) for word in ("senior", "product")
    )
    count = max(3, round(12 * scale))
    ResumeVersion.objects.bulk_create(
        ResumeVersion(user=user, name=f"Tailored version {i + 1}", data=data,
                      posting_id=postings[i % 2] or None)
        for i in range(count)
    )  # fmt: skip
    return f"1 resume, {count} versions, a draft"


def _version(user: Any) -> int:
    return first_id("matching.ResumeVersion", user)


RESUME = "/matching/resume/"
page(Page("resume: profile", "matching:resume", lambda u: RESUME))
page(Page("resume: about you", "matching:resume_basics", lambda u: f"{RESUME}basics/"))
page(Page("resume: edit as JSON", "matching:resume_json", lambda u: f"{RESUME}json/"))
page(Page("resume: import", "matching:resume_import", lambda u: f"{RESUME}import/"))
page(Page("resume: draft review", "matching:resume_draft", lambda u: f"{RESUME}draft/"))
page(Page("resume: add a job", "matching:resume_item_new", lambda u: f"{RESUME}work/new/"))
page(Page("resume: edit a job", "matching:resume_item", lambda u: f"{RESUME}work/0/"))
page(Page("resume: export JSON", "matching:resume_export", lambda u: f"{RESUME}export.json"))
page(Page("resume: export HTML", "matching:resume_export", lambda u: f"{RESUME}export.html"))
page(Page("resume: versions", "matching:resume_versions", lambda u: f"{RESUME}versions/"))
page(Page("resume: new version", "matching:resume_version_new", lambda u: f"{RESUME}versions/new/"))
page(
    Page(
        "resume: a version",
        "matching:resume_version",
        lambda u: f"{RESUME}versions/{_version(u)}/",
    )
)
page(
    Page(
        "resume: edit a version",
        "matching:resume_version_edit",
        lambda u: f"{RESUME}versions/{_version(u)}/edit/",
    )
)
page(
    Page(
        "resume: delete a version (confirm)",
        "matching:resume_version_delete",
        lambda u: f"{RESUME}versions/{_version(u)}/delete/",
    )
)
page(
    Page(
        "resume: export a version (HTML)",
        "matching:resume_version_export",
        lambda u: f"{RESUME}versions/{_version(u)}/export.html",
    )
)
# The PDF downloads (the same URL names, export.pdf) lay the resume out with WeasyPrint: a
# fraction of a second, measured in tests/matching/test_resume_export.py, not here. These
# answer only POST:
not_pages(
    "matching:resume_item_delete",
    "matching:resume_item_move",
    "matching:resume_draft_discard",
    "matching:resume_version_item_delete",
    "matching:resume_version_item_move",
)
page(Page("api: resume", "api:get_resume", lambda u: "/api/v1/resume", auth="token"))
not_pages("api:put_resume")


# Routes that act on one object but are not pages (tests/core/test_isolation.py): the first job
# of the user's first tailored version.
for _name in ("matching:resume_version_item_delete", "matching:resume_version_item_move"):
    object_ids(
        _name,
        lambda u: {"pk": first_id("matching.ResumeVersion", u), "section": "work", "index": 0},
    )
