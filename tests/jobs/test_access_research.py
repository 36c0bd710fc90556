"""Companies, briefs, stages, exports and the funnel: alice owns; bob (another user) and
charlie (anonymous) get 404 for her objects, on read and on write, and never see her rows."""

import pytest
from django.urls import reverse

from pmpath.jobs.models import Company, ResearchBrief, Stage
from pmpath.jobs.research_services import save_brief
from pmpath.jobs.services import ensure_stages
from tests.jobs.factories import make_application

OTHERS = ["bob_client", "charlie_client"]


@pytest.fixture
def alices(alice):
    application = make_application(alice, role_title="Secret PM role", company_name="Acme")
    save_brief(alice, company_id=application.company_id, mission="Alice's notes")
    stages = ensure_stages(alice)
    return {"company": application.company, "stage": stages[3], "stages": stages}


@pytest.mark.parametrize("name", ["jobs:company", "jobs:company_research"])
def test_alice_opens_her_company_and_its_brief(alices, alice_client, name):
    response = alice_client.get(reverse(name, args=[alices["company"].pk]))
    assert response.status_code == 200 and "Acme" in response.content.decode()


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize("name", ["jobs:company", "jobs:company_research"])
def test_others_cannot_open_alices_company_or_brief(alices, request, who, name):
    client = request.getfixturevalue(who)
    assert client.get(reverse(name, args=[alices["company"].pk])).status_code == 404


@pytest.mark.parametrize("who", OTHERS)
def test_others_cannot_edit_alices_company_or_brief(alices, request, who):
    client = request.getfixturevalue(who)
    company = alices["company"]
    edit = client.post(reverse("jobs:company", args=[company.pk]), {"name": "hijacked"})
    brief = client.post(
        reverse("jobs:company_research", args=[company.pk]), {"mission": "hijacked"}
    )
    assert edit.status_code == 404 and brief.status_code == 404
    company.refresh_from_db()
    assert company.name == "Acme"
    assert ResearchBrief.objects.get(company=company).mission == "Alice's notes"
    assert ResearchBrief.objects.count() == 1


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize(
    "name, data",
    [
        ("jobs:stage_update", {"name": "hijacked", "outcome": "lost"}),
        ("jobs:stage_move", {"direction": "up"}),
        ("jobs:stage_delete", {}),
    ],
)
def test_others_cannot_change_alices_stages(alices, request, who, name, data):
    client = request.getfixturevalue(who)
    stage = alices["stage"]
    response = client.post(reverse(name, args=[stage.pk]), data)
    assert response.status_code == 404
    stage.refresh_from_db()
    assert (stage.name, stage.outcome, stage.order) == ("Interviewing", "open", 3)


@pytest.mark.parametrize("who", OTHERS)
def test_others_cannot_reorder_alices_stages(alices, request, who):
    client = request.getfixturevalue(who)
    ids = [s.pk for s in reversed(alices["stages"])]
    response = client.post(
        reverse("jobs:stages_reorder"), {"stage": ids}, headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 404
    assert Stage.objects.filter(user=alices["company"].user).order_by("order")[0].name == "Saved"


def test_alice_changes_her_own_stage(alices, alice_client):
    stage = alices["stage"]
    response = alice_client.post(
        reverse("jobs:stage_update", args=[stage.pk]), {"name": "Loop", "outcome": "open"}
    )
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.name == "Loop"


@pytest.mark.parametrize(
    "name",
    [
        "jobs:companies",
        "jobs:stages",
        "jobs:applications_import",
        "jobs:applications_export",
        "jobs:applications_export_json",
        "jobs:applications_template",
        "jobs:funnel_csv",
        "jobs:activity_csv",
    ],
)
def test_list_pages_and_downloads_ask_charlie_to_log_in(charlie_client, name):
    response = charlie_client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "name",
    [
        "jobs:index",
        "jobs:companies",
        "jobs:stages",
        "jobs:board",
        "jobs:applications",
        "jobs:applications_export",
        "jobs:applications_export_json",
        "jobs:activity_csv",
    ],
)
def test_bobs_pages_and_downloads_show_nothing_of_alices(alices, bob_client, name):
    body = bob_client.get(reverse(name)).content.decode()
    assert "Acme" not in body and "Secret PM role" not in body
    assert f'data-id="{alices["stage"].pk}"' not in body


def test_bobs_funnel_counts_only_his_applications(alices, bob_client):
    body = bob_client.get(reverse("jobs:funnel_csv")).content.decode()
    assert "Saved,open,yes,0," in body


def test_anonymous_posts_to_the_lists_change_nothing(alices, charlie_client):
    count = Company.objects.count()
    response = charlie_client.post(reverse("jobs:companies"), {"name": "Hooli"})
    assert response.status_code == 302 and Company.objects.count() == count
    response = charlie_client.post(reverse("jobs:stages"), {"name": "Hooli", "outcome": "open"})
    assert response.status_code == 302 and not Stage.objects.filter(name="Hooli").exists()


def test_bobs_import_lands_in_his_account_only(alices, bob, bob_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("b.csv", b"role,company\nSecret PM role,Acme\n", "text/csv")
    bob_client.post(reverse("jobs:applications_import"), {"file": upload})
    acme = Company.objects.get(user=bob, name="Acme")
    assert acme.pk != alices["company"].pk
    assert alices["company"].applications.count() == 1
