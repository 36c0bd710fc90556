"""The Jinja2 environment behind every page: URL reversing, static files, flash messages."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import Environment, pass_context

from pmpath import __version__


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


@pass_context
def messages(context: Any) -> list[Any]:
    request = context.get("request")
    return list(get_messages(request)) if request is not None else []


@pass_context
def is_active(context: Any, prefix: str) -> bool:
    request = context.get("request")
    if request is None:
        return False
    if prefix == "/":
        return bool(request.path == "/")
    return bool(request.path.startswith(prefix))


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals.update(
        url=url,
        static=static,
        messages=messages,
        is_active=is_active,
        now=timezone.now,
        version=__version__,
    )
    env.filters["plural"] = lambda n, word, many=None: word if n == 1 else (many or f"{word}s")
    return env
