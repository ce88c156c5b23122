"""Verdicts on hand-built multi-article events (disaster, wildfire, protest, earnings, war)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from pathlib import Path

import pytest

from service.domain.facts import containment_candidates, group_facts, members_of
from service.domain.model import AssertionView, Qualifier, Verdict
from service.domain.verdicts import (
    compatible,
    containment_violations,
    judge,
    latest_by_attributor,
    read,
    rounding,
)

_NAMES = {
    "interior-ministry": "the Interior Ministry",
    "red-crescent": "the Red Crescent",
    "valdoria": "Valdoria",
    "fire-agency": "the state fire agency",
    "forest-service": "the Forest Service",
    "police": "the police",
    "organisers": "the organisers",
    "port-selim": "Port Selim",
    "acme": "Acme Corp",
    "north-korea": "North Korea",
    "russia": "Russia",
    "kursk": "Kursk",
}
Q = Qualifier


def name_of(key: str) -> str:
    return _NAMES.get(key, key)


_ids = itertools.count(1)


def fig(
    quantity: str,
    low: float | None,
    high: float | None = None,
    qualifier: Qualifier = Q.EXACT,
    *,
    by: str | None = None,
    person: str | None = None,
    source: int = 1,
    unit: str | None = None,
    subject: str | None = None,
    location: str | None = "valdoria",
    as_of: dt.date | None = None,
    published: dt.date = dt.date(2025, 2, 6),
    forecast: bool = False,
) -> AssertionView:
    if high is None and qualifier in (Q.EXACT, Q.APPROX):
        high = low
    return AssertionView(
        id=next(_ids),
        source_id=source,
        quantity=quantity,
        unit=unit,
        low=low,
        high=high,
        qualifier=qualifier,
        subject=subject,
        location=location,
        attributor=by,
        attributed_to=person,
        as_of=as_of,
        published_at=dt.datetime.combine(published, dt.time(9), tzinfo=dt.UTC),
        is_forecast=forecast,
        text=str(low if low is not None else high),
        source_label=f"Source {source}",
    )


def day(d: int) -> dt.date:
    return dt.date(2025, 2, d)


# --- the tolerance table -------------------------------------------------------------------


def test_exact_figures_read_as_rounded() -> None:
    assert read(fig("deaths", 10_000)).tolerant == (9_500, 10_500)
    assert read(fig("deaths", 31_000)).tolerant == (30_500, 31_500)
    assert read(fig("deaths", 312)).tolerant == (311.5, 312.5)
    assert rounding(4.9e9, 0.05) == pytest.approx(5e7)


def test_approximate_and_open_and_range_readings() -> None:
    lo, hi = read(fig("troops", 12_000, None, Q.APPROX)).tolerant
    assert (lo, hi) == pytest.approx((10_800, 13_200))
    assert read(fig("troops", 3000, None, Q.AT_LEAST)).tolerant == (2940, float("inf"))
    at_most = read(fig("troops", None, 10_000, Q.AT_MOST)).tolerant
    assert at_most == (float("-inf"), 10_200)
    assert read(fig("troops", 1500, 10_000, Q.RANGE)).nominal == (1500, 10_000)


def test_open_bounds_and_ranges_compatibility() -> None:
    range_ = fig("deaths", 200, 300, Q.RANGE)
    assert not compatible(range_, fig("deaths", 350, None, Q.AT_LEAST))
    assert compatible(fig("deaths", None, 300, Q.AT_MOST), fig("deaths", 290, None, Q.AT_LEAST))
    assert compatible(fig("deaths", None, 100, Q.LESS_THAN), fig("deaths", 100))
    assert not compatible(
        fig("deaths", None, 10_000, Q.AT_MOST), fig("deaths", 12_000, None, Q.APPROX)
    )
    assert compatible(range_, fig("deaths", 310, None, Q.APPROX))


# --- event 1: an earthquake toll over three days -------------------------------------------


def quake() -> list[AssertionView]:
    return [
        fig("deaths", 120, None, Q.APPROX, by="interior-ministry", as_of=day(6), source=1),
        fig("deaths", 215, by="interior-ministry", as_of=day(7), source=2, published=day(7)),
        fig("deaths", 312, by="interior-ministry", as_of=day(8), source=3, published=day(8)),
        fig("deaths", 450, None, Q.APPROX, by="red-crescent", source=3, published=day(8)),
        fig("deaths", 1000, None, Q.APPROX, person="a seismologist", source=3,
            published=day(8), forecast=True),
    ]  # fmt: skip


def test_ministry_revising_alone_is_revised_and_the_latest_stands() -> None:
    items = quake()[:3]
    judgement = judge(items, name_of)
    assert judgement.verdict is Verdict.REVISED
    assert judgement.revised == (items[0].id, items[1].id)
    assert (judgement.consensus_low, judgement.consensus_high) == (311.5, 312.5)
    assert judgement.explanation == (
        "The Interior Ministry revised its figure from about 120 to 312."
    )
    assert latest_by_attributor(items)["interior-ministry"].id == items[2].id


def test_revision_and_conflict_at_once() -> None:
    items = quake()
    judgement = judge(items, name_of)
    assert judgement.verdict is Verdict.CONFLICT
    assert judgement.revised == (items[0].id, items[1].id)
    assert [(p.a, p.b) for p in judgement.pairs] == [(items[3].id, items[2].id)]
    pair = judgement.pairs[0]
    assert pair.reason == (
        "the Red Crescent: about 450 (405–495) vs the Interior Ministry: 312; no common value"
    )
    assert pair.severity == pytest.approx((405 - 312.5) / 405, abs=1e-4)
    assert judgement.severity == pair.severity
    assert judgement.consensus_low is None
    assert "revised its figure" in judgement.explanation


def test_forecast_never_conflicts_with_reports() -> None:
    items = quake()
    judgement = judge([items[2], items[4]], name_of)
    assert judgement.verdict is Verdict.SINGLE
    assert judgement.pairs == ()
    assert "forecast" in judgement.explanation


# --- event 2: a wildfire in acres and km2, and its containment ------------------------------


def test_wildfire_area_in_acres_and_km2_agrees_after_conversion() -> None:
    acres = fig("burned area", 120_000, unit="acre", by="fire-agency", source=1)
    km2 = fig("burned area", 490, None, Q.APPROX, unit="km2", by="forest-service", source=2)
    containment = fig("containment", 35, unit="%", by="fire-agency", source=1)
    groups = group_facts([acres, km2, containment], name_of)
    assert len(groups) == 2
    area = next(g for g in groups if g.quantity == "burned area")
    judgement = judge(members_of(area, [acres, km2, containment]), name_of)
    assert judgement.verdict is Verdict.AGREE
    assert judgement.consensus_low == pytest.approx(
        120_000 * 0.0040468564224 - 5e3 * 0.00405, rel=1e-3
    )
    assert area.unit == "km2"


def test_wildfire_far_apart_in_area_conflicts() -> None:
    acres = fig("burned area", 120_000, unit="acre", by="fire-agency", source=1)
    km2 = fig("burned area", 300, unit="km2", by="forest-service", source=2)
    judgement = judge([acres, km2], name_of)
    assert judgement.verdict is Verdict.CONFLICT
    assert "120,000 acres" in judgement.pairs[0].reason


# --- event 3: a protest, police against organisers ------------------------------------------


def protest() -> list[AssertionView]:
    sat, fri = dt.date(2025, 3, 15), dt.date(2025, 3, 14)
    sun = dt.date(2025, 3, 16)
    return [
        fig("protesters", 2000, None, Q.APPROX, by="police", location="port-selim", as_of=fri,
            published=fri, source=1),
        fig("protesters", 15_000, by="police", location="port-selim", as_of=sat, published=sun,
            source=2),
        fig("protesters", 100_000, None, Q.MORE_THAN, by="organisers", location="port-selim",
            published=sun, source=3),
        fig("protesters", 12_000, 20_000, Q.RANGE, location="port-selim", as_of=sat,
            published=sun, source=4),
    ]  # fmt: skip


def test_police_and_organisers_conflict_but_the_evening_before_is_apart() -> None:
    items = protest()
    groups = group_facts(items, name_of)
    assert len(groups) == 2
    verdicts = {g.label: judge(members_of(g, items), name_of).verdict for g in groups}
    assert verdicts == {
        "Protesters in Port Selim on 2025-03-14": Verdict.SINGLE,
        "Protesters in Port Selim on 2025-03-15": Verdict.CONFLICT,
    }
    rally = members_of(groups[1], items)
    judgement = judge(rally, name_of)
    # organisers vs police, organisers vs the unattributed range; police and range agree.
    assert {(p.a, p.b) for p in judgement.pairs} == {
        (items[2].id, items[1].id),
        (items[2].id, items[3].id),
    }


# --- event 4: quarterly revenue in $bn and $m ------------------------------------------------


def test_revenue_in_billions_and_millions_agrees_and_forecast_is_set_aside() -> None:
    items = [
        fig("revenue", 4.9e9, unit="USD", subject="acme", location=None, by="acme", source=1),
        fig("revenue", 4.87e9, unit="USD", subject="acme", location=None, source=2),
        fig("revenue", 5.3e9, unit="USD", subject="acme", location=None, person="analysts",
            source=2, forecast=True),
    ]  # fmt: skip
    judgement = judge(items, name_of)
    assert judgement.verdict is Verdict.AGREE
    assert judgement.consensus_low == pytest.approx(4.865e9)
    assert judgement.consensus_high == pytest.approx(4.875e9)
    assert "$4.9 billion (Acme Corp)" in judgement.explanation
    assert "forecast" in judgement.explanation


# --- event 5: troops abroad, with a revision, bounds, ranges and a contained place -----------


def troops() -> list[AssertionView]:
    def t(*args: object, **kw: object) -> AssertionView:
        kw.setdefault("subject", "north-korea")
        kw.setdefault("location", "russia")
        return fig("troops", *args, **kw)  # type: ignore[arg-type]

    return [
        t(12_000, None, Q.APPROX, by="ukraine-intelligence", source=1, published=day(24)),
        t(None, 3000, Q.AT_MOST, by="pentagon", source=2, published=day(28)),
        t(None, 10_000, Q.AT_MOST, by="pentagon", person="Ann Lee", source=2,
          published=day(28), as_of=day(28)),
        t(1500, 10_000, Q.RANGE, source=3, published=day(27)),
        t(3000, None, Q.AT_LEAST, by="security-council", source=1, published=day(24)),
        t(1500, None, Q.AT_LEAST, by="dutch-intelligence", location="kursk", source=4),
        t(5000, None, Q.APPROX, person="an official", location="kursk", source=3,
          forecast=True),
    ]  # fmt: skip


def test_bound_revision_with_conflicts_sorted_by_severity() -> None:
    items = troops()
    judgement = judge(items[:5], name_of)
    assert judgement.verdict is Verdict.CONFLICT
    assert judgement.revised == (items[1].id,)
    assert {p.b for p in judgement.pairs} == {items[2].id, items[3].id}
    assert all(p.a == items[0].id for p in judgement.pairs)
    severities = [p.severity for p in judgement.pairs]
    assert severities == sorted(severities, reverse=True)
    assert "pentagon revised its figure from up to 3,000 to up to 10,000" in (
        judgement.explanation.lower()
    )


def test_report_and_compatible_forecast_agree() -> None:
    items = troops()
    judgement = judge(items[5:], name_of)
    assert judgement.verdict is Verdict.AGREE
    assert judgement.consensus_low == 1500
    assert judgement.consensus_high is None


def test_containment_violation_when_part_exceeds_whole() -> None:
    items = troops()
    too_many = fig("troops", 15_000, subject="north-korea", location="kursk", by="x", source=5)
    everything = [*items, too_many]
    groups = group_facts(everything, name_of)
    pairs = containment_candidates(
        groups, lambda outer, inner: (outer, inner) == ("russia", "kursk")
    )
    assert len(pairs) == 1
    inner, outer = (members_of(g, everything) for g in pairs[0])
    violations = containment_violations(inner, outer, name_of)
    # 15,000 in Kursk exceeds every standing figure for Russia that has an upper end (even
    # "about 12,000" allows at most 13,200); the superseded "up to 3,000" is not checked.
    assert {v.b for v in violations} == {items[0].id, items[2].id, items[3].id}
    assert all(v.a == too_many.id for v in violations)
    assert "which contains it" in violations[0].reason
    assert containment_violations(items[5:6], items[:5], name_of) == []


# --- general properties ----------------------------------------------------------------------


def test_single_agree_and_repeats() -> None:
    only = fig("casualties", 600_000, None, Q.MORE_THAN, by="nato", person="Jan Berg")
    assert judge([only], name_of).verdict is Verdict.SINGLE
    same_source = fig("casualties", 600_000, None, Q.AT_LEAST, by="kyiv", source=1)
    assert judge([only, same_source], name_of).verdict is Verdict.SINGLE
    repeat = fig("casualties", 600_000, None, Q.MORE_THAN, by="nato", person="Jan Berg", source=2)
    other = fig("casualties", 650_000, None, Q.APPROX, person="Ola Nord", source=1)
    judgement = judge([only, repeat, other], name_of)
    assert judgement.verdict is Verdict.AGREE
    assert (judgement.consensus_low, judgement.consensus_high) == pytest.approx((600_000, 715_000))
    assert judgement.explanation == (
        "3 figures from 2 sources agree on casualties in Valdoria: over 600,000 "
        "(nato's Jan Berg, twice) and about 650,000 (Ola Nord); consensus 600,000–715,000."
    )


@pytest.mark.parametrize("event", [quake, protest, troops])
def test_judgement_is_independent_of_input_order(event: object) -> None:
    items = event()  # type: ignore[operator]
    shuffler = random.Random(11)
    expected = [(g, judge(members_of(g, items), name_of)) for g in group_facts(items, name_of)]
    for _ in range(20):
        shuffled = items[:]
        shuffler.shuffle(shuffled)
        got = [(g, judge([a for a in shuffled if a.id in g.member_ids], name_of))
               for g in group_facts(shuffled, name_of)]  # fmt: skip
        assert got == expected


# --- revisions against restatements, and counts overtaken by later counts ------------------


def test_a_later_figure_inside_the_earlier_one_is_no_revision() -> None:
    crews = [
        fig("firefighters", 1100, None, Q.MORE_THAN, by="fire-agency", as_of=day(9)),
        fig("firefighters", 1850, by="fire-agency", as_of=day(10), source=2),
        fig("firefighters", 2000, None, Q.MORE_THAN, by="fire-agency", as_of=day(11), source=3),
    ]
    judgement = judge(crews, name_of)
    assert judgement.verdict is Verdict.REVISED
    assert judgement.revised == (crews[1].id,)
    shocks = [
        fig("aftershocks", 150, None, Q.MORE_THAN, by="afad", as_of=day(3)),
        fig("aftershocks", 400, None, Q.MORE_THAN, by="afad", as_of=day(4), source=2),
    ]
    assert judge(shocks, name_of).verdict is Verdict.AGREE


def test_higher_later_tally_of_another_speaker_overtakes_the_earlier_one() -> None:
    share = [
        fig("containment", 5, unit="%", by="fire-agency", as_of=day(9)),
        fig("containment", 15, unit="%", person="officials", as_of=day(10), source=2),
        fig("containment", 40, unit="%", by="fire-agency", as_of=day(11), source=3),
    ]
    judgement = judge(share, name_of)
    assert judgement.verdict is Verdict.REVISED
    assert judgement.revised == (share[0].id, share[1].id)
    assert judgement.explanation == (
        "The state fire agency revised its figure from 5% to 40%; "
        "15% (officials, 2025-02-10) was overtaken by a later count, "
        "latest 40% (the state fire agency, 2025-02-11)."
    )


def test_lower_later_tally_is_a_conflict_but_a_level_moves_freely() -> None:
    early = fig("troops", 12_000, None, Q.APPROX, by="kyiv", as_of=day(3))
    late = fig("troops", 10_000, by="pentagon", as_of=day(8), source=2)
    assert judge([early, late], name_of).verdict is Verdict.CONFLICT
    rate_then = fig("inflation", 3.4, unit="%", by="statistics-office", as_of=day(3))
    rate_now = fig("inflation", 2.9, unit="%", by="central-bank", as_of=day(8), source=2)
    judgement = judge([rate_then, rate_now], name_of)
    assert judgement.verdict is Verdict.REVISED
    assert judgement.revised == (rate_then.id,)


def test_a_head_count_of_a_state_moves_either_way_like_a_level() -> None:
    # The missing are found, the evacuated go home: a later lower count of another
    # authority is an update, not a contradiction; the same day it stays a conflict.
    then = fig("missing", 141, by="interior-ministry", as_of=day(10))
    now = fig("missing", 125, by="civil-defence", as_of=day(11), source=2)
    judgement = judge([then, now], name_of)
    assert judgement.verdict is Verdict.REVISED
    assert judgement.revised == (then.id,)
    assert "latest 125" in judgement.explanation
    rival = fig("missing", 125, by="civil-defence", as_of=day(10), source=2)
    assert judge([then, rival], name_of).verdict is Verdict.CONFLICT


def test_a_later_lower_tally_says_why_it_is_no_update() -> None:
    early = fig("deaths", 143, by="interior-ministry", as_of=day(10))
    late = fig("deaths", 120, by="civil-defence", as_of=day(11), source=2)
    judgement = judge([early, late], name_of)
    assert judgement.verdict is Verdict.CONFLICT
    assert "a running total only goes up" in judgement.pairs[0].reason


def test_a_later_lower_deployment_is_read_as_a_disagreement_not_as_only_growing() -> None:
    # Troops can be withdrawn: the pair still conflicts (a tally's rule), but the reason
    # must not claim the count only grows.
    early = fig("troops", 12_000, by="ukraine-intelligence", as_of=day(10))
    late = fig("troops", 10_000, by="pentagon", as_of=day(14), source=2)
    judgement = judge([early, late], name_of)
    assert judgement.verdict is Verdict.CONFLICT
    reason = judgement.pairs[0].reason
    assert "only goes up" not in reason
    assert "read as a disagreement, not as a drawdown" in reason


def test_a_fixed_quantity_never_changes_so_later_figures_conflict() -> None:
    afad = fig("magnitude", 7.1, by="afad", as_of=day(3))
    usgs = fig("magnitude", 7.4, by="usgs", as_of=day(4), source=2)
    judgement = judge([afad, usgs], name_of)
    assert judgement.verdict is Verdict.CONFLICT
    assert judgement.pairs[0].reason == (
        "usgs: 7.4 vs afad: 7.1; no common value "
        "(this does not change over time, so a later figure cannot update it)"
    )


def test_unattributed_figures_of_one_article_are_separate_claims() -> None:
    police_lost = fig("people", 48_000, location="port-selim", source=1)
    union_lost = fig("people", 160_000, location="port-selim", source=1)
    judgement = judge([police_lost, union_lost], name_of)
    assert judgement.verdict is Verdict.CONFLICT
    assert judgement.revised == ()
    # Quoted under one name in one article, they are one speaker revising its figure.
    union_then = fig("people", 160_000, person="the union", location="port-selim", as_of=day(1))
    union_now = fig("people", 175_000, person="the union", location="port-selim", as_of=day(2))
    assert judge([union_then, union_now], name_of).revised == (union_then.id,)


def test_speakers_are_named_as_a_reader_expects() -> None:
    from service.domain.explain import who

    def named(body: str | None, person: str | None) -> str:
        return who(fig("deaths", 5, by=body, person=person, source=7), name_of)

    assert named("interior-ministry", "Ann Lee") == "the Interior Ministry's Ann Lee"
    assert named("red-crescent", "a Red Crescent official") == "a Red Crescent official"
    assert named("police", "deputy police press secretary Ann Lee") == "the police"
    assert named(None, None) == "an unattributed figure in Source 7"


# --- the seed gold, from annotated figures (no extraction) -----------------------------------


def _slug(name: str | None) -> str | None:
    return "-".join(name.lower().replace(".", "").replace("'", "").split()) if name else None


def test_seed_gold_follows_from_its_annotated_figures() -> None:
    gold = json.loads((Path(__file__).parents[1] / "gold/seeds_facts.json").read_text())
    views: list[AssertionView] = []
    member_of: dict[int, tuple[str, str, int]] = {}
    for source, article in enumerate(gold["articles"], start=1):
        published = dt.datetime.fromisoformat(article["published_at"])
        for raw in article["assertions"]:
            view = AssertionView(
                id=len(views) + 1,
                source_id=source,
                quantity=raw["quantity"],
                unit=raw["unit"],
                low=raw["low"],
                high=raw["high"],
                qualifier=Q(raw["qualifier"]),
                subject=_slug(raw["subject"]),
                location=_slug(raw["location"]),
                attributor=_slug(raw["attributor"]),
                attributed_to=raw["attributed_to"],
                as_of=dt.date.fromisoformat(raw["as_of"]) if raw["as_of"] else None,
                published_at=published,
                is_forecast=raw["is_forecast"],
                text=raw["text"],
            )
            views.append(view)
            member_of[view.id] = (article["file"], raw["text"], raw["occurrence"])
    by_id = {v.id: v for v in views}
    got = {}
    for group in group_facts(views):
        judgement = judge([by_id[i] for i in group.member_ids])
        members = frozenset(member_of[i] for i in group.member_ids)
        revised = frozenset(member_of[i] for i in judgement.revised)
        got[members] = (judgement.verdict.value, revised)
    expected = {
        frozenset(tuple(m) for m in fact["members"]): (
            fact["verdict"],
            frozenset(tuple(m) for m in fact["revised_members"]),
        )
        for fact in gold["facts"]
    }
    assert got == expected
