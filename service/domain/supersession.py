"""Which figures of a fact no longer stand, and which standing pairs conflict: the rules.

The rules are stated in `verdicts.py` (superseded figures, conflicts); this module applies
them to one fact's figures at a time. What a rule asks of a figure (its speaker, reading,
reference date, recency) is worked out once per judgement, and the interval rules use a sort,
a binary search or a running extreme instead of trying every pair, so a judgement's cost
grows with its fact's size, not with its square.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence

from service.domain import explain
from service.domain.explain import NameOf, key_to_name
from service.domain.model import AssertionView
from service.domain.tolerance import (
    meet,
    plain,
    quantity_kind,
    read,
    recency,
    reference_date,
    speaker,
)

__all__ = ["Figures", "same_figure"]


def same_figure(a: AssertionView, b: AssertionView) -> bool:
    """True when `b` restates `a`: every value `b` allows is one `a` allowed."""
    inner, outer = read(b).nominal, read(a).tolerant
    return outer[0] <= inner[0] and inner[1] <= outer[1]


class _Record:
    """The highest value added so far, and the highest added by any other speaker."""

    __slots__ = ("best", "best_by", "runner_up")

    def __init__(self) -> None:
        self.best = self.runner_up = -math.inf
        self.best_by: str | None = None

    def add(self, value: float, by: str) -> None:
        if by == self.best_by:
            self.best = max(self.best, value)
        elif value > self.best:
            self.runner_up, self.best, self.best_by = self.best, value, by
        else:
            self.runner_up = max(self.runner_up, value)

    def highest_not_by(self, by: str) -> float:
        return self.runner_up if by == self.best_by else self.best


class Figures:
    """What the rules ask of each figure (speaker, reading, date, recency), worked out once
    per judgement instead of once per pair; keyed by object identity, as a judgement's
    figures outlive it. Interval rules use a sort or a running extreme instead of every pair
    when the readings are `plain`, and fall back to every pair otherwise.
    """

    def __init__(self, group: Sequence[AssertionView], names: NameOf = key_to_name) -> None:
        self.members = list(group)
        self.names = names
        self._who: dict[int, str] = {}
        self.speaker = {id(a): speaker(a) for a in group}
        self.reading = {id(a): read(a) for a in group}
        self.day = {id(a): reference_date(a) for a in group}
        order = {id(a): recency(a) for a in group}
        self.by_recency = sorted(group, key=lambda a: order[id(a)])
        self.plain = all(plain(r) for r in self.reading.values())

    def who(self, a: AssertionView) -> str:
        """`explain.who`, once per figure."""
        said = self._who.get(id(a))
        if said is None:
            said = self._who[id(a)] = explain.who(a, self.names)
        return said

    def chains(self) -> dict[tuple[str, bool], list[AssertionView]]:
        """Each (speaker, forecast or not)'s figures, oldest first (`recency`)."""
        chains: dict[tuple[str, bool], list[AssertionView]] = {}
        for a in self.by_recency:
            chains.setdefault((self.speaker[id(a)], a.is_forecast), []).append(a)
        return chains

    def revised_by_speaker(self) -> set[int]:
        """Figures a later figure of their own chain does not restate (`same_figure`)."""
        gone: set[int] = set()
        for chain in self.chains().values():
            if not self.plain:
                gone.update(
                    older.id
                    for i, older in enumerate(chain)
                    if any(not same_figure(older, newer) for newer in chain[i + 1 :])
                )
                continue
            low, high = math.inf, -math.inf  # the hull of the newer figures' nominal values
            for older in reversed(chain):
                reading = self.reading[id(older)]
                if low < reading.tolerant[0] or high > reading.tolerant[1]:
                    gone.add(older.id)
                low, high = min(low, reading.nominal[0]), max(high, reading.nominal[1])
        return gone

    def outdated(self) -> set[int]:
        """Reports overtaken by a later day's incompatible report of another speaker.

        A tally only grows, so a later higher count explains the gap; a level may move either
        way; a fixed quantity does not change, so a later different figure stays a conflict.
        """
        kind = quantity_kind(self.members[0].quantity) if self.members else "fixed"
        if kind in ("fixed", "event"):
            return set()
        reports = [a for a in self.members if not a.is_forecast and self.day[id(a)] is not None]
        if not self.plain:
            return {
                old.id for old in reports if any(self._overtakes(new, old, kind) for new in reports)
            }
        gone: set[int] = set()
        # Latest day first; each day is checked against the later days' extremes only.
        highest_low, lowest_high = _Record(), _Record()  # the latter holds negated values
        by_day = sorted(reports, key=lambda a: self.day[id(a)] or dt.date.min, reverse=True)
        for _, same_day in itertools.groupby(by_day, key=lambda a: self.day[id(a)]):
            day_reports = list(same_day)
            for old in day_reports:
                low, high = self.reading[id(old)].tolerant
                by = self.speaker[id(old)]
                if highest_low.highest_not_by(by) > high or (
                    kind == "level" and -lowest_high.highest_not_by(by) < low
                ):
                    gone.add(old.id)
            for new in day_reports:
                low, high = self.reading[id(new)].tolerant
                highest_low.add(low, self.speaker[id(new)])
                lowest_high.add(-high, self.speaker[id(new)])
        return gone

    def _overtakes(self, new: AssertionView, old: AssertionView, kind: str) -> bool:
        new_day, old_day = self.day[id(new)], self.day[id(old)]
        old_range, new_range = self.reading[id(old)].tolerant, self.reading[id(new)].tolerant
        return (
            self.speaker[id(new)] != self.speaker[id(old)]
            and new_day is not None
            and old_day is not None
            and new_day > old_day
            and not meet(old_range, new_range)
            and (kind == "level" or new_range[0] > old_range[1])
        )

    def superseded(self) -> set[int]:
        """Ids of figures that no longer stand: revised by their speaker, or overtaken."""
        return self.revised_by_speaker() | self.outdated()

    def conflicting(
        self, standing: Sequence[AssertionView]
    ) -> Iterator[tuple[AssertionView, AssertionView]]:
        """Pairs of standing figures of different speakers, both reports or both forecasts,
        whose tolerant intervals share no value (each pair once, in no particular order)."""
        if self.plain:  # disjoint plain intervals: one lies wholly above the other
            ranked = sorted(standing, key=lambda a: self.reading[id(a)].tolerant[0])
            lows = [self.reading[id(a)].tolerant[0] for a in ranked]
            candidates: Iterable[tuple[AssertionView, AssertionView]] = (
                (a, b)
                for a in standing
                for b in ranked[bisect.bisect_right(lows, self.reading[id(a)].tolerant[1]) :]
            )
        else:
            candidates = ((a, b) for i, a in enumerate(standing) for b in standing[i + 1 :])
        for a, b in candidates:
            if (
                self.speaker[id(a)] != self.speaker[id(b)]
                and a.is_forecast == b.is_forecast
                and not meet(self.reading[id(a)].tolerant, self.reading[id(b)].tolerant)
            ):
                yield a, b
