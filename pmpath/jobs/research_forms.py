"""Forms for companies and research briefs. The brief's guidance is ours: what to find out
for each section, and why a PM interviewer will care."""

from __future__ import annotations

from django import forms

from pmpath.jobs.research_services import NAME_MAX, SECTION_MAX

# (label, guidance) for each ResearchBrief field, in the model's order.
BRIEF_GUIDE: dict[str, tuple[str, str]] = {
    "mission": (
        "Mission and direction",
        "In a sentence or two of your own: what the company wants to change, and for whom. "
        "Add where the strategy is heading (a new market, a platform bet, a change of "
        "business), so you can tie any feature question back to it.",
    ),
    "products": (
        "Products",
        "The main products and who each one serves. Use the product before the interview: "
        "sign up, finish its core task, and note two things that work well and one you "
        "would change, with the reason and the metric it would move.",
    ),
    "customers": (
        "Customers and segments",
        "Who pays and who uses, and how they differ: self-serve teams or enterprise buyers, "
        "consumers or admins. For each segment, the job they hire the product for. Mark the "
        "segment the role you want would serve.",
    ),
    "competitors": (
        "Competitors",
        "Who else solves this customer's problem, including non-obvious substitutes: a "
        "spreadsheet, an agency, an in-house tool, doing nothing. Note where this company "
        "wins, where it is exposed, and what would make a customer switch.",
    ),
    "business_model": (
        "Business model",
        "How money comes in (subscription, usage, take rate, ads, services), who signs the "
        "contract, and the one or two metrics leadership most likely watches. Pricing pages, "
        "annual reports and investor letters help.",
    ),
    "recent_news": (
        "Recent news",
        "Launches, funding, acquisitions, leadership changes, lay-offs and regulation from "
        "the last six to twelve months, each with its date and a line on what it means for "
        "the product team you would join.",
    ),
    "culture": (
        "Culture and ways of working",
        "How product decisions get made: who PMs report to, team shape, office or remote, "
        "how they ship and measure. Read what they write about themselves, and talk to a "
        "current or former employee; note what you heard and from whom.",
    ),
    "my_contribution": (
        "How my skills contribute",
        "Two or three of your strengths matched to their needs, each backed by a story with "
        "a measured result (your story bank has them). This becomes your answer to "
        "\u201cwhy you?\u201d and \u201cwhy us?\u201d.",
    ),
    "questions_to_ask": (
        "Questions to ask them",
        "Questions that show this research and help you decide: how the role's success is "
        "measured, the hardest trade-off the team made recently, what the first 90 days look "
        "like. Skip anything their website already answers.",
    ),
}


class BriefForm(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, (label, guidance) in BRIEF_GUIDE.items():
            self.fields[name] = forms.CharField(
                label=label,
                help_text=guidance,
                required=False,
                max_length=SECTION_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


class CompanyForm(forms.Form):
    name = forms.CharField(label="Name", max_length=NAME_MAX)
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    aliases = forms.CharField(
        label="Other names",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line or separated by commas: how postings and people also write "
        "it (a legal name, a parent brand). Imports match these to this company.",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class AddCompanyForm(forms.Form):
    name = forms.CharField(label="Company name", max_length=NAME_MAX)
