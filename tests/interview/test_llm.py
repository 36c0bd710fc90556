"""The optional written critique: an OpenAI-compatible request to a stub server on 127.0.0.1 (a
real socket, never the network) or an httpx MockTransport for the failures."""

import httpx
import pytest

from pmpath.interview import llm
from pmpath.interview.feedback import AnswerInput, Step, evaluate
from tests.interview.llm_stub import StubChat, running_stub


@pytest.fixture
def stub_server():
    with running_stub() as url:
        yield url


STEPS = (Step("users", "Pick the users", ("user", "segment")),)


def ask(config, transport=None):
    answer = "I'd build an app for users."
    feedback = evaluate(AnswerInput("Design a fridge", "product_sense", answer, STEPS))
    return llm.critique(
        config,
        question="Design a fridge",
        category="product_sense",
        answer=answer,
        feedback=feedback,
        model_points=["Picks one segment."],
        transport=transport,
    )


def replying(handler):
    return httpx.MockTransport(handler)


CONFIG = llm.LlmConfig("http://llm.test/v1", "tiny-model", "sk-secret-key", 5)


def test_it_is_off_by_default(settings):
    assert settings.LLM_BASE_URL == ""
    assert not llm.config_from_settings().enabled
    assert llm.critique_from_settings(question="Q", category="strategy", answer="A") is None


def test_it_posts_a_chat_completion_and_returns_the_critique(stub_server):
    result = ask(llm.LlmConfig(stub_server, "tiny-model", "sk-secret-key", 5))
    assert result == llm.Critique(True, "Name a segment.", "tiny-model")
    path, headers, body = StubChat.received[0]
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer sk-secret-key"
    assert body["model"] == "tiny-model"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    prompt = body["messages"][1]["content"]
    assert "Design a fridge" in prompt
    assert "I'd build an app for users." in prompt
    assert "- Picks one segment." in prompt
    assert "An automatic rubric scored it" in prompt
    assert "- Framework coverage: " in prompt


def test_the_settings_reach_the_request(settings, stub_server):
    settings.LLM_BASE_URL = stub_server + "/"
    settings.LLM_MODEL = "local-model"
    settings.LLM_API_KEY = ""
    result = llm.critique_from_settings(question="Q", category="strategy", answer="A")
    assert result.ok and result.model == "local-model"
    path, headers, _ = StubChat.received[0]
    assert path == "/v1/chat/completions"
    assert "Authorization" not in headers


def test_a_timeout_becomes_one_clear_line():
    def slow(request):
        raise httpx.ReadTimeout("timed out", request=request)

    result = ask(CONFIG, replying(slow))
    assert result == llm.Critique(
        False, "the language model at llm.test did not answer within 5 seconds"
    )


def test_a_refused_connection_becomes_one_clear_line():
    def refuse(request):
        raise httpx.ConnectError("Connection refused", request=request)

    result = ask(CONFIG, replying(refuse))
    assert not result.ok
    assert result.text == "could not reach the language model at llm.test (Connection refused)"


def test_an_http_error_is_reported_with_the_endpoints_reason_but_never_the_key():
    def unauthorised(request):
        return httpx.Response(401, json={"error": {"message": "invalid api key"}})

    result = ask(CONFIG, replying(unauthorised))
    assert result.text == "the language model at llm.test answered HTTP 401: invalid api key"
    assert "sk-secret-key" not in result.text


@pytest.mark.parametrize(
    "reply",
    [
        httpx.Response(200, text="<html>not json</html>"),
        httpx.Response(200, json={"choices": []}),
        httpx.Response(200, json={"message": "hello"}),
    ],
)
def test_a_reply_that_is_not_a_chat_completion_is_reported(reply):
    result = ask(CONFIG, replying(lambda request: reply))
    assert (
        result.text
        == "the language model at llm.test did not send an OpenAI-compatible chat completion"
    )


def test_an_empty_critique_is_reported():
    empty = {"choices": [{"message": {"content": "  "}}]}
    result = ask(CONFIG, replying(lambda request: httpx.Response(200, json=empty)))
    assert result.text == "the language model at llm.test sent an empty critique"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (llm.LlmConfig("llm.test/v1", "m"), "PMPATH_LLM_BASE_URL must start with http://"),
        (llm.LlmConfig("ftp://llm.test", "m"), "PMPATH_LLM_BASE_URL must start with http://"),
        (llm.LlmConfig("http://llm.test/v1", ""), "PMPATH_LLM_MODEL is not set"),
    ],
)
def test_bad_settings_are_named_without_sending_anything(config, message):
    def never(request):
        raise AssertionError("nothing should be sent")

    result = ask(config, replying(never))
    assert not result.ok and result.text.startswith(message)
