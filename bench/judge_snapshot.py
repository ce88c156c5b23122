"""Snapshot of every fact the grouping and judging produce, to prove a speed-up changed nothing.

Run: `uv run python -m bench.judge_snapshot [--size N] [--out PATH] [--skip-gold]`

Writes one JSON line per fact (key, label, members, verdict, severity, explanation, consensus,
superseded ids, conflict pairs with their reasons) and prints the file's SHA-256 with the CPU
seconds spent grouping and judging. Take it on the unchanged tree, then after each change: the
two files must be byte-identical (`cmp`). Four sections, each the way the project runs the
pure core:

- `loader`: `bench.loader.build_rows` over the cached corpus of `--size` sources (facts,
  pairs, and every assertion's fact and superseded flag);
- `service`: the same corpus family by family as `services.fact_updates.refresh_families`
  does it: rows in content order and renumbered, the stored family key, the shipped
  knowledge base (plus the corpus's places) for containment;
- `containment`: `facts.containment_candidates` and `verdicts.containment_violations` over
  the service section's facts of each family;
- `gold`: every gold fact bench of `bench.quality_facts`, extracted and judged, plain and
  with `--oracle` families.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec

from bench import quality_facts
from bench.loader import Rows, _view, build_rows, extracted
from service.domain import facts as fact_logic
from service.domain import verdicts
from service.domain.explain import key_to_name
from service.domain.knowledge import KnowledgeBase
from service.domain.model import AssertionView, Entity, EntityKind, FactJudgement
from service.services.entities import containment_base
from service.services.fact_updates import _numbered_by_content

Line = dict[str, Any]
_encode = msgspec.json.Encoder(order="sorted").encode


class Clock:
    """CPU seconds per section, and the slowest single family (group + judge)."""

    def __init__(self) -> None:
        self.sections: dict[str, float] = {}
        self.slowest: tuple[float, str, int] = (0.0, "", 0)

    def family(self, name: str, size: int, seconds: float) -> None:
        self.slowest = max(self.slowest, (seconds, name, size))


def _judged(
    group: fact_logic.FactGroup, judgement: FactJudgement, real: Callable[[int], int]
) -> Line:
    return {
        "key": group.key,
        "label": group.label,
        "members": [real(i) for i in group.member_ids],
        "dates": [str(group.first_date), str(group.last_date)],
        "forecast": group.forecast,
        "verdict": judgement.verdict.value,
        "severity": judgement.severity,
        "explanation": judgement.explanation,
        "consensus": [judgement.consensus_low, judgement.consensus_high],
        "revised": [real(i) for i in judgement.revised],
        "pairs": [[real(p.a), real(p.b), p.severity, p.reason] for p in judgement.pairs],
    }


def loader_section(rows: Rows) -> Iterator[Line]:
    for fact in rows.facts:
        yield {"section": "loader", **{k: v for k, v in fact.items() if k != "updated_at"}}
    for pair in rows.pairs:
        yield {"section": "loader-pair", **pair}
    for a in rows.assertions:
        yield {"section": "loader-assertion", "id": a["id"], "fact": a["fact_id"],
               "superseded": a["superseded"]}  # fmt: skip


def service_section(rows: Rows, clock: Clock) -> Iterator[Line]:
    """Each family as `refresh_families` sees it (content order, renumbered, containment)."""
    entities = {row["id"]: row for row in rows.entities}
    names = {row["key"]: row["name"] for row in rows.entities}
    places = [
        Entity(key=row["key"], name=row["name"], kind=EntityKind(row["kind"]),
               parent=row["parent_key"])
        for row in rows.entities
        if row["parent_key"]
    ]  # fmt: skip
    kb = containment_base(places)  # as the service builds it
    kinds = {row["key"]: EntityKind(row["kind"]) for row in rows.entities}
    sources = {row["id"]: row for row in rows.sources}

    def key_of(entity_id: int | None) -> str | None:
        return entities[entity_id]["key"] if entity_id is not None else None

    def name_of(key: str) -> str:
        return names.get(key, key)

    def content_order(row: dict[str, Any]) -> tuple[Any, ...]:
        source = sources[row["source_id"]]
        published = source["published_at"]
        return (published is None, published or 0, source["content_hash"], row["start"],
                row["end"], row["id"])  # fmt: skip

    families: dict[str, list[dict[str, Any]]] = {}
    for row in rows.assertions:
        families.setdefault(row["family_key"], []).append(row)
    for family in sorted(families):
        ordered = sorted(families[family], key=content_order)
        stored = [_view(row, sources[row["source_id"]], key_of) for row in ordered]
        views, real_id = _numbered_by_content(stored)
        by_number = {view.id: view for view in views}
        started = time.process_time()
        groups = fact_logic.group_facts(
            views,
            name_of,
            contains=kb.contains,
            country_of=kb.country_of,
            family_of=lambda _view, f=family: f,
            kind_of=kinds.get,
        )
        judged = [
            (g, verdicts.judge([by_number[i] for i in g.member_ids], name_of, label=g.label))
            for g in groups
        ]
        clock.family(family, len(views), time.process_time() - started)
        for group, judgement in judged:
            yield {"section": "service", **_judged(group, judgement, real_id.__getitem__)}
        yield from _containment(groups, by_number, kb, name_of, real_id.__getitem__)


def _containment(
    groups: Sequence[fact_logic.FactGroup],
    by_number: dict[int, AssertionView],
    kb: KnowledgeBase,
    name_of: Callable[[str], str],
    real: Callable[[int], int],
) -> Iterator[Line]:
    for inner, outer in fact_logic.containment_candidates(groups, kb.contains):
        found = verdicts.containment_violations(
            [by_number[i] for i in inner.member_ids],
            [by_number[i] for i in outer.member_ids],
            name_of,
        )
        yield {
            "section": "containment",
            "inner": inner.key,
            "outer": outer.key,
            "pairs": [[real(p.a), real(p.b), p.severity, p.reason] for p in found],
        }


def gold_section(clock: Clock) -> Iterator[Line]:
    """Every gold fact bench, grouped and judged as `bench.quality_facts` does."""
    kb = KnowledgeBase.shipped()

    def name_of(key: str) -> str:
        entity = kb.get(key)
        return entity.name if entity is not None else key_to_name(key)

    for path in quality_facts.DEFAULT_GOLD:
        gold = msgspec.json.decode(path.read_bytes())
        gold_facts = gold["facts"]
        files = sorted({m[0] for fact in gold_facts for m in fact["members"]})
        spans: dict[int, tuple[int, int]] = {}
        views, by_file = quality_facts._views(files, kb, spans)
        by_id = {v.id: v for v in views}
        members = [quality_facts._member(m) for fact in gold_facts for m in fact["members"]]
        matched = quality_facts._match(members, by_file, spans)
        oracle = quality_facts._oracle_views(gold_facts, matched, by_id)
        for mode, chosen in (("gold", views), ("gold-oracle", oracle)):
            chosen_by_id = {v.id: v for v in chosen}
            started = time.process_time()
            groups = quality_facts.group_as_service(chosen, by_file, kb, name_of)
            judged = [
                (g, verdicts.judge([chosen_by_id[i] for i in g.member_ids], name_of, label=g.label))
                for g in groups
            ]
            clock.sections[mode] = clock.sections.get(mode, 0.0) + time.process_time() - started
            for group, judgement in judged:
                yield {"section": mode, "file": path.name, **_judged(group, judgement, int)}
            yield from _containment(groups, chosen_by_id, kb, name_of, int)


def main(argv: Sequence[str] | None = None) -> None:
    """Write the snapshot and print its digest and CPU seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/judge-snapshot.jsonl"))
    parser.add_argument("--skip-gold", action="store_true")
    args = parser.parse_args(argv)
    articles, results, _ = extracted(args.size)
    clock = Clock()
    started = time.process_time()
    rows = build_rows(articles, results)
    clock.sections["build_rows"] = time.process_time() - started
    digest = hashlib.sha256()
    count = 0
    with args.out.open("wb") as out:

        def write(lines: Iterator[Line]) -> None:
            nonlocal count
            for line in lines:
                data = _encode(line) + b"\n"
                digest.update(data)
                out.write(data)
                count += 1

        write(loader_section(rows))
        started = time.process_time()
        write(service_section(rows, clock))
        clock.sections["service (incl. containment, output)"] = time.process_time() - started
        if not args.skip_gold:
            write(gold_section(clock))
    print(f"{count} lines -> {args.out}  sha256 {digest.hexdigest()}")
    for name, seconds in clock.sections.items():
        print(f"  {name:<40} {seconds:7.2f} s CPU")
    seconds, family, size = clock.slowest
    print(f"  slowest family (group + judge): {family} ({size} figures) {seconds:.3f} s CPU")


if __name__ == "__main__":
    main()
