"""Companies and research briefs: services, pages, and completeness on cards and tables."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pmpath.jobs import research_queries
from pmpath.jobs.models import Application, Company, ResearchBrief
from pmpath.jobs.research_forms import BRIEF_GUIDE
from pmpath.jobs.research_services import add_company, save_brief, update_company
from pmpath.jobs.services import JobsError, company_named, ensure_stages
from tests.jobs.factories import make_application
from tests.perf import assert_constant_queries


def grow_companies(user, count, *, with_briefs=True, with_applications=True):
    """Bring the user's companies up to `count`, each with a half-written brief and an
    open application."""
    stage = ensure_stages(user)[1]
    have = Company.objects.filter(user=user).count()
    companies = Company.objects.bulk_create(
        [Company(user=user, name=f"Company {i:05d}") for i in range(have, count)]
    )
    if with_briefs:
        ResearchBrief.objects.bulk_create(
            [
                ResearchBrief(user=user, company=c, mission="m", products="p", customers="c")
                for c in companies
            ]
        )
    if with_applications:
        now = timezone.now()
        Application.objects.bulk_create(
            [
                Application(
                    user=user,
                    company=c,
                    role_title=f"PM {c.name}",
                    stage=stage,
                    position=i,
                    stage_changed_at=now,
                )
                for i, c in enumerate(companies)
            ]
        )


# --- services -----------------------------------------------------------------------------


def test_it_creates_the_brief_on_first_save_and_updates_it_after(alice):
    company = company_named(alice, "Acme")
    brief = save_brief(alice, company_id=company.pk, mission="  Make payments boring.  ")
    assert brief.mission == "Make payments boring."
    again = save_brief(alice, company_id=company.pk, products="Checkout, invoicing")
    assert again.pk == brief.pk
    assert (again.mission, again.products) == ("Make payments boring.", "Checkout, invoicing")
    assert again.completeness == round(100 * 2 / 9)
    assert ResearchBrief.objects.filter(user=alice).count() == 1


def test_a_brief_refuses_unknown_sections_and_another_users_company(alice, bob):
    company = company_named(alice, "Acme")
    with pytest.raises(JobsError, match="unknown sections: salary"):
        save_brief(alice, company_id=company.pk, salary="lots")
    from django.http import Http404

    with pytest.raises(Http404):
        save_brief(bob, company_id=company.pk, mission="hijacked")
    assert not ResearchBrief.objects.exists()


def test_it_renames_a_company_and_keeps_its_aliases_tidy(alice):
    company = company_named(alice, "Acme")
    updated = update_company(
        alice,
        company_id=company.pk,
        name="  Acme   Corp ",
        website="https://acme.example",
        aliases="Acme Inc, acme inc\nACME Labs;  , Acme Corp",
        notes="Met them at a meetup.",
    )
    assert updated.name == "Acme Corp"
    assert updated.aliases == ["Acme Inc", "ACME Labs"]  # deduplicated, not its own name
    assert company_named(alice, "acme labs") == updated  # imports find it by alias


@pytest.mark.parametrize(
    "values, message",
    [
        ({"name": "  "}, "name: a company needs a name"),
        ({"name": "Globex"}, "name: you already have a company called"),
        ({"name": "Acme", "website": "javascript:alert(1)"}, "website:"),
        ({"name": "Acme", "aliases": ", ".join(f"a{i}" for i in range(25))}, "aliases:"),
    ],
)
def test_company_edits_name_the_field_they_fail_on(alice, values, message):
    company = company_named(alice, "Acme")
    company_named(alice, "Globex")
    with pytest.raises(JobsError, match=message):
        update_company(alice, company_id=company.pk, **values)
    company.refresh_from_db()
    assert company.name == "Acme"


def test_adding_a_company_by_an_alias_finds_the_existing_one(alice):
    company = company_named(alice, "Alphabet")
    update_company(alice, company_id=company.pk, name="Alphabet", aliases="Google")
    assert add_company(alice, name="google") == company
    with pytest.raises(JobsError, match="name:"):
        add_company(alice, name="   ")


def test_completeness_is_counted_for_many_companies_in_one_query(alice, django_assert_num_queries):
    grow_companies(alice, 30)
    ids = list(Company.objects.filter(user=alice).values_list("id", flat=True))
    with django_assert_num_queries(1):
        found = research_queries.completeness_by_company(alice, ids)
    assert set(found.values()) == {round(100 * 3 / 9)}


# --- pages --------------------------------------------------------------------------------


def test_the_brief_page_shows_guidance_for_every_section_and_writes_nothing_on_open(
    alice, alice_client
):
    company = company_named(alice, "Acme")
    body = alice_client.get(reverse("jobs:company_research", args=[company.pk])).content.decode()
    for label, guidance in BRIEF_GUIDE.values():
        assert label in body
        assert guidance in body
    assert "non-obvious substitutes" in body
    assert "0%" in body and "<progress" in body
    assert not ResearchBrief.objects.exists()


def test_saving_the_brief_shows_its_progress(alice, alice_client):
    company = company_named(alice, "Acme")
    url = reverse("jobs:company_research", args=[company.pk])
    response = alice_client.post(
        url, {"mission": "Payments for small shops", "competitors": "Spreadsheets; a bank"}
    )
    assert response.status_code == 302
    body = alice_client.get(url).content.decode()
    assert "22%" in body and "2 of 9 sections written" in body
    assert "Spreadsheets; a bank" in body


def test_the_application_page_links_to_its_company_research(alice, alice_client):
    application = make_application(alice, company_name="Globex")
    body = alice_client.get(reverse("jobs:application", args=[application.pk])).content.decode()
    research = reverse("jobs:company_research", args=[application.company_id])
    assert f'href="{research}"' in body and "Research Globex" in body
    assert "not started" in body


def test_the_board_card_and_table_show_brief_completeness(alice, alice_client):
    application = make_application(alice, company_name="Globex")
    save_brief(alice, company_id=application.company_id, mission="x", products="y", culture="z")
    board = alice_client.get(reverse("jobs:board")).content.decode()
    assert "Research 33%" in board
    table = alice_client.get(reverse("jobs:applications")).content.decode()
    assert "33%</a>" in table


def test_the_companies_page_lists_open_applications_and_brief_progress(alice, alice_client):
    first = make_application(alice, company_name="Globex")
    make_application(alice, company_name="Globex", role_title="Senior PM")
    archived = make_application(alice, company_name="Globex", role_title="APM")
    archived.archived_at = timezone.now()
    archived.save()
    save_brief(alice, company_id=first.company_id, mission="x")
    company_named(alice, "Initech")
    body = alice_client.get(reverse("jobs:companies")).content.decode()
    globex = body[body.index("Globex") :]
    assert '<td class="num">2</td>' in globex  # the archived one does not count
    assert "11%" in globex
    assert "Start" in body[body.index("Initech") :]


def test_naming_a_company_on_the_list_opens_its_brief(alice, alice_client):
    response = alice_client.post(reverse("jobs:companies"), {"name": "Hooli"})
    company = Company.objects.get(user=alice, name="Hooli")
    assert response["Location"] == reverse("jobs:company_research", args=[company.pk])


def test_the_company_page_saves_website_aliases_and_notes(alice, alice_client):
    company = company_named(alice, "Acme")
    url = reverse("jobs:company", args=[company.pk])
    response = alice_client.post(
        url,
        {
            "name": "Acme",
            "website": "acme.example",
            "aliases": "Acme Inc\nACME\nAcme Co",
            "notes": "Hi",
        },
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.website == "https://acme.example"
    assert company.aliases == ["Acme Inc", "Acme Co"]  # "ACME" is its own name


def test_a_clashing_company_name_is_shown_on_its_field(alice, alice_client):
    company = company_named(alice, "Acme")
    company_named(alice, "Globex")
    body = alice_client.post(
        reverse("jobs:company", args=[company.pk]), {"name": "globex"}
    ).content.decode()
    assert "field-error" in body and "you already have a company called" in body


def test_the_companies_page_reads_in_constant_queries(alice, alice_client):
    assert_constant_queries(
        alice_client,
        reverse("jobs:companies"),
        lambda n: grow_companies(alice, n),
        small=5,
        large=300,
    )


def test_the_company_and_brief_pages_read_in_constant_queries(alice, alice_client):
    company = company_named(alice, "Acme")
    save_brief(alice, company_id=company.pk, mission="x")

    def grow(n):
        for i in range(Application.objects.filter(user=alice).count(), n):
            make_application(alice, company_name="Acme", role_title=f"PM {i}")
        grow_companies(alice, n)

    for name in ("jobs:company", "jobs:company_research"):
        assert_constant_queries(
            alice_client, reverse(name, args=[company.pk]), grow, small=3, large=80
        )


def test_the_board_with_completeness_reads_in_constant_queries(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("jobs:board"), lambda n: grow_companies(alice, n), small=5, large=400
    )
    assert_constant_queries(
        alice_client,
        reverse("jobs:applications"),
        lambda n: grow_companies(alice, n),
        small=400,
        large=800,
    )
