"""Product-management groups: the starter catalogue, the groups a person tracks, their activity
and the people met there; bob and charlie get 404 for alice's groups on read and write."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from pmpath.core.knowledge import read_yaml
from pmpath.network import catalogue, groups
from pmpath.network.models import Contact, Group, GroupActivity
from pmpath.network.services import NetworkError
from tests.network.factories import make_contact
from tests.perf import assert_constant_queries


def test_the_catalogue_file_is_valid_and_covers_the_kinds_the_issue_names():
    data, _ = read_yaml(catalogue.PATH, catalogue.Catalogue)
    names = {g.name for g in data.groups}
    assert 15 <= len(data.groups) <= 30
    assert {"Mind the Product", "Product School community", "Product Manager HQ"} <= names
    assert sum(g.kind == "local" and g.name.startswith("ProductTank") for g in data.groups) >= 3
    assert all(str(g.url).startswith("https://") for g in data.groups)


def test_a_bad_catalogue_is_refused_with_the_field_named(tmp_path):
    from pmpath.core.knowledge import KnowledgeError

    path = tmp_path / "groups.yaml"
    path.write_text(
        "version: 1\ngroups:\n  - key: x\n    name: Somewhere\n    kind: local\n"
        "    url: https://x.example\n    description: A local group with no city.\n"
    )
    with pytest.raises(KnowledgeError, match="no location"):
        read_yaml(path, catalogue.Catalogue)


def test_joining_from_the_catalogue_twice_tracks_the_group_once(alice):
    first, created = groups.join_from_catalogue(alice, key="mind-the-product")
    again, created_again = groups.join_from_catalogue(alice, key="mind-the-product")
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert (first.name, first.kind, first.catalogue_key) == (
        "Mind the Product",
        "online",
        "mind-the-product",
    )
    assert first.url.startswith("https://www.mindtheproduct.com")


def test_joining_a_group_already_added_by_hand_links_it_instead_of_copying(alice):
    mine = groups.create_group(alice, name="product manager hq", kind="slack")
    joined, created = groups.join_from_catalogue(alice, key="product-manager-hq")
    assert (joined.pk, created, joined.catalogue_key) == (mine.pk, False, "product-manager-hq")


def test_an_unknown_catalogue_key_is_refused(alice):
    with pytest.raises(NetworkError, match="^key: "):
        groups.join_from_catalogue(alice, key="no-such-group")


def test_custom_groups_need_a_unique_name_and_a_real_link(alice, bob):
    groups.create_group(alice, name="Local PM breakfast", kind="local", location="Leeds")
    with pytest.raises(NetworkError, match="^name: you already track"):
        groups.create_group(alice, name="local pm  breakfast")
    with pytest.raises(NetworkError, match="^url: "):
        groups.create_group(alice, name="Other", url="ftp://files.example")
    groups.create_group(bob, name="Local PM breakfast")  # bob has his own namespace


def test_logging_activity_makes_an_interested_group_a_membership(alice):
    group, _ = groups.join_from_catalogue(alice, key="mind-the-product-slack")
    assert group.status == "interested"
    groups.log_activity(alice, group_id=group.pk, summary="Answered a question on pricing")
    group.refresh_from_db()
    assert group.status == "member"
    with pytest.raises(NetworkError, match="^occurred_on: "):
        groups.log_activity(
            alice,
            group_id=group.pk,
            summary="Future",
            occurred_on=timezone.localdate() + timedelta(days=1),
        )
    with pytest.raises(NetworkError, match="^summary: "):
        groups.log_activity(alice, group_id=group.pk, summary="  ")


def test_people_met_in_a_group_are_linked_or_quick_added(alice):
    group = groups.create_group(alice, name="PM Leeds")
    known = make_contact(alice)
    groups.link_contact(alice, group_id=group.pk, contact_id=known.pk)
    added, created = groups.quick_add_contact(alice, group_id=group.pk, name="Alan Turing")
    assert created and added.how_met == "Met through PM Leeds"
    assert set(group.contacts.all()) == {known, added}
    groups.unlink_contact(alice, group_id=group.pk, contact_id=known.pk)
    assert list(group.contacts.all()) == [added]


def test_bob_cannot_join_alices_group_or_link_contacts_across_users(alice, bob):
    group = groups.create_group(alice, name="PM Leeds")
    bobs_contact = make_contact(bob)
    with pytest.raises(Http404):
        groups.link_contact(bob, group_id=group.pk, contact_id=bobs_contact.pk)
    with pytest.raises(Http404):
        groups.link_contact(alice, group_id=group.pk, contact_id=bobs_contact.pk)
    with pytest.raises(Http404):
        groups.log_activity(bob, group_id=group.pk, summary="Hijack")
    assert not group.contacts.exists() and not GroupActivity.objects.exists()


# --- pages ----------------------------------------------------------------------------------


def test_the_groups_page_shows_my_groups_and_the_suggestions(alice, alice_client):
    groups.join_from_catalogue(alice, key="mind-the-product")
    page = alice_client.get(reverse("network:groups")).content.decode()
    assert "My groups" in page and "Suggestions" in page
    assert "ProductTank London" in page and "not affiliated" in page
    assert page.count(">Join / track</button>") == len(catalogue.groups()) - 1


def test_one_click_join_tracks_the_group_and_opens_it(alice, alice_client):
    response = alice_client.post(reverse("network:group_join"), {"key": "producttank-london"})
    group = Group.objects.get(user=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:group", args=[group.pk])
    assert (group.kind, group.location) == ("local", "London")


def test_alice_adds_a_custom_group_and_edits_it(alice, alice_client):
    response = alice_client.post(
        reverse("network:group_new"),
        {"name": "PM Leeds", "kind": "local", "status": "member", "location": "Leeds"},
    )
    group = Group.objects.get(user=alice)
    assert response["Location"] == reverse("network:group", args=[group.pk])
    alice_client.post(
        reverse("network:group", args=[group.pk]),
        {"name": "PM Leeds", "kind": "local", "status": "active", "notes": "Monthly"},
    )
    group.refresh_from_db()
    assert (group.status, group.notes) == ("active", "Monthly")


def test_a_duplicate_group_name_is_shown_next_to_the_field(alice, alice_client):
    groups.create_group(alice, name="PM Leeds")
    page = alice_client.post(
        reverse("network:group_new"), {"name": "pm leeds", "kind": "local", "status": "member"}
    ).content.decode()
    assert "you already track a group called pm leeds" in page
    assert Group.objects.filter(user=alice).count() == 1


def test_alice_logs_and_deletes_activity_and_manages_people(alice, alice_client):
    group = groups.create_group(alice, name="PM Leeds")
    today = timezone.localdate().isoformat()
    alice_client.post(
        reverse("network:group_activity_add", args=[group.pk]),
        {"occurred_on": today, "summary": "Gave a lightning talk"},
    )
    activity = GroupActivity.objects.get(group=group)
    known = make_contact(alice, first_name="Katherine", last_name="Johnson")
    alice_client.post(reverse("network:group_contact_link", args=[group.pk]), {"contact": known.pk})
    alice_client.post(
        reverse("network:group_contact_add", args=[group.pk]), {"name": "Alan Turing"}
    )
    page = alice_client.get(reverse("network:group", args=[group.pk])).content.decode()
    assert "Gave a lightning talk" in page
    assert "Katherine Johnson" in page and "Alan Turing" in page
    alice_client.post(reverse("network:group_activity_delete", args=[activity.pk]))
    assert not GroupActivity.objects.exists()
    alice_client.post(reverse("network:group_contact_unlink", args=[group.pk, known.pk]))
    assert [c.first_name for c in group.contacts.all()] == ["Alan"]
    alice_client.post(reverse("network:group_delete", args=[group.pk]))
    assert not Group.objects.exists() and Contact.objects.count() == 2


def test_a_bad_activity_entry_is_shown_with_its_error(alice, alice_client):
    group = groups.create_group(alice, name="PM Leeds")
    response = alice_client.post(
        reverse("network:group_activity_add", args=[group.pk]),
        {"occurred_on": "", "summary": "Went to the meetup"},
    )
    assert response.status_code == 400
    assert "Went to the meetup" in response.content.decode()


@pytest.fixture
def alices_group(alice):
    group = groups.create_group(alice, name="Alice's circle")
    group.contacts.add(make_contact(alice, first_name="Known"))
    groups.log_activity(alice, group_id=group.pk, summary="First post")
    return group


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_cannot_read_alices_group(alices_group, request, who):
    client = request.getfixturevalue(who)
    assert client.get(reverse("network:group", args=[alices_group.pk])).status_code == 404


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
@pytest.mark.parametrize(
    "name",
    [
        "network:group",
        "network:group_delete",
        "network:group_activity_add",
        "network:group_contact_add",
        "network:group_contact_link",
    ],
)
def test_others_cannot_write_alices_group(alice, alices_group, request, who, name):
    client = request.getfixturevalue(who)
    known = Contact.objects.get(user=alice)
    response = client.post(
        reverse(name, args=[alices_group.pk]),
        {
            "name": "Hijacked",
            "kind": "online",
            "status": "left",
            "summary": "Hijack",
            "occurred_on": timezone.localdate().isoformat(),
            "contact": known.pk,
        },
    )
    assert response.status_code == 404
    alices_group.refresh_from_db()
    assert (alices_group.name, alices_group.status) == ("Alice's circle", "member")
    assert GroupActivity.objects.count() == 1 and Contact.objects.count() == 1


@pytest.mark.parametrize("who", ["bob_client", "charlie_client"])
def test_others_cannot_delete_alices_activity_or_unlink_her_people(
    alice, alices_group, request, who
):
    client = request.getfixturevalue(who)
    activity = GroupActivity.objects.get()
    known = Contact.objects.get(user=alice)
    assert (
        client.post(reverse("network:group_activity_delete", args=[activity.pk])).status_code == 404
    )
    url = reverse("network:group_contact_unlink", args=[alices_group.pk, known.pk])
    assert client.post(url).status_code == 404
    assert GroupActivity.objects.exists() and alices_group.contacts.count() == 1


def test_bob_joining_a_suggestion_gets_his_own_group_not_alices(alices_group, bob, bob_client):
    groups.join_from_catalogue(alices_group.user, key="mind-the-product")
    bob_client.post(reverse("network:group_join"), {"key": "mind-the-product"})
    assert Group.objects.filter(catalogue_key="mind-the-product").count() == 2
    page = bob_client.get(reverse("network:groups")).content.decode()
    assert "Alice&#39;s circle" not in page and "Alice's circle" not in page


@pytest.mark.parametrize("name", ["network:groups", "network:group_new"])
def test_group_list_pages_ask_charlie_to_log_in(charlie_client, name):
    response = charlie_client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_charlie_cannot_join(charlie_client):
    response = charlie_client.post(reverse("network:group_join"), {"key": "mind-the-product"})
    assert response.status_code == 302 and not Group.objects.exists()


def grow_groups(user, n):
    have = Group.objects.filter(user=user).count()
    made = Group.objects.bulk_create(
        [Group(user=user, name=f"Group {i:04d}", status="member") for i in range(have, n)]
    )
    contact = make_contact(user, last_name=f"Member {n}")
    for group in made:
        group.contacts.add(contact)
        GroupActivity.objects.create(
            user=user, group=group, occurred_on=timezone.localdate(), summary="Posted"
        )


def test_the_groups_page_runs_the_same_queries_at_5_and_150_groups(alice, alice_client):
    assert_constant_queries(
        alice_client, reverse("network:groups"), lambda n: grow_groups(alice, n), small=5, large=150
    )


def test_a_group_page_runs_the_same_queries_whatever_its_size(alice, alice_client):
    group = groups.create_group(alice, name="Big group")

    def grow(n):
        have = group.activity.count()
        GroupActivity.objects.bulk_create(
            [
                GroupActivity(
                    user=alice, group=group, occurred_on=timezone.localdate(), summary=f"{i}"
                )
                for i in range(have, n)
            ]
        )
        people = Contact.objects.bulk_create(
            [Contact(user=alice, first_name=f"P{i}") for i in range(have, n)]
        )
        group.contacts.add(*people)

    url = reverse("network:group", args=[group.pk]) + "?q=p"
    assert_constant_queries(alice_client, url, grow, small=5, large=300)
