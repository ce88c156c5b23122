"""Which verdict changes raise which webhook events."""

from __future__ import annotations

import datetime as dt
import json

from service.schemas.webhooks import FactEvent
from service.services.fact_events import FactChange, event_body, events_of


def change(previous: str | None, current: str | None, *, superseded: bool = False) -> FactChange:
    return FactChange(
        fact_id=7,
        label="Deaths in Marenburg",
        quantity="deaths",
        unit=None,
        subject=None,
        location="Marenburg",
        previous=previous,
        current=current,
        explanation="…",
        source_count=2,
        newly_superseded=superseded,
    )


def test_transitions() -> None:
    assert events_of(change(None, "conflict")) == [FactEvent.CONFLICT]
    assert events_of(change("single", "conflict")) == [FactEvent.CONFLICT]
    assert events_of(change("agree", "conflict")) == [FactEvent.CONFLICT]
    assert events_of(change("conflict", "conflict")) == []
    assert events_of(change("conflict", "agree")) == [FactEvent.RESOLVED]
    assert events_of(change("conflict", None)) == [FactEvent.RESOLVED]
    assert events_of(change("conflict", "revised")) == [FactEvent.REVISED, FactEvent.RESOLVED]
    assert events_of(change("single", "revised")) == [FactEvent.REVISED]
    assert events_of(change("revised", "revised")) == []
    # A second revision of an already revised fact is news too.
    assert events_of(change("revised", "revised", superseded=True)) == [FactEvent.REVISED]
    assert events_of(change("single", "single")) == []
    assert events_of(change("single", "agree")) == []
    assert events_of(change(None, "single")) == []


def test_event_body() -> None:
    at = dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)
    body = json.loads(event_body(FactEvent.RESOLVED, change("conflict", "agree"), at))
    assert body["event"] == "fact.resolved"
    assert body["occurred_at"] == "2025-03-04T12:00:00Z"
    assert body["fact"]["previous_verdict"] == "conflict"
    assert body["fact"]["verdict"] == "agree"
    assert body["fact"]["path"] == "/facts/7"
