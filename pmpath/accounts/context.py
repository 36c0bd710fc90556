"""Template context for the sharing panel that sits on the pages of things a candidate can
share (a mock's report, a case study, the portfolio, an application). Lazy: a page that does
not show the panel pays nothing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pmpath.accounts import share_queries
from pmpath.accounts.forms import ShareForm
from pmpath.accounts.share_views import PREFIX, invitation_link


class Sharing:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def panel(self, kind: str, object_id: int) -> dict[str, Any]:
        """Who can read this object, their feedback, and the form for a new invitation."""
        found = share_queries.sharing_for(self.request.user, kind, object_id)
        form = ShareForm(prefix=PREFIX, initial={"kind": kind, "object_id": object_id})
        return {
            "found": found,
            "form": form,
            "is_live": share_queries.is_live,
            "links": {
                s.pk: invitation_link(self.request, s.token)
                for s in found.shares
                if s.accepted_at is None and share_queries.is_live(s)
            },
        }


def sharing(request: HttpRequest) -> dict[str, Any]:
    return {"sharing": Sharing(request)}
