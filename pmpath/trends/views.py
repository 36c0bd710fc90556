"""The trends pages: the river, an entry, feeds (subscribe, OPML, suggestions) and talking
points. Thin: rules live in services.py, fetcher.py and queries.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pmpath.career import queries as career
from pmpath.core.access import owner_view
from pmpath.core.htmx import is_htmx, render_page
from pmpath.core.redirects import safe_next
from pmpath.trends import queries, services
from pmpath.trends.forms import NoteForm, OpmlForm, SubscribeForm, TagsForm, TalkingPointForm
from pmpath.trends.services import NOTE_MAX, TrendsError


def _form_error(form: object, exc: TrendsError) -> None:
    name, _, message = str(exc).partition(": ")
    fields = getattr(form, "fields", {})
    form.add_error(name if name in fields else None, message or str(exc))  # type: ignore[attr-defined]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The river: unread first by default; all, saved, one feed, one tag, a search."""
    river = queries.river(
        request.user,
        view=request.GET.get("view", "unread"),
        feed_id=request.GET.get("feed") or None,
        tag=request.GET.get("tag", "").strip()[:40],
        q=request.GET.get("q", "").strip()[:200],
        cursor=request.GET.get("after", ""),
    )
    feed_list = queries.feed_choices(request.user)
    profile = career.profile_for(request.user)
    playbook = career.guide("playbook-trends")
    context = {
        "river": river,
        "feeds": feed_list,
        "tags": queries.tags(request.user, feed_list),
        "unread": queries.unread_count(request.user),
        "read_this_week": queries.read_this_week(request.user),
        "views": queries.VIEWS,
        "playbook": playbook,
        "tip": playbook["by_background"].get(profile.background)
        if playbook and profile and profile.background
        else None,
        "profile": profile,
        "suggestions": services.starter_list()[:6] if not feed_list else [],
    }
    return render_page(request, "trends/index.html", context, partial="trends/_river.html")


@owner_view
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    """One entry, sanitised when it was stored. Opening it marks it read."""
    item = queries.entry(request.user, pk)
    if item.read_at is None:
        item = services.set_read(request.user, entry_id=pk)
    context = {
        "entry": item,
        "note_form": NoteForm(initial={"note": item.note}),
        "tags_form": TagsForm(initial={"tags": item.tags.replace(",", ", ")}),
        "points": queries.entry_talking_points(request.user, item),
    }
    return render(request, "trends/entry.html", context)


def _entry_changed(request: HttpRequest, entry: object, message: str) -> HttpResponse:
    if is_htmx(request):
        context = {
            "e": entry,
            "unread": queries.unread_count(request.user),
            "read_this_week": queries.read_this_week(request.user),
        }
        return render(request, "trends/_entry_changed.html", context)
    messages.success(request, message)
    return redirect(safe_next(request, reverse("trends:index")))


@owner_view
@require_POST
def entry_read(request: HttpRequest, pk: int) -> HttpResponse:
    read = request.POST.get("read", "1") == "1"
    item = services.set_read(request.user, entry_id=pk, read=read)
    return _entry_changed(request, item, f"Marked {'read' if read else 'unread'}: {item.title}")


@owner_view
@require_POST
def entry_save(request: HttpRequest, pk: int) -> HttpResponse:
    saved = request.POST.get("saved", "1") == "1"
    item = services.set_saved(request.user, entry_id=pk, saved=saved)
    word = "Saved for later" if saved else "No longer saved"
    return _entry_changed(request, item, f"{word}: {item.title}")


@owner_view
@require_POST
def entry_tags(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        item = services.tag_entry(request.user, entry_id=pk, tags=request.POST.get("tags", ""))
    except TrendsError as exc:
        messages.error(request, str(exc).partition(": ")[2])
    else:
        messages.success(request, f"Tags saved for {item.title}.")
    return redirect("trends:entry", pk)


@owner_view
@require_POST
def entry_note(request: HttpRequest, pk: int) -> HttpResponse:
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"The note is at most {NOTE_MAX:,} characters.")
        return redirect("trends:entry", pk)
    services.save_note(request.user, entry_id=pk, note=form.cleaned_data["note"])
    messages.success(request, "Saved your note.")
    return redirect("trends:entry", pk)


@owner_view
@require_POST
def entry_talking_point(request: HttpRequest, pk: int) -> HttpResponse:
    point = services.add_talking_point(request.user, entry_id=pk)
    messages.success(
        request,
        "Added to your talking points. Say in your own words what the trend is and why it "
        "matters; that is what an interviewer wants to hear.",
    )
    return redirect("trends:talking_point", point.pk)


@owner_view
@require_POST
def entry_learn(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        enrolment = services.add_to_learning_plan(request.user, entry_id=pk)
    except TrendsError as exc:
        messages.error(request, str(exc).partition(": ")[2])
        return redirect("trends:entry", pk)
    messages.success(request, f"On your learning plan: {enrolment.resource.name}.")
    return redirect("trends:entry", pk)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    feed_id = request.POST.get("feed") or None
    count = services.mark_all_read(request.user, feed_id=feed_id)
    messages.success(request, f"Marked {count} {'entry' if count == 1 else 'entries'} read.")
    return redirect(safe_next(request, reverse("trends:index")))


# --- feeds ------------------------------------------------------------------------------------


@login_required
def feeds(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feed, report = services.subscribe(request.user, **form.cleaned_data)
        except TrendsError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Following {feed}: {report.new} entries to read.")
            return redirect(reverse("trends:index") + f"?view=all&feed={feed.pk}")
    return _feeds_page(request, form=form)


def _feeds_page(
    request: HttpRequest,
    *,
    form: SubscribeForm | None = None,
    opml_form: OpmlForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = queries.feeds(request.user)
    context = {
        "form": form or SubscribeForm(),
        "opml_form": opml_form or OpmlForm(),
        "rows": rows,
        "suggestions": queries.suggestions_for(request.user, rows),
    }
    return render(request, "trends/feeds.html", context, status=status)


@login_required
@require_POST
def suggestion_subscribe(request: HttpRequest, key: str) -> HttpResponse:
    try:
        feed, report = services.subscribe_suggestion(request.user, key=key)
    except TrendsError as exc:
        messages.error(request, str(exc).partition(": ")[2])
    else:
        if report.error:
            messages.warning(
                request,
                f"Following {feed}, but the first fetch failed: "
                f"{report.error}. pmpath will try again.",
            )
        else:
            messages.success(request, f"Following {feed}: {report.new} entries to read.")
    return redirect(safe_next(request, reverse("trends:feeds")))


@login_required
@require_POST
def opml_import(request: HttpRequest) -> HttpResponse:
    form = OpmlForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = services.import_opml(request.user, data=upload.read(), name=upload.name)
        except TrendsError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                f"Imported {upload.name}: {outcome.summary} New feeds are fetched within "
                "15 minutes; Fetch now does one at once.",
            )
            return redirect("trends:feeds")
    return _feeds_page(request, opml_form=form, status=400)


@login_required
def opml_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(services.export_opml(request.user), content_type="text/x-opml")
    response["Content-Disposition"] = 'attachment; filename="pmpath-feeds.opml"'
    return response


@owner_view
@require_POST
def feed_remove(request: HttpRequest, pk: int) -> HttpResponse:
    feed = services.remove_feed(request.user, feed_id=pk)
    messages.success(
        request,
        f"Stopped following {feed}. Its entries are gone; talking points drawn from them stay.",
    )
    return redirect("trends:feeds")


@owner_view
@require_POST
def feed_tags(request: HttpRequest, pk: int) -> HttpResponse:
    form = TagsForm(request.POST)
    if form.is_valid():
        try:
            feed = services.retag_feed(request.user, feed_id=pk, **form.cleaned_data)
        except TrendsError as exc:
            messages.error(request, str(exc).partition(": ")[2])
        else:
            messages.success(request, f"Saved {feed}.")
    else:
        queries.feed_or_404(request.user, pk)
        messages.error(request, "Tags and name are at most 300 characters.")
    return redirect("trends:feeds")


@owner_view
@require_POST
def feed_fetch(request: HttpRequest, pk: int) -> HttpResponse:
    report = services.fetch_now(request.user, feed_id=pk)
    (messages.error if report.error else messages.success)(request, report.summary)
    return redirect(safe_next(request, reverse("trends:feeds")))


# --- talking points ---------------------------------------------------------------------------


@login_required
def talking_points(request: HttpRequest) -> HttpResponse:
    form = TalkingPointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_talking_point(request.user, **form.cleaned_data)
        except TrendsError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Added a talking point.")
            return redirect("trends:talking_points")
    context = {"points": queries.talking_points(request.user), "form": form}
    return render(request, "trends/talking_points.html", context)


@owner_view
def talking_point(request: HttpRequest, pk: int) -> HttpResponse:
    point = queries.talking_point(request.user, pk)
    form = TalkingPointForm(
        request.POST or None, initial={"title": point.title, "body": point.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_talking_point(request.user, point_id=pk, **form.cleaned_data)
        except TrendsError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Saved the talking point.")
            return redirect("trends:talking_points")
    return render(request, "trends/talking_point.html", {"point": point, "form": form})


@owner_view
@require_POST
def talking_point_delete(request: HttpRequest, pk: int) -> HttpResponse:
    point = services.delete_talking_point(request.user, point_id=pk)
    messages.success(request, f"Deleted the talking point {point.title!r}.")
    return redirect("trends:talking_points")
