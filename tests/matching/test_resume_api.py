"""GET and PUT /api/v1/resume: the token owner's resume as JSON Resume."""

from __future__ import annotations

import json
from typing import Any

from pmpath.accounts.services import create_token
from pmpath.matching.models import Resume
from pmpath.matching.resume.schema import checksum
from tests.matching.resume_factories import full, make_resume


def _auth(user: Any) -> dict[str, str]:
    _, raw = create_token(user, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_get_answers_the_owner_s_document_and_checksum(client: Any, alice: Any, bob: Any) -> None:
    make_resume(alice)
    body = client.get("/api/v1/resume", **_auth(alice)).json()
    assert body["data"] == full() and body["checksum"] == checksum(full())
    assert client.get("/api/v1/resume", **_auth(bob)).json()["data"] == {}
    assert client.get("/api/v1/resume").status_code == 401


def test_put_replaces_the_document_and_keeps_the_checksum(client: Any, alice: Any) -> None:
    document = {"basics": {"name": "Alice"}, "skills": [{"name": "SQL"}]}
    response = client.put(
        "/api/v1/resume", json.dumps(document), content_type="application/json", **_auth(alice)
    )
    assert response.status_code == 200, response.content
    resume = Resume.objects.get(user=alice)
    assert resume.data == document and resume.checksum == checksum(document)


def test_put_refuses_an_invalid_document_with_every_path(client: Any, alice: Any) -> None:
    make_resume(alice)
    bad = {"basics": {"email": "nope"}, "work": [{"endDate": "later"}]}
    response = client.put(
        "/api/v1/resume", json.dumps(bad), content_type="application/json", **_auth(alice)
    )
    assert response.status_code == 422
    assert [e["path"] for e in response.json()["errors"]] == ["basics.email", "work[0].endDate"]
    assert Resume.objects.get(user=alice).data == full()
