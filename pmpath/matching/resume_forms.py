"""The resume's forms: one per section item, the basics, the whole document as JSON, an
upload, the draft's confirmation and a tailored version. Every form gives JSON Resume values
(dates as 2024, 2024-06 or 2024-06-29, lists as lists) so the stored document stays valid."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django import forms

from pmpath.matching.resume.schema import is_date
from pmpath.matching.resume.sections import iso_date
from pmpath.matching.resume_services import MAX_UPLOAD_BYTES
from pmpath.network.importers.linkedin import size


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text | textarea | lines | csv | date | url
    required: bool = False
    help: str = ""


_DATE_HELP = "A year, a month (2024-06 or Jun 2024) or a day (2024-06-29)."
SECTIONS: dict[str, tuple[str, str, tuple[Field, ...]]] = {
    # section: (heading, one item, fields)
    "work": ("Work experience", "job", (
        Field("position", "Position", required=True),
        Field("name", "Employer"),
        Field("location", "Location"),
        Field("url", "Employer's website", "url"),
        Field("startDate", "Start", "date", help=_DATE_HELP),
        Field("endDate", "End", "date", help="Leave empty while you work there."),
        Field("summary", "What the role was", "textarea"),
        Field("highlights", "Highlights", "lines",
              help="One per line: what you did and what changed, with numbers."),
    )),
    "projects": ("Projects", "project", (
        Field("name", "Name", required=True),
        Field("description", "Description", "textarea"),
        Field("highlights", "Highlights", "lines", help="One per line."),
        Field("keywords", "Keywords", "csv", help="Separated by commas."),
        Field("roles", "Your roles", "csv", help="Separated by commas."),
        Field("entity", "For (company or organisation)"),
        Field("url", "Link", "url"),
        Field("startDate", "Start", "date", help=_DATE_HELP),
        Field("endDate", "End", "date"),
    )),
    "education": ("Education", "school", (
        Field("institution", "Institution", required=True),
        Field("studyType", "Degree", help="BSc, MBA, Bachelor of Arts…"),
        Field("area", "Subject"),
        Field("startDate", "Start", "date", help=_DATE_HELP),
        Field("endDate", "End", "date"),
        Field("score", "Grade"),
        Field("url", "Website", "url"),
        Field("courses", "Courses", "lines", help="One per line."),
    )),
    "skills": ("Skills", "skill", (
        Field("name", "Skill or group", required=True, help="SQL, or a group such as Analytics."),
        Field("level", "Level", help="Beginner, working knowledge, expert…"),
        Field("keywords", "Keywords", "csv", help="Separated by commas: Amplitude, Looker."),
    )),
    "certificates": ("Certificates", "certificate", (
        Field("name", "Name", required=True),
        Field("issuer", "Issuer"),
        Field("date", "Date", "date", help=_DATE_HELP),
        Field("url", "Link", "url"),
    )),
    "languages": ("Languages", "language", (
        Field("language", "Language", required=True),
        Field("fluency", "Fluency", help="Native, fluent, professional, conversational…"),
    )),
}  # fmt: skip


def clean_date(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    found = value if is_date(value) else iso_date(value)
    if not found:
        raise forms.ValidationError(f"{value!r} is not a date like 2024, 2024-06 or 2024-06-29.")
    return found


class ItemForm(forms.Form):
    """One item of a section, its fields from SECTIONS."""

    def __init__(self, section: str, *args: Any, item: dict[str, Any] | None = None, **kw: Any):
        item = item or {}
        initial = {}
        for f in SECTIONS[section][2]:
            value = item.get(f.key, "")
            if f.kind == "lines" and isinstance(value, list):
                value = "\n".join(str(v) for v in value)
            elif f.kind == "csv" and isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            initial[f.key] = value if isinstance(value, str) else json.dumps(value)
        kw["initial"] = initial
        super().__init__(*args, **kw)
        self.section = section
        self.specs = SECTIONS[section][2]
        for f in self.specs:
            widget: Any = None
            if f.kind in ("textarea", "lines"):
                widget = forms.Textarea(attrs={"rows": 6 if f.kind == "lines" else 3})
            self.fields[f.key] = forms.CharField(
                label=f.label,
                required=f.required,
                help_text=f.help,
                widget=widget,
                max_length=20_000,
                strip=True,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for f in self.specs:
            if f.kind == "date" and f.key in data:
                try:
                    data[f.key] = clean_date(data[f.key])
                except forms.ValidationError as error:
                    self.add_error(f.key, error)
        return data

    def values(self) -> dict[str, Any]:
        """The item as JSON Resume values; a blank field removes its key."""
        out: dict[str, Any] = {}
        for f in self.specs:
            raw = self.cleaned_data.get(f.key) or ""
            if f.kind == "lines":
                out[f.key] = [
                    line.strip(" •-\t") for line in raw.splitlines() if line.strip(" •-\t")
                ]
            elif f.kind == "csv":
                out[f.key] = [p.strip() for p in raw.split(",") if p.strip()]
            else:
                out[f.key] = raw
        return out


class BasicsForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    label = forms.CharField(
        label="Headline",
        required=False,
        max_length=300,
        help_text="The role you have or aim for: Senior Product Manager.",
    )
    email = forms.EmailField(label="Email", required=False)
    phone = forms.CharField(label="Phone", required=False, max_length=50)
    url = forms.CharField(label="Website", required=False, max_length=500)
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Two or three sentences: what you do best, for whom.",
    )
    city = forms.CharField(label="City", required=False, max_length=200)
    region = forms.CharField(label="Region or country", required=False, max_length=200)
    countryCode = forms.CharField(
        label="Country code", required=False, max_length=2, help_text="Two letters: DE, US, IN."
    )
    profiles = forms.CharField(
        label="Profiles",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: network, address. LinkedIn, https://www.linkedin.com/in/you",
    )

    @staticmethod
    def initial_from(basics: dict[str, Any]) -> dict[str, Any]:
        location = basics.get("location") or {}
        profiles = basics.get("profiles") or []
        return {
            **{k: basics.get(k, "") for k in ("name", "label", "email", "phone", "url", "summary")},
            **{k: location.get(k, "") for k in ("city", "region", "countryCode")},
            "profiles": "\n".join(
                ", ".join(p for p in (pr.get("network"), pr.get("url") or pr.get("username")) if p)
                for pr in profiles
                if isinstance(pr, dict)
            ),
        }

    def clean_countryCode(self) -> str:
        code = self.cleaned_data["countryCode"].strip().upper()
        if code and not (len(code) == 2 and code.isalpha()):
            raise forms.ValidationError("Two letters, such as DE or US.")
        return code

    def values(self, stored: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        profiles = []
        kept = {
            (p.get("network") or "").lower(): p
            for p in stored.get("profiles") or []
            if isinstance(p, dict)
        }
        for line in data["profiles"].splitlines():
            network, _, address = (part.strip() for part in line.partition(","))
            if not network:
                continue
            profile = dict(kept.get(network.lower(), {}))
            profile["network"] = network
            if address.startswith(("http://", "https://")):
                if profile.get("url") != address:
                    profile["username"] = address.rstrip("/").rsplit("/", 1)[-1]
                profile["url"] = address
            elif address:
                profile["username"] = address
            profiles.append(profile)
        return {
            **{k: data[k].strip() for k in ("name", "label", "email", "phone", "url", "summary")},
            "location": {k: data[k].strip() for k in ("city", "region", "countryCode")},
            "profiles": profiles,
        }


class JSONDocumentField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "code"})
        )
        kwargs.setdefault("max_length", 2 * 1024 * 1024)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return {}
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                f"This is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}."
            ) from None
        if not isinstance(document, dict):
            raise forms.ValidationError("A JSON Resume document is an object: { … }.")
        return document


def pretty(document: Any) -> str:
    return json.dumps(document or {}, indent=2, ensure_ascii=False)


class DocumentForm(forms.Form):
    document = JSONDocumentField(label="The whole resume as JSON Resume")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Your resume file",
        help_text=f"JSON Resume (.json), LinkedIn's data export (.zip, or its Profile.csv, "
        f"Positions.csv, Education.csv, Skills.csv), PDF, Word (.docx) or text (.txt). "
        f"Up to {size(MAX_UPLOAD_BYTES)}.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.zip,.csv,.pdf,.docx,.txt,.md"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {size(upload.size)}; the limit is {size(MAX_UPLOAD_BYTES)}."
            )
        return upload


class DraftForm(forms.Form):
    mode = forms.ChoiceField(
        label="How to use it",
        choices=[
            ("merge", "Merge into my resume: update matching entries, add new ones"),
            ("replace", "Replace my resume with this draft"),
        ],
        initial="merge",
        widget=forms.RadioSelect,
    )
    document = JSONDocumentField(
        label="The draft as JSON Resume (edit it here before you confirm, if you like)",
        required=False,
    )


class VersionForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, help_text="The company and role, e.g. Ledgerline, Senior PM."
    )
    posting = forms.TypedChoiceField(
        label="Tailored for", required=False, coerce=int, empty_value=None
    )
    notes = forms.CharField(
        label="Notes", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, postings: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["posting"].choices = postings  # type: ignore[attr-defined]


class VersionEditForm(VersionForm):
    document = JSONDocumentField(
        label="This version as JSON Resume",
        help_text="Reorder, reword or remove what this employer does "
        "not need. Only words you can stand behind: nothing here is "
        "checked against your profile.",
    )
