"""The read cache's memory bound (least recently used answers go first) and its answers."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import RequestFactory

from service.http.read_cache import CachedAnswer, ReadCache


def test_least_recently_used_answers_are_dropped_past_the_byte_budget() -> None:
    cache = ReadCache(max_bytes=800)
    for n in range(8):
        cache.put("v1", f"/facts/{n}", bytes(100))
    assert cache.get("v1", "/facts/0") is not None  # now the most recently used
    cache.put("v1", "/facts/8", bytes(100))
    assert cache.get("v1", "/facts/1") is None
    assert cache.get("v1", "/facts/0") is not None
    assert len(cache) == 8


def test_an_answer_is_kept_per_data_version() -> None:
    cache = ReadCache()
    cache.put("v1", "/claims?", b"old")
    assert cache.get("v2", "/claims?") is None
    cache.put("v2", "/claims?", b"new")
    assert cache.get("v1", "/claims?") == b"old"
    assert cache.get("v2", "/claims?") == b"new"


def test_an_answer_larger_than_an_eighth_of_the_budget_is_not_kept() -> None:
    cache = ReadCache(max_bytes=800)
    cache.put("v1", "/conflicts?", bytes(101))
    assert cache.get("v1", "/conflicts?") is None


async def _sent(answer: Any) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await answer(RequestFactory().get("/claims").scope, receive, send)
    return messages


@pytest.mark.anyio
async def test_a_hit_is_sent_as_json_bytes_unchanged() -> None:
    body = b'{"items":[],"next_cursor":null}'
    request = RequestFactory().get("/claims")
    start, sent = await _sent(CachedAnswer(body).to_asgi_response(None, request))
    assert start["status"] == 200
    assert dict(start["headers"]) == {
        b"content-type": b"application/json",
        b"content-length": str(len(body)).encode(),
    }
    assert sent["body"] == body


@pytest.mark.anyio
async def test_a_hit_keeps_the_headers_a_layer_adds() -> None:
    # The small answer has no room for extra headers: the ordinary Response sends them.
    request = RequestFactory().get("/claims")
    answer = CachedAnswer(b"{}").to_asgi_response(None, request, headers={"x-layer": "yes"})
    start, sent = await _sent(answer)
    headers = dict(start["headers"])
    assert headers[b"x-layer"] == b"yes"
    assert headers[b"content-type"] == b"application/json"
    assert sent["body"] == b"{}"


@pytest.mark.anyio
async def test_a_hit_is_an_ordinary_response_to_a_layer_that_changes_it() -> None:
    # An after-request hook sees a Response: what it reads is there, and what it sets is sent.
    answer = CachedAnswer(b"{}")
    assert (answer.status_code, answer.media_type, answer.headers, answer.cookies) == (
        200,
        "application/json",
        {},
        [],
    )
    answer.set_header("x-hook", "set")
    answer.set_cookie("seen", "1")
    start, sent = await _sent(answer.to_asgi_response(None, RequestFactory().get("/claims")))
    headers = start["headers"]
    assert (b"x-hook", b"set") in headers
    assert any(name == b"set-cookie" and value.startswith(b"seen=1") for name, value in headers)
    assert sent["body"] == b"{}"
