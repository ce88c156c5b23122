"""`judge` and `split_unattributed` apply their rules as stated, pair by pair.

They find superseded figures, conflicting pairs and the figures other sources allow with sorts,
running extremes and binary searches; here the rules are applied literally, to every pair of
figures, on seeded random facts (reports and forecasts, several speakers, sources and days,
open bounds, ranges, some given backwards), and both must name the same figures.
"""

from __future__ import annotations

import datetime as dt
import random

import msgspec
import pytest

from service.domain.fact_splits import split_unattributed
from service.domain.model import AssertionView, Qualifier
from service.domain.tolerance import compatible, meet, read, recency, reference_date, speaker
from service.domain.verdicts import judge, same_figure, superseded_ids

Q = Qualifier
_SPEAKERS = ("police", "ministry", "red-cross", None)
_QUALIFIERS = (Q.EXACT, Q.APPROX, Q.AT_LEAST, Q.MORE_THAN, Q.AT_MOST, Q.LESS_THAN, Q.RANGE)


def _figure(
    rng: random.Random, number: int, quantity: str, backwards: bool, sources: int = 5
) -> AssertionView:
    qualifier = rng.choice(_QUALIFIERS)
    # 0 reads as exactly 0 ("no deaths"), so intervals touch: boundaries are exercised.
    low = float(rng.choice((0, 90, 100, 120, 150, 200, 250, 400, 1000)) * rng.choice((1, 10)))
    high: float | None = low
    if qualifier is Q.RANGE:
        high = low * rng.choice((1.2, 2, 3))
        if backwards and rng.random() < 0.3:  # "between 900 and 300", as extraction may leave it
            low, high = high, low
    elif qualifier in (Q.AT_MOST, Q.LESS_THAN):
        low, high = None, low
    elif qualifier in (Q.AT_LEAST, Q.MORE_THAN):
        high = None
    published = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(6))
    return AssertionView(
        id=number,
        source_id=rng.randrange(1, sources + 1),
        quantity=quantity,
        unit=None,
        low=low,
        high=high,
        qualifier=qualifier,
        subject=None,
        location="valdoria",
        attributor=rng.choice(_SPEAKERS),
        attributed_to=rng.choice((None, None, "a spokesman")),
        as_of=rng.choice((None, published - dt.timedelta(days=1))),
        published_at=dt.datetime.combine(published, dt.time(rng.randrange(24)), tzinfo=dt.UTC),
        is_forecast=rng.random() < 0.15,
        text=f"{low} to {high}",
        source_label="Wire",
    )


def _revised_pair_by_pair(group: list[AssertionView], kind: str) -> set[int]:
    """The module docstring's two supersession rules, every pair of figures tried."""
    ordered = sorted(group, key=recency)
    gone = {
        older.id
        for i, older in enumerate(ordered)
        for newer in ordered[i + 1 :]
        if (speaker(newer), newer.is_forecast) == (speaker(older), older.is_forecast)
        and not same_figure(older, newer)
    }
    if kind in ("tally", "level"):
        reports = [a for a in group if not a.is_forecast]
        for old in reports:
            for new in reports:
                new_day, old_day = reference_date(new), reference_date(old)
                old_range, new_range = read(old).tolerant, read(new).tolerant
                if (
                    speaker(new) != speaker(old)
                    and new_day is not None
                    and old_day is not None
                    and new_day > old_day
                    and not meet(old_range, new_range)
                    and (kind == "level" or new_range[0] > old_range[1])
                ):
                    gone.add(old.id)
    return gone


def _conflicts_pair_by_pair(group: list[AssertionView], gone: set[int]) -> set[frozenset[int]]:
    standing = [a for a in group if a.id not in gone]
    return {
        frozenset((a.id, b.id))
        for i, a in enumerate(standing)
        for b in standing[i + 1 :]
        if speaker(a) != speaker(b) and a.is_forecast == b.is_forecast and not compatible(a, b)
    }


@pytest.mark.parametrize(
    ("quantity", "kind", "backwards"),
    [
        ("deaths", "tally", False),
        ("deaths", "tally", True),
        ("price", "level", False),
        ("price", "level", True),
        ("revenue", "fixed", False),
    ],
)
def test_judge_names_the_figures_the_rules_name_pair_by_pair(
    quantity: str, kind: str, backwards: bool
) -> None:
    rng = random.Random(f"{quantity}-{backwards}")
    checked = superseded = conflicting = 0
    for _ in range(150):
        group = [
            _figure(rng, number, quantity, backwards) for number in range(1, rng.randrange(2, 25))
        ]
        expected_gone = _revised_pair_by_pair(group, kind)
        judgement = judge(group)
        assert set(judgement.revised) == expected_gone
        assert superseded_ids(list(reversed(group))) == expected_gone
        assert {frozenset((p.a, p.b)) for p in judgement.pairs} == _conflicts_pair_by_pair(
            group, expected_gone
        )
        checked += 1
        superseded += bool(expected_gone)
        conflicting += bool(judgement.pairs)
    # The random facts exercise both rules, not only their quiet cases.
    assert superseded > checked // 4 and conflicting > checked // 4


def _unattributed_apart_pair_by_pair(cluster: list[AssertionView]) -> set[int]:
    """The figures `split_unattributed` sets apart, by its docstring's rule."""
    by_day: dict[tuple[int, dt.date | None], list[AssertionView]] = {}
    for a in cluster:
        if a.attributor is None and a.attributed_to is None:
            by_day.setdefault((a.source_id, reference_date(a)), []).append(a)
    apart: set[int] = set()
    for same in by_day.values():
        if len(same) < 2:  # a lone figure has nothing in its article to part from
            continue
        others = [b for b in cluster if b not in same]
        keeper = max(same, key=lambda a: (sum(compatible(a, b) for b in others), -a.id))
        apart.update(
            a.id
            for a in same
            if not compatible(a, keeper)
            and not any(compatible(a, b) for b in cluster if b.source_id != a.source_id)
        )
    return apart


@pytest.mark.parametrize("backwards", [False, True])
def test_split_unattributed_sets_apart_the_figures_its_rule_names(backwards: bool) -> None:
    rng = random.Random(f"unattributed-{backwards}")
    split = 0
    for _ in range(300):
        sources = rng.choice((1, 2, 3))
        cluster = [
            _figure(rng, number, "deaths", backwards, sources=sources)
            for number in range(1, rng.randrange(2, 30))
        ]
        # Mostly unattributed figures, so articles do state several for one day.
        cluster = [
            msgspec.structs.replace(a, attributor=None, attributed_to=None)
            if rng.random() < 0.7
            else a
            for a in cluster
        ]
        parts = split_unattributed(cluster)
        apart = {a.id for _, part in parts[1:] for a in part}
        assert apart == _unattributed_apart_pair_by_pair(cluster)
        assert sorted(a.id for _, part in parts for a in part) == [a.id for a in cluster]
        split += bool(apart)
    assert split > 20  # the random clusters do set figures apart
