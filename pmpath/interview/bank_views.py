"""The question bank pages: the list with filters, one question with its framework, adding and
editing one's own questions, import and export. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pmpath.core.access import owner_view
from pmpath.core.htmx import render_page
from pmpath.interview import bank_queries as queries
from pmpath.interview import bank_services as services
from pmpath.interview import knowledge, transfer
from pmpath.interview.bank_forms import QuestionFilterForm, QuestionForm, QuestionImportForm
from pmpath.interview.categorise import suggest

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
}


def _download(body: str, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def question_list(request: HttpRequest) -> HttpResponse:
    form = QuestionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = queries.questions(
        request.user,
        category=filters.get("category") or "",
        level=filters.get("level") or "",
        skill=filters.get("skill") or "",
        theme=filters.get("theme") or "",
        difficulty=filters.get("difficulty"),
        company=(filters.get("company") or "").strip(),
        source=filters.get("source") or "",
        search=(filters.get("q") or "").strip(),
    )
    page = queries.paginate(rows.only(*queries.LIST_FIELDS), request.GET.get("page"))
    context = {
        # Two links a row: reversing them once and appending the id saves a hundred reverses.
        "question_prefix": reverse("interview:question", args=[0]).removesuffix("0/"),
        "practice_prefix": reverse("interview:practice", args=[0]).removesuffix("0/"),
        "form": form,
        "page": page,
        "practice": queries.practice_for(request.user, [q.pk for q in page.object_list]),
        "companies": queries.companies(request.user),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "names": queries.CATEGORY_NAMES,
        "levels": queries.LEVEL_NAMES,
    }
    return render(request, "interview/questions.html", context)


@owner_view
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = queries.visible_question(request.user, pk)
    practice = queries.practice_for(request.user, [question.pk]).get(question.pk)
    context = {
        "question": question,
        "practice": practice,
        "framework": knowledge.framework_for(question),
        "minutes": round(knowledge.time_limit(question) / 60),
        "own": question.owner_id == request.user.pk,
        "names": queries.CATEGORY_NAMES,
        "levels": queries.LEVEL_NAMES,
        "skills": queries.SKILL_NAMES,
        "themes": queries.THEME_NAMES,
    }
    return render(request, "interview/question.html", context)


@login_required
def question_new(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.create_question(request.user, **form.values())
        except services.QuestionError as exc:
            _form_error(form, exc)
        else:
            name = queries.CATEGORY_NAMES[question.category]
            if not form.cleaned_data["category"]:
                messages.success(request, f"Added, as {name} (suggested). Edit it if that's wrong.")
            else:
                messages.success(request, "Added to your questions.")
            return redirect("interview:question", question.pk)
    return render(request, "interview/question_form.html", {"form": form, "question": None})


@owner_view
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = queries.own_question(request.user, pk)
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_question(request.user, question_id=pk, **form.values())
        except services.QuestionError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("interview:question", pk)
    return render(request, "interview/question_form.html", {"form": form, "question": question})


def _form_error(form: QuestionForm, exc: services.QuestionError) -> None:
    name, _, message = str(exc).partition(": ")
    form.add_error(name if name in form.fields else None, message or str(exc))


@owner_view
@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    text = services.delete_question(request.user, question_id=pk)
    messages.success(request, f"Deleted \u201c{text[:80]}\u201d.")
    return redirect("interview:questions")


@login_required
def question_suggest(request: HttpRequest) -> HttpResponse:
    """The live category hint under the add-question form's text box (htmx)."""
    text = request.GET.get("text", "")[: transfer.TEXT_MAX]
    hint = suggest(text) if len(text.split()) >= 3 else None
    name = queries.CATEGORY_NAMES.get(hint.category, "") if hint else ""
    return render_page(
        request,
        "interview/_category_hint.html",
        {"hint": hint, "name": name},
        partial="interview/_category_hint.html",
    )


@login_required
def questions_import(request: HttpRequest) -> HttpResponse:
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = services.import_questions(
            request.user, upload.name, upload.read(), fmt=form.cleaned_data["format"]
        )
    context = {"form": form, "report": report, "own": queries.own_count(request.user)}
    return render(request, "interview/questions_import.html", context)


@login_required
def questions_export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "csv")
    if fmt not in transfer.FORMATS:
        return HttpResponse("format: choose csv, json or md", status=400, content_type="text/plain")
    own_only = request.GET.get("own") == "1"
    body = services.export_questions(request.user, fmt=fmt, own_only=own_only)
    which = "my-questions" if own_only else "questions"
    return _download(body, f"pmpath-{which}-{timezone.localdate().isoformat()}.{fmt}", fmt)


@login_required
def questions_template(request: HttpRequest) -> HttpResponse:
    return _download(transfer.template_csv(), "pmpath-questions-template.csv", "csv")
