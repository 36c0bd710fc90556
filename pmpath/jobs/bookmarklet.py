"""The "save this posting" bookmarklet.

Clicked on any site, it opens a small pmpath window and hands it the page's HTML and
address with postMessage; that window, on pmpath's own origin, sends them to the import API
with the bookmarklet's token. This works where a cross-site fetch would not: no CORS, no
mixed content from an https site to a local http pmpath, and no dependence on the
visited site's connect-src or form-action policy. The token goes only to pmpath's origin
(postMessage with an explicit target origin), and the window authenticates with the
token alone, never with the session cookie, so another site cannot import as the person."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

TOKEN_NAME = "bookmarklet"
READY = "pmpath:ready"
MESSAGE_TYPE = "pmpath:page"

# Kept short and free of characters that a bookmark bar would mangle; %s are JSON strings.
_CODE = (
    "(function(){var o=%(origin)s,w=window.open(o+%(path)s,'pmpath-save',"
    "'popup,width=560,height=640');if(!w){alert('pmpath: allow pop-ups on this site to "
    "save postings.');return}var d={type:%(type)s,token:%(token)s,url:location.href,"
    "html:document.documentElement.outerHTML},s=0;function h(e){if(!s&&e.source===w&&"
    "e.origin===o&&e.data===%(ready)s){s=1;w.postMessage(d,o);removeEventListener("
    "'message',h)}}addEventListener('message',h)})();"
)


def bookmarklet_code(*, origin: str, save_path: str, token: str) -> str:
    """The javascript: address to drag to the bookmarks bar."""
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{origin!r} is not an http(s) origin")
    values = {
        "origin": f"{parts.scheme}://{parts.netloc}",
        "path": save_path,
        "token": token,
        "type": MESSAGE_TYPE,
        "ready": READY,
    }
    return "javascript:" + _CODE % {k: json.dumps(v) for k, v in values.items()}


def create_bookmarklet(user: Any, *, origin: str, save_path: str) -> str:
    """A new API token named "bookmarklet" (revocable with the others in Settings), and
    the bookmarklet that carries it. The token is in the answer only: shown once."""
    from pmpath.accounts.services import create_token

    _, raw = create_token(user, name=TOKEN_NAME)
    return bookmarklet_code(origin=origin, save_path=save_path, token=raw)


def bookmarklet_count(user: Any) -> int:
    from pmpath.accounts.queries import tokens_for

    return tokens_for(user).filter(name=TOKEN_NAME).count()
