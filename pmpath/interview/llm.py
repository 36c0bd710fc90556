"""An optional written critique of a practice answer from any OpenAI-compatible endpoint (a local
Ollama or LM Studio, or a hosted service), shown beside the deterministic feedback.

Off unless PMPATH_LLM_BASE_URL is set. Every failure (bad setting, refused connection, timeout,
HTTP error, odd reply) becomes a Critique with ok=False and one line saying what went wrong, so
the caller shows it and carries on; nothing here raises. The API key never appears in a message.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

MAX_REPLY_BYTES = 1_000_000
MAX_CRITIQUE_CHARACTERS = 6_000

SYSTEM_PROMPT = (
    "You are an experienced product-manager interviewer giving written feedback on a practice "
    "answer. In at most 200 words: say what the answer does well, what a strong answer to this "
    "question would add, and the single change that would improve it most. Quote the answer "
    "where it helps. Be direct and specific; do not rewrite the whole answer."
)


@dataclass(frozen=True)
class LlmConfig:
    base_url: str = ""
    model: str = ""
    api_key: str = ""
    timeout: float = 60.0

    @property
    def enabled(self) -> bool:
        return bool(self.base_url)

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc or self.base_url

    def problem(self) -> str | None:
        """What is wrong with the settings, naming the variable, or None."""
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return "PMPATH_LLM_BASE_URL must start with http:// or https:// and name a host"
        if not self.model:
            return "PMPATH_LLM_MODEL is not set: name the model the endpoint should use"
        return None


@dataclass(frozen=True)
class Critique:
    ok: bool
    text: str  # the critique, or one line saying why there is none
    model: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "text": self.text, "model": self.model}


def config_from_settings() -> LlmConfig:
    from django.conf import settings

    return LlmConfig(
        base_url=settings.LLM_BASE_URL,
        model=settings.LLM_MODEL,
        api_key=settings.LLM_API_KEY,
        timeout=float(settings.LLM_TIMEOUT),
    )


def messages(
    *,
    question: str,
    category: str,
    answer: str,
    feedback: Any = None,
    model_points: Sequence[str] = (),
) -> list[dict[str, str]]:
    lines = [f"Interview question ({category.replace('_', ' ')}): {question}", ""]
    if model_points:
        lines.append("Points a strong answer makes:")
        lines.extend(f"- {point}" for point in model_points)
        lines.append("")
    lines += ["The candidate's answer (Markdown):", answer.strip() or "(empty)", ""]
    if feedback is not None:
        lines.append(f"An automatic rubric scored it {feedback.score}/100:")
        lines.extend(f"- {p.name}: {p.points:g}/{p.max}. {p.explanation}" for p in feedback.parts)
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": "\n".join(lines).strip()},
    ]


def _error_detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        error = error.get("message")
    return f": {str(error)[:200]}" if error else ""


def critique(
    config: LlmConfig,
    *,
    question: str,
    category: str,
    answer: str,
    feedback: Any = None,
    model_points: Sequence[str] = (),
    transport: httpx.BaseTransport | None = None,
) -> Critique | None:
    """A written critique, a Critique explaining why there is none, or None when switched off."""
    if not config.enabled:
        return None
    if problem := config.problem():
        return Critique(False, problem)
    payload = {
        "model": config.model,
        "messages": messages(
            question=question,
            category=category,
            answer=answer,
            feedback=feedback,
            model_points=model_points,
        ),
        "temperature": 0.2,
        "stream": False,
    }
    headers = {"Accept": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    where = f"the language model at {config.host}"
    timeout = httpx.Timeout(config.timeout, connect=min(config.timeout, 10.0))
    try:
        with httpx.Client(timeout=timeout, transport=transport, follow_redirects=False) as client:
            response = client.post(config.endpoint, json=payload, headers=headers)
    except httpx.TimeoutException:
        return Critique(False, f"{where} did not answer within {config.timeout:g} seconds")
    except httpx.HTTPError as exc:
        reason = type(exc).__name__ if not str(exc) else str(exc).splitlines()[0][:200]
        return Critique(False, f"could not reach {where} ({reason})")
    if response.status_code >= 400:
        return Critique(
            False, f"{where} answered HTTP {response.status_code}{_error_detail(response)}"
        )
    if len(response.content) > MAX_REPLY_BYTES:
        return Critique(False, f"{where} sent a reply larger than 1 MB")
    try:
        text = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError, json.JSONDecodeError):
        return Critique(False, f"{where} did not send an OpenAI-compatible chat completion")
    if not isinstance(text, str) or not text.strip():
        return Critique(False, f"{where} sent an empty critique")
    return Critique(True, text.strip()[:MAX_CRITIQUE_CHARACTERS], config.model)


def critique_from_settings(**kwargs: Any) -> Critique | None:
    """critique() with the LLM settings (docs/settings.md); None when they are not set."""
    return critique(config_from_settings(), **kwargs)
