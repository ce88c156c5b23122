"""The read cache's memory bound: least recently used answers go first."""

from __future__ import annotations

from service.http.read_cache import ReadCache


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
