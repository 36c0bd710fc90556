"""Writes for the portfolio: case studies, their order and images, and public links. Every
function takes the acting user first and reaches only that user's rows."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from pmpath.career import queries as career
from pmpath.core import generation
from pmpath.core.models import get_owned_or_404
from pmpath.portfolio import images
from pmpath.portfolio.models import Attachment, CaseStudy, PublicLink
from pmpath.portfolio.sections import KEYS

MAX_CASE_STUDIES = 500
MAX_ATTACHMENTS = 20  # per case study
SECTION_MAX = 20_000  # characters in one section
SLUG_MAX = 80
HEADER_FIELDS = ("title", "summary", "company", "period")


class PortfolioError(ValueError):
    """A rule a write broke, as "field: message" so forms can show it beside the field."""


# --- case studies -----------------------------------------------------------------------------


def save_case_study(
    user: Any,
    *,
    case_study_id: int | None = None,
    title: str,
    slug: str = "",
    summary: str = "",
    company: str = "",
    period: str = "",
    skills: list[str] | tuple[str, ...] = (),
    published: bool = True,
    **sections: str,
) -> CaseStudy:
    """Create a case study (at the end of the portfolio) or update one. Sections not given keep
    their text on update and start empty on create."""
    unknown = set(sections) - set(KEYS)
    if unknown:
        raise PortfolioError(f"{sorted(unknown)[0]}: not a section of a case study")
    title = " ".join((title or "").split())
    if not title:
        raise PortfolioError("title: give the case study a title")
    if len(title) > 200:
        raise PortfolioError("title: keep it under 200 characters")
    for key, text in sections.items():
        if len(text or "") > SECTION_MAX:
            raise PortfolioError(
                f"{key}: {len(text)} characters; a section can hold {SECTION_MAX:,}"
            )
    known_skills = {c.key for c in career.competencies()}
    wrong = [s for s in skills if s not in known_skills]
    if wrong:
        raise PortfolioError(f"skills: {wrong[0]!r} is not a skill of the ladder")
    case = (
        get_owned_or_404(CaseStudy, user, pk=case_study_id)
        if case_study_id
        else CaseStudy(user=user)
    )
    if case.pk is None and CaseStudy.objects.owned_by(user).count() >= MAX_CASE_STUDIES:
        raise PortfolioError(
            f"title: a portfolio holds up to {MAX_CASE_STUDIES} case studies; delete one first"
        )
    case.slug = _slug(user, slug or title, exclude=case.pk, explicit=bool(slug))
    case.title = title
    case.summary = " ".join((summary or "").split())[:300]
    case.company = (company or "").strip()[:200]
    case.period = (period or "").strip()[:60]
    case.skills = [s for s in dict.fromkeys(skills)]
    case.published = bool(published)
    for key, text in sections.items():
        setattr(case, key, (text or "").replace("\r\n", "\n").strip())
    with transaction.atomic():
        if case.pk is None:
            last = CaseStudy.objects.owned_by(user).aggregate(m=Max("order"))["m"]
            case.order = 0 if last is None else min(last + 1, 32767)
        try:
            with transaction.atomic():
                case.save()
        except IntegrityError:
            raise PortfolioError(f"slug: you already have a case study at {case.slug!r}") from None
    return case


def _slug(user: Any, text: str, *, exclude: int | None, explicit: bool) -> str:
    """A web address for the exported page: the one asked for (refused when taken), or one made
    from the title (numbered when taken)."""
    base = slugify(text)[:SLUG_MAX].strip("-")
    if not base:
        if explicit:
            raise PortfolioError("slug: use letters, numbers and hyphens")
        base = "case-study"
    taken = set(
        CaseStudy.objects.owned_by(user)
        .filter(slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    if explicit:
        raise PortfolioError(f"slug: you already have a case study at {base!r}")
    for n in range(2, MAX_CASE_STUDIES + 2):
        candidate = f"{base[: SLUG_MAX - len(str(n)) - 1]}-{n}"
        if candidate not in taken:
            return candidate
    return f"{base[:60]}-{uuid.uuid4().hex[:8]}"


def delete_case_study(user: Any, *, case_study_id: int) -> CaseStudy:
    """Its images go too (their files are removed once the deletion is committed)."""
    case = get_owned_or_404(CaseStudy, user, pk=case_study_id)
    with transaction.atomic():
        case.delete()
    return case


def set_published(user: Any, *, case_study_id: int, published: bool) -> CaseStudy:
    case = get_owned_or_404(CaseStudy, user, pk=case_study_id)
    case.published = published
    case.save(update_fields=["published", "updated_at"])
    return case


def move_case_study(user: Any, *, case_study_id: int, by: int) -> CaseStudy:
    """One place up (by=-1) or down (by=1); at either end it stays where it is."""
    case = get_owned_or_404(CaseStudy, user, pk=case_study_id)
    rows = list(CaseStudy.objects.owned_by(user).only("id", "order"))
    index = next(i for i, c in enumerate(rows) if c.pk == case.pk)
    target = index + (1 if by > 0 else -1)
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
        _renumber(rows)
    return case


def reorder_case_studies(user: Any, *, case_study_ids: list[int]) -> None:
    """The order after a drag: every case study exactly once."""
    rows = {c.pk: c for c in CaseStudy.objects.owned_by(user).only("id", "order")}
    if any(pk not in rows for pk in case_study_ids):
        raise Http404("No case study here.")  # someone else's, or gone: say no more than that
    if len(case_study_ids) != len(rows) or set(case_study_ids) != set(rows):
        raise PortfolioError("order: list every case study exactly once")
    _renumber([rows[pk] for pk in case_study_ids])


def _renumber(rows: list[CaseStudy]) -> None:
    changed = []
    for position, case in enumerate(rows):
        if case.order != position:
            case.order = position
            changed.append(case)
    # Reordering is not editing: updated_at stays, so "last edited" keeps its meaning.
    with transaction.atomic():
        CaseStudy.objects.bulk_update(changed, ["order"], batch_size=500)


# --- images -----------------------------------------------------------------------------------


def add_attachment(
    user: Any,
    *,
    case_study_id: int,
    data: bytes,
    filename: str = "the file",
    caption: str = "",
    alt: str = "",
) -> Attachment:
    """Store an image after Pillow has read it and it has been re-saved without metadata."""
    case = get_owned_or_404(CaseStudy, user, pk=case_study_id)
    if Attachment.objects.filter(case_study=case).count() >= MAX_ATTACHMENTS:
        raise PortfolioError(
            f"image: a case study holds up to {MAX_ATTACHMENTS} images; delete one first"
        )
    try:
        image = images.clean(data, name=filename or "the file")
    except images.ImageError as exc:
        raise PortfolioError(f"image: {exc}") from None
    last = Attachment.objects.filter(case_study=case).aggregate(m=Max("order"))["m"]
    attachment = Attachment(
        user=user,
        case_study=case,
        caption=" ".join((caption or "").split())[:300],
        alt=" ".join((alt or "").split())[:300],
        width=image.width,
        height=image.height,
        order=0 if last is None else last + 1,
    )
    # A random name: the uploaded one may say more than its owner meant to share.
    attachment.image.save(
        f"{uuid.uuid4().hex[:16]}.{image.extension}", ContentFile(image.data), save=False
    )
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        attachment.image.storage.delete(attachment.image.name or "")
        raise
    return attachment


def update_attachment(user: Any, *, attachment_id: int, caption: str, alt: str) -> Attachment:
    attachment = get_owned_or_404(Attachment, user, pk=attachment_id)
    attachment.caption = " ".join((caption or "").split())[:300]
    attachment.alt = " ".join((alt or "").split())[:300]
    attachment.save(update_fields=["caption", "alt", "updated_at"])
    return attachment


def delete_attachment(user: Any, *, attachment_id: int) -> Attachment:
    attachment = get_owned_or_404(Attachment, user, pk=attachment_id)
    with transaction.atomic():
        attachment.delete()  # the file goes when this commits (pmpath.portfolio.signals)
    return attachment


# --- public links -----------------------------------------------------------------------------


def create_public_link(user: Any) -> PublicLink:
    """The active link, or a new one: one live address at a time, so revoking it is enough
    to take the portfolio offline."""
    link = PublicLink.objects.owned_by(user).filter(revoked_at__isnull=True).first()
    if link is not None:
        return link
    return PublicLink.objects.create(user=user, token=secrets.token_urlsafe(24))


def revoke_public_link(user: Any, *, link_id: int) -> PublicLink:
    link = get_owned_or_404(PublicLink, user, pk=link_id)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
    return link


def count_public_view(link: PublicLink) -> None:
    PublicLink.objects.filter(pk=link.pk).update(views=F("views") + 1)
    generation.touch_after_commit(link.user_id)  # the portfolio page shows the count
