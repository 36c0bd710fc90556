"""The weekly digest: the page, the e-mail (once per user and week, whatever runs twice), the
signed unsubscribe link that works without logging in, and the opt-out setting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from pmpath.coach import digest, tasks
from pmpath.coach.models import DigestPreference, DigestSent
from tests.coach.factories import plant
from tests.conftest import make_user, onboard

pytestmark = pytest.mark.django_db


def test_the_digest_page_sums_up_the_week(alice_client, alice):
    plant(alice)
    page = alice_client.get("/coach/digest/").content.decode()
    assert "Last week" in page and "Most valuable this week" in page
    assert "No follow-up on PM, Payments at Northwind" in page
    assert "Stop the e-mails" in page


def test_the_weekly_task_sends_one_digest_per_person_and_week(alice, settings):
    settings.BASE_URL = "https://pm.example.org"
    onboard(alice)
    plant(alice)
    nomail = make_user("nomail")
    nomail.email = ""  # no address: nothing to send
    nomail.save()
    onboard(nomail)
    onboard(make_user("carol"))
    not_onboarded = make_user("fresh")  # never finished onboarding
    assert tasks.send_weekly_digests.call_local() == 2
    assert not DigestSent.objects.filter(user=not_onboarded).exists()
    assert tasks.send_weekly_digests.call_local() == 0  # a second run sends nothing
    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if m.to == ["alice@example.test"])
    assert message.subject.startswith("Your pmpath week")
    assert "No follow-up on PM, Payments at Northwind" in message.body
    assert "https://pm.example.org/jobs/applications/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://pm.example.org/coach/digest/unsubscribe/"
    )
    html = message.alternatives[0][0]
    assert "Unsubscribe" in html and "https://pm.example.org/coach/digest/" in html
    week = DigestSent.objects.get(user=alice)
    assert week.week_start == digest.week_start(timezone.localdate()) and week.sent_at


def test_next_week_brings_the_next_digest(alice):
    onboard(alice)
    assert digest.send_for(alice)
    assert not digest.send_for(alice)
    assert digest.send_for(alice, now=timezone.now() + timedelta(days=7))
    assert DigestSent.objects.filter(user=alice).count() == 2


def test_a_failed_send_is_tried_again_next_run(alice, monkeypatch):
    onboard(alice)

    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    assert not digest.send_for(alice)
    assert not DigestSent.objects.exists()
    monkeypatch.undo()
    assert digest.send_for(alice)


def test_the_setting_turns_the_e_mails_off(alice, settings):
    onboard(alice)
    settings.COACH_DIGEST = False
    assert tasks.send_weekly_digests.call_local() == 0
    assert not mail.outbox


def test_the_unsubscribe_link_works_without_logging_in(alice, charlie_client):
    onboard(alice)
    url = f"/coach/digest/unsubscribe/{digest.token_for(alice)}/"
    page = charlie_client.get(url)
    assert page.status_code == 200 and "Stop the weekly digest?" in page.content.decode()
    assert digest.is_subscribed(alice)  # a mail scanner following the link changes nothing
    done = charlie_client.post(url)
    assert "You are unsubscribed" in done.content.decode()
    assert not digest.is_subscribed(alice)
    assert digest.send_weekly() == 0 and not mail.outbox


def test_a_forged_or_altered_unsubscribe_token_is_a_404(alice, bob, charlie_client):
    token = digest.token_for(alice)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, "nonsense", "x" * 300):
        assert charlie_client.post(f"/coach/digest/unsubscribe/{bad}/").status_code == 404
    from django.core import signing

    other_salt = signing.dumps({"u": alice.pk}, salt="another.purpose")
    assert charlie_client.post(f"/coach/digest/unsubscribe/{other_salt}/").status_code == 404
    assert digest.is_subscribed(alice) and digest.is_subscribed(bob)


def test_the_digest_page_turns_the_e_mails_off_and_on(alice_client, alice):
    alice_client.post("/coach/digest/", {"subscribed": "0"})
    assert DigestPreference.objects.get(user=alice).subscribed is False
    assert "E-mail it to me every Monday" in alice_client.get("/coach/digest/").content.decode()
    alice_client.post("/coach/digest/", {"subscribed": "1"})
    assert digest.is_subscribed(alice)


def test_the_digest_page_needs_a_login(charlie_client):
    assert charlie_client.get("/coach/digest/").status_code == 302
    assert charlie_client.post("/coach/digest/", {"subscribed": "0"}).status_code == 302
