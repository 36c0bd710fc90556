"""Factories for the resume tests: a complete JSON Resume document (every section the schema
has), resumes and versions in the database, and PDF/DOCX files made from our own text."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

from pmpath.matching.models import Resume, ResumeVersion
from pmpath.matching.resume.schema import checksum

FIXTURES = Path(__file__).resolve().parent / "fixtures"

FULL: dict[str, Any] = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Maya Okafor",
        "label": "Senior Product Manager",
        "image": "maya.png",
        "email": "maya@example.test",
        "phone": "+44 20 7946 0000",
        "url": "https://maya.example.test",
        "summary": "Product manager for payments and marketplaces; I ship small bets fast.",
        "location": {"address": "1 Example Street", "postalCode": "EC1A 1AA",
                     "city": "London", "countryCode": "GB", "region": "England"},
        "profiles": [{"network": "LinkedIn", "username": "maya-okafor",
                      "url": "https://www.linkedin.com/in/maya-okafor"}],
    },
    "work": [
        {"name": "Quayside Pay", "location": "London", "description": "Card payments",
         "position": "Senior Product Manager", "url": "https://quayside.example.test",
         "startDate": "2021-04", "summary": "Owned checkout and payouts.",
         "highlights": ["Raised authorisation rate from 92% to 95% in two quarters",
                        "Ran 20 A/B tests on the payment page with our analyst"]},
        {"name": "Stallholder", "position": "Product Manager", "startDate": "2018-01",
         "endDate": "2021-03", "highlights": ["Launched seller onboarding for 12,000 shops"]},
    ],
    "volunteer": [{"organization": "Code Club", "position": "Mentor", "url": "https://c.example.test",
                   "startDate": "2019", "endDate": "2020", "summary": "Weekly sessions.",
                   "highlights": ["Taught 30 children Scratch"]}],
    "education": [{"institution": "University of Leeds", "url": "https://leeds.example.test",
                   "area": "Economics", "studyType": "BSc", "startDate": "2011-09",
                   "endDate": "2014-06", "score": "First", "courses": ["Econometrics"]}],
    "awards": [{"title": "Product of the year", "date": "2022-11-01", "awarder": "Fintech Awards",
                "summary": "For the new checkout."}],
    "certificates": [{"name": "Certified Scrum Product Owner", "date": "2020-02",
                      "issuer": "Scrum Alliance", "url": "https://cert.example.test"}],
    "publications": [{"name": "Pricing pages that work", "publisher": "Mind the Product",
                      "releaseDate": "2023-05-02", "url": "https://pub.example.test",
                      "summary": "What 20 tests taught us."}],
    "skills": [{"name": "Analytics", "level": "Expert", "keywords": ["SQL", "Amplitude"]},
               {"name": "Discovery", "keywords": ["user research", "jobs-to-be-done"]}],
    "languages": [{"language": "English", "fluency": "Native"},
                  {"language": "French", "fluency": "Professional"}],
    "interests": [{"name": "Cycling", "keywords": ["touring"]}],
    "references": [{"name": "Sam Lee", "reference": "Maya made our roadmap make sense."}],
    "projects": [{"name": "Budget bot", "description": "A chat bot for household budgets",
                  "highlights": ["500 weekly users"], "keywords": ["Python"],
                  "startDate": "2020", "endDate": "2021", "url": "https://bot.example.test",
                  "roles": ["Maker"], "entity": "Side project", "type": "application"}],
    "meta": {"canonical": "https://maya.example.test/resume.json", "version": "v1.0.0",
             "lastModified": "2024-01-02T10:00:00"},
}  # fmt: skip


def full() -> dict[str, Any]:
    return copy.deepcopy(FULL)


def make_resume(user: Any, data: dict[str, Any] | None = None, **extra: Any) -> Resume:
    data = full() if data is None else data
    return Resume.objects.create(user=user, data=data, checksum=checksum(data), **extra)


def make_versions(user: Any, count: int, posting: Any = None) -> None:
    start = ResumeVersion.objects.owned_by(user).count()
    ResumeVersion.objects.bulk_create(
        ResumeVersion(user=user, name=f"Version {start + i + 1}", data=full(), posting=posting)
        for i in range(count)
    )


def priya_text() -> str:
    return (FIXTURES / "resume_priya.txt").read_text(encoding="utf-8")


def pdf_of(text: str) -> bytes:
    """A real PDF with a text layer, laid out by WeasyPrint from our text."""
    from html import escape

    from weasyprint import HTML

    body = "".join(f"<p>{escape(line)}</p>" if line else "<br>" for line in text.splitlines())
    page = f"<html><body style='font-family: DejaVu Sans; font-size: 9pt'>{body}</body></html>"
    return HTML(string=page).write_pdf()


def scanned_pdf() -> bytes:
    """A PDF holding only a picture of a page: what a scanner makes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(image)
    for y in range(80, 1000, 40):
        draw.rectangle((80, y, 700, y + 12), fill="black")  # lines of "text" as ink
    out = io.BytesIO()
    image.save(out, "PDF", resolution=100)
    return out.getvalue()


def docx_of(text: str) -> bytes:
    """A Word document: headings as headings, "• " lines as list paragraphs."""
    from docx import Document

    document = Document()
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("• "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.isupper():
            document.add_heading(line.title(), level=2)
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_of(files: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


PROFILE_CSV = (
    "\ufeffFirst Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
    "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Priya,Raman,,,,Senior Product Manager,"Payments PM.\nI ship small bets.",Software,,'
    '"Berlin, Germany",[priyapm],[PORTFOLIO:https://priya.example.test],\n'
)
POSITIONS_CSV = (
    "Company Name,Title,Description,Location,Started On,Finished On\r\n"
    'Ledgerline GmbH,Senior Product Manager,"Own checkout and payouts.\r\n'
    '- Raised payment success from 91% to 95%\r\n- Ran 14 pricing experiments",'
    '"Berlin, Germany",Mar 2021,\r\n'
    "Tallybook,Product Manager,Invoicing for freelancers,,Jun 2017,Feb 2021\r\n"
)
# An older export's headers: "Company" and "Start Date" instead of "Company Name" and
# "Started On"; Education.csv without "Degree Name".
POSITIONS_OLD_CSV = (
    "Company,Title,Description,Location,Start Date,End Date\n"
    "Northwind Consulting,Business Analyst,Dashboards,Munich,09/2015,05/2017\n"
)
EDUCATION_CSV = (
    "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
    "Technical University of Munich,2013,2015,,MSc Management,Debating\n"
)
EDUCATION_OLD_CSV = (
    "School,Degree,Field Of Study,Start Date,End Date\n"
    "University of Mumbai,Bachelor of Engineering,Computer Engineering,2009,2013\n"
)
SKILLS_CSV = "Name\nRoadmapping\nSQL\nA/B Testing\nsql\n"


def linkedin_zip(**overrides: bytes | str) -> bytes:
    files: dict[str, bytes | str] = {
        "Profile.csv": PROFILE_CSV,
        "Positions.csv": POSITIONS_CSV,
        "Education.csv": EDUCATION_CSV,
        "Skills.csv": SKILLS_CSV,
        "Connections.csv": "First Name,Last Name\n",
    }
    files.update(overrides)
    return zip_of(files)
