"""A realistic resume for generated users (the benchmark's heavy user): a working PM's JSON
Resume document with every section the pages show, a few tailored versions and a draft waiting
for review. Written by us; the companies are invented."""

from __future__ import annotations

import random
from typing import Any

COMPANIES = ["Quayside Pay", "Stallholder", "Northwind Health", "Tallybook", "Ledgerline",
             "Brightpath Learning", "Cartwheel Logistics"]  # fmt: skip
HIGHLIGHTS = [
    "Led the checkout redesign for {n},000 merchants, raising payment success by {p} points",
    "Ran {n} A/B tests on onboarding with our analyst; three became the default flow",
    "Wrote PRDs and a quarterly roadmap reviewed with engineering, design and finance",
    "Interviewed {n} customers and mapped their jobs-to-be-done to set the next year's bets",
    "Built SQL dashboards in Looker that the sales team used to size {n} deals a week",
    "Cut support tickets by {p}% by rewriting the five most-read help articles with support",
    "Set OKRs with three squads and reported progress to the leadership team each month",
    "Priced a new premium plan with RICE-scored experiments; it reached {n}% of revenue",
]
SKILLS = [
    ("Discovery", ["user research", "jobs-to-be-done", "customer interviews", "usability tests"]),
    ("Delivery", ["PRDs", "roadmapping", "agile", "scrum", "Jira", "OKRs"]),
    ("Analytics", ["SQL", "Amplitude", "Looker", "Mixpanel", "A/B testing"]),
    ("Design", ["Figma", "prototyping", "design critique"]),
    ("Domains", ["payments", "B2B SaaS", "marketplaces"]),
]


def resume_document(rng: random.Random) -> dict[str, Any]:
    work = []
    year = 2024
    for index, company in enumerate(rng.sample(COMPANIES, 5)):
        start = year - rng.randrange(2, 4)
        title = ["Senior Product Manager", "Product Manager", "Product Manager",
                 "Associate Product Manager", "Business Analyst"][index]  # fmt: skip
        lines = [h.format(n=rng.randrange(4, 60), p=rng.randrange(2, 30))
                 for h in rng.sample(HIGHLIGHTS, 4)]  # fmt: skip
        job: dict[str, Any] = {
            "name": company,
            "position": title,
            "startDate": f"{start}-0{1 + index}",
            "location": rng.choice(["London", "Berlin", "Remote"]),
            "highlights": lines,
        }
        if index:
            job["endDate"] = f"{year}-0{index}"
        work.append(job)
        year = start
    return {
        "basics": {"name": "Heavy User", "label": "Senior Product Manager",
                   "email": "heavy@example.test", "summary": "Product manager for payments and "
                   "B2B SaaS; I turn customer problems into small, measured bets.",
                   "location": {"city": "London", "countryCode": "GB"},
                   "profiles": [{"network": "LinkedIn", "username": "heavy-user",
                                 "url": "https://www.linkedin.com/in/heavy-user"}]},
        "work": work,
        "projects": [{"name": "Open budget planner", "description": "A small budgeting app",
                      "highlights": ["2,000 households use it weekly"], "startDate": "2019"}],
        "education": [{"institution": "University of Leeds", "studyType": "BSc",
                       "area": "Economics", "startDate": "2009", "endDate": "2012"}],
        "skills": [{"name": name, "keywords": keywords} for name, keywords in SKILLS],
        "certificates": [{"name": "Certified Scrum Product Owner", "issuer": "Scrum Alliance",
                          "date": "2020-02"}],
        "languages": [{"language": "English", "fluency": "Native"},
                      {"language": "German", "fluency": "Professional"}],
    }  # fmt: skip


def draft_lines(document: dict[str, Any]) -> list[str]:
    """The document as the lines of a plain-text resume, for a draft to review."""
    basics = document["basics"]
    lines = [basics["name"], basics["label"], basics["email"], "", "EXPERIENCE"]
    for job in document["work"]:
        lines.append(f"{job['position']} | {job['name']}  {job['startDate']} - "
                     f"{job.get('endDate', 'Present')}")  # fmt: skip
        lines += [f"• {h}" for h in job["highlights"]]
    lines += ["", "SKILLS"] + [
        f"{s['name']}: {', '.join(s['keywords'])}" for s in document["skills"]
    ]
    return lines
