"""The resource catalogue pages: filters, adding and editing, import and export."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pmpath.career.models import Enrolment, Resource
from tests.career.learning_factories import make_enrolment, make_resource, make_resources
from tests.conftest import make_user
from tests.perf import assert_constant_queries

URL = "/career/resources/"


def names(client, query=""):
    return client.get(f"{URL}?{query}").content.decode()


def test_the_catalogue_lists_shipped_resources_to_everyone(charlie_client):
    body = charlie_client.get(URL).content.decode()
    assert "Acquired" in body and "Ben Gilbert" in body and "Page 1 of 3" in body
    assert "Add a resource" not in body


def test_it_filters_by_skill_kind_level_cost_and_text(alice_client):
    body = names(alice_client, "skill=leadership&kind=book&level=director")
    assert "Radical Candor" in body and "The Mom Test" not in body
    assert "Continuous Discovery Habits" not in body
    free = names(alice_client, "cost=free&kind=book")
    assert "Shape Up" in free and "Inspired" not in free
    paid = names(alice_client, "cost=paid&kind=certification")
    assert (
        "Product Manager Certification (PMC)" in paid
        and "Google Analytics certification" not in paid
    )
    text = names(alice_client, "q=fitzpatrick")
    assert "The Mom Test" in text and "Shape Up" not in text


def test_a_level_filter_does_not_match_a_longer_level_key(alice_client):
    make_resource(name="Only for senior PMs", levels=["senior_pm"], skills=["leadership"])
    assert "Only for senior PMs" not in names(alice_client, "level=pm&q=only")
    assert "Only for senior PMs" in names(alice_client, "level=senior_pm&q=only")


def test_unknown_filter_values_are_ignored(alice_client):
    response = alice_client.get(f"{URL}?kind=lecture&level=ceo&cost=cheap&page=abc")
    assert response.status_code == 200
    assert "Acquired" in response.content.decode()


def test_added_by_me_shows_only_my_own(alice, alice_client, bob):
    make_resource(alice, name="Alice's pick")
    make_resource(bob, name="Bob's pick")
    body = names(alice_client, "source=mine")
    # "Bob's pick", not "Bob": three letters can turn up inside a random CSRF token.
    assert "Alice&#39;s pick" in body and "Bob&#39;s pick" not in body
    assert "The Mom Test" not in body
    assert "Bob&#39;s pick" not in names(alice_client)


def test_the_catalogue_shows_my_enrolment_or_a_button_to_add_it(alice, alice_client):
    inspired = Resource.objects.get(key="inspired")
    make_enrolment(alice, inspired, status="active", progress=40)
    body = names(alice_client, "q=inspired")
    assert "In progress · 40%" in body
    assert reverse("career:resource_enrol", args=[inspired.pk]) not in body
    other = Resource.objects.get(key="empowered")
    assert reverse("career:resource_enrol", args=[other.pk]) in names(alice_client, "q=empowered")


def test_the_catalogue_runs_a_constant_number_of_queries(alice, alice_client):
    make_enrolment(alice)
    assert_constant_queries(
        alice_client, URL + "?skill=leadership&q=resource", lambda n: make_resources(alice, n)
    )


def test_the_catalogue_pages_through_many_resources(alice, alice_client):
    make_resources(alice, 120)
    body = names(alice_client, "source=mine&page=3")
    assert "Page 3 of 3" in body and "Resource 00119" in body


def test_a_person_adds_their_own_resource(alice, alice_client):
    response = alice_client.post(
        reverse("career:resource_new"),
        {
            "name": "Our PM wiki",
            "kind": "article",
            "url": "https://wiki.example.com/pm",
            "cost": "0",
            "levels": ["apm", "pm"],
            "skills": ["communication"],
            "shared": "on",  # not offered to non-admins: ignored
        },
    )
    resource = Resource.objects.get(name="Our PM wiki")
    assert response.status_code == 302 and response["Location"] == f"{URL}{resource.pk}/"
    assert (resource.owner, resource.key, resource.levels) == (alice, "", ["apm", "pm"])


def test_the_add_form_explains_bad_input_next_to_the_field(alice_client):
    response = alice_client.post(
        reverse("career:resource_new"), {"name": "Pricey", "kind": "course", "cost": "100"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "give the currency of the cost" in body
    assert not Resource.objects.filter(name="Pricey").exists()


def test_only_an_admin_sees_and_uses_the_shared_checkbox(alice_client):
    assert (
        "Add to the shared catalogue"
        not in alice_client.get("/career/resources/new/").content.decode()
    )
    admin = make_user("ada", is_staff=True)
    alice_client.force_login(admin)
    assert (
        "Add to the shared catalogue" in alice_client.get("/career/resources/new/").content.decode()
    )
    alice_client.post(
        reverse("career:resource_new"), {"name": "Cohort course", "kind": "course", "shared": "on"}
    )
    assert Resource.objects.get(name="Cohort course").owner is None


def test_an_admin_edits_a_shared_resource_but_cannot_delete_one_others_use(alice, bob):
    from django.test import Client

    shared = make_resource(name="Cohort course")
    make_enrolment(bob, shared)
    admin = make_user("ada", is_staff=True)
    client = Client()
    client.force_login(admin)
    client.post(
        reverse("career:resource_edit", args=[shared.pk]),
        {"name": "Cohort course, 2nd edition", "kind": "course"},
    )
    shared.refresh_from_db()
    assert shared.name == "Cohort course, 2nd edition"
    response = client.post(reverse("career:resource_delete", args=[shared.pk]), follow=True)
    assert "1 person is enrolled in it" in response.content.decode()
    assert Resource.objects.filter(pk=shared.pk).exists()


def test_a_person_edits_and_deletes_their_own(alice, alice_client):
    mine = make_resource(alice, name="Old name")
    make_enrolment(alice, mine)
    alice_client.post(
        reverse("career:resource_edit", args=[mine.pk]),
        {"name": "New name", "kind": "podcast", "skills": ["leadership"]},
    )
    mine.refresh_from_db()
    assert (mine.name, mine.kind, mine.skills) == ("New name", "podcast", ["leadership"])
    alice_client.post(reverse("career:resource_delete", args=[mine.pk]))
    assert not Resource.objects.filter(pk=mine.pk).exists()
    assert not Enrolment.objects.filter(user=alice).exists()


def test_a_person_cannot_edit_the_shipped_catalogue(alice_client):
    shipped = Resource.objects.get(key="inspired")
    assert alice_client.get(reverse("career:resource_edit", args=[shipped.pk])).status_code == 404
    assert (
        alice_client.post(reverse("career:resource_delete", args=[shipped.pk])).status_code == 404
    )
    assert Resource.objects.filter(pk=shipped.pk).exists()


def test_the_resource_page_shows_its_facts(alice_client):
    mom = Resource.objects.get(key="the-mom-test")
    body = alice_client.get(reverse("career:resource", args=[mom.pk])).content.decode()
    assert "Rob Fitzpatrick" in body and "20 USD" in body and "Customer focus" in body
    assert "Start now" in body


def test_the_import_page_imports_all_or_nothing_and_names_bad_rows(alice, alice_client):
    upload = SimpleUploadedFile("mine.csv", b"name,kind\nGood,book\nBad,lecture\n")
    response = alice_client.post(reverse("career:resources_import"), {"file": upload})
    body = response.content.decode()
    assert "Nothing imported from mine.csv" in body and "row 3" in body and "kind" in body
    assert not Resource.objects.filter(owner=alice).exists()
    upload = SimpleUploadedFile("mine.csv", b"name,kind\nGood,book\n")
    response = alice_client.post(reverse("career:resources_import"), {"file": upload}, follow=True)
    assert "Imported from mine.csv: 1 new" in response.content.decode()
    assert Resource.objects.get(owner=alice).name == "Good"


def test_export_downloads_csv_and_json_that_hold_only_what_i_see(alice, alice_client, bob):
    make_resource(alice, name="Alice's pick")
    make_resource(bob, name="Bob's pick")
    response = alice_client.get(reverse("career:resources_export") + "?format=csv&scope=mine")
    assert response["Content-Disposition"].endswith('.csv"')
    text = response.content.decode()
    assert text.startswith("key,name,provider,kind") and "Alice's pick" in text
    assert "Bob" not in text and "The Mom Test" not in text
    response = alice_client.get(reverse("career:resources_export") + "?format=json")
    data = json.loads(response.content)
    names_seen = {r["name"] for r in data["resources"]}
    assert "The Mom Test" in names_seen and "Alice's pick" in names_seen
    assert "Bob's pick" not in names_seen
