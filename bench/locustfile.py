"""The hosted load test's candidates (run by `pmpath bench load`, not by pytest).

Each simulated candidate logs in as one of the seeded accounts and works through the main
flows with a person's pauses: the dashboard, the jobs board and table, an application, moving
it to another stage, contacts and logging a touch, the question bank and practising a
question, readiness and the portfolio. Every request is written to a JSON-lines log with its
time and outcome, so the run's report can count errors before and after a web process is
killed."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
import time

from locust import HttpUser, between, events, task

PASSWORD = os.environ["PMPATH_LOAD_PASSWORD"]
USERNAMES = os.environ["PMPATH_LOAD_USERS"].split(",")
LOG = open(os.environ["PMPATH_LOAD_LOG"], "a", buffering=1)  # noqa: SIM115 (open for the run)
_next = itertools.count()
_lock = threading.Lock()

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
APPLICATION = re.compile(r'href="/jobs/applications/(\d+)/"')
STAGE = re.compile(r'data-stage="(\d+)"|name="stage" value="(\d+)"')
CONTACT = re.compile(r'href="/network/contacts/(\d+)/"')
QUESTION = re.compile(r'href="/interview/practice/(\d+)/"')


@events.request.add_listener
def _log(request_type, name, response_time, exception, response=None, **_):
    status = getattr(response, "status_code", 0)
    failed = exception is not None or status >= 400 or status == 0
    with _lock:
        LOG.write(
            json.dumps(
                {
                    "t": time.time(),
                    "name": name,
                    "ms": response_time,
                    "status": status,
                    "failed": failed,
                }
            )
            + "\n"
        )


class Candidate(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        if os.environ.get("PMPATH_LOAD_INSECURE"):  # the run's self-signed certificate
            import urllib3

            urllib3.disable_warnings()
            self.client.verify = False
        self.username = USERNAMES[next(_next) % len(USERNAMES)]
        page = self.client.get("/accounts/login/", name="log in (form)")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="log in",
        )
        board = self.get("/jobs/board/", name="jobs board")
        self.applications = APPLICATION.findall(board.text)[:20]
        self.stages = [a or b for a, b in STAGE.findall(board.text)] or []
        contacts = self.get("/network/contacts/", name="contacts")
        self.contacts = CONTACT.findall(contacts.text)[:20]
        bank = self.get("/interview/practice/?category=product_sense", name="practice picker")
        self.questions = QUESTION.findall(bank.text)[:20]

    def get(self, url: str, name: str):
        """A page of the signed-in area: landing on the log-in page instead is a failure."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if "/accounts/login/" in response.url:
                response.failure("not signed in")
            return response

    def _token(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def _post(self, url: str, data: dict, name: str):
        data = {**data, "csrfmiddlewaretoken": self._token()}
        return self.client.post(url, data, headers={"Referer": self.host + url}, name=name)

    @task(4)
    def dashboard(self):
        self.get("/", name="dashboard")

    @task(3)
    def board(self):
        self.get("/jobs/board/", name="jobs board")

    @task(2)
    def table(self):
        self.get("/jobs/applications/?sort=updated", name="applications table")

    @task(2)
    def application(self):
        if self.applications:
            pk = random.choice(self.applications)
            self.get(f"/jobs/applications/{pk}/", name="application")

    @task(1)
    def move(self):
        if self.applications and self.stages:
            pk = random.choice(self.applications)
            self._post(
                f"/jobs/applications/{pk}/move/",
                {"stage": random.choice(self.stages), "next": "/jobs/board/"},
                name="move an application",
            )

    @task(2)
    def contacts(self):
        self.get("/network/contacts/", name="contacts")

    @task(1)
    def contact(self):
        if self.contacts:
            pk = random.choice(self.contacts)
            self.get(f"/network/contacts/{pk}/", name="contact")

    @task(1)
    def touch(self):
        if self.contacts:
            pk = random.choice(self.contacts)
            self._post(
                f"/network/contacts/{pk}/touch/",
                {"channel": "email", "summary": "Sent a short update.", "next": "/network/"},
                name="log a touch",
            )

    @task(1)
    def question_bank(self):
        self.get("/interview/questions/", name="question bank")

    @task(1)
    def practise(self):
        if self.questions:
            pk = random.choice(self.questions)
            self.get(f"/interview/practice/{pk}/", name="practise (form)")
            self._post(
                f"/interview/practice/{pk}/",
                {
                    "answer": "I would start with the customer: who struggles today, and why. "
                    "Then I would size the problem, pick one segment, and measure success by "
                    "weekly active teams and retention after four weeks.",
                    "spoken_notes": "",
                    "duration_seconds": "240",
                },
                name="practise (answer)",
            )

    @task(1)
    def readiness(self):
        self.get("/career/readiness/", name="readiness")

    @task(1)
    def portfolio(self):
        self.get("/portfolio/", name="portfolio")
