"""Quality of fact grouping and verdicts, end to end: extraction -> facts -> verdicts.

Run: `uv run python -m bench.quality_facts [--verbose] [GOLD.json ...]`

For every gold file (default: tests/gold/seeds_facts.json and tests/gold/corpus/*.json) each
article is extracted with `extract_article`, its assertions become `AssertionView`s, and the
pure core groups (`group_facts`, with the shipped KB's `country_of` and `contains`) and judges
(`judge`) them as the service would. Gold members
are `[file, text as written, occurrence]`; a member is matched to the extracted assertion whose
span overlaps the occurrence of that text most. Figures that match no gold member (and gold
`optional` ones) are grouped and judged too, but not scored.

Printed figures:
- grouping precision / recall over pairs of matched gold members (a pair is positive when
  both belong to the same gold fact; predicted positive when both are in one predicted fact);
- verdict accuracy over gold facts with at least one matched member (the predicted fact is
  the one holding most of its matched members);
- revised precision / recall: which matched members are superseded;
- coverage: how many gold members extraction produced at all.

`--groups` prints, per gold file, the gold facts split over several predicted facts (with the
predicted keys) and the predicted facts that merge several gold facts.

`--why-split` counts, over all files, why gold pairs were missed: the first part of the two
predicted facts' keys that differs (quantity, unit dimension, anchor, slot, or a split in time,
forecasts or attribution). Counts only, so it can be run on held-out sets.
`--oracle` replaces extraction's families by the gold ones (each gold fact one family) while
keeping extraction's values, dates, attribution and forecasts: the figures then measure this
package's own rules (time splits, forecasts, revisions, verdicts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import msgspec

from service.domain.cleanup import parse_front_matter
from service.domain.explain import NameOf, key_to_name
from service.domain.extraction import extract_article
from service.domain.facts import FactGroup, KindOf, group_facts
from service.domain.knowledge import KnowledgeBase
from service.domain.model import AssertionView, EntityKind, ExtractedArticle, view_of
from service.domain.verdicts import judge

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = [
    ROOT / "tests/gold/seeds_facts.json",
    *sorted(ROOT.glob("tests/gold/corpus/*.json")),
]

Member = tuple[str, str, int]


class Totals(msgspec.Struct):
    true_pairs: int = 0
    predicted_pairs: int = 0
    both_pairs: int = 0
    facts: int = 0
    verdicts_right: int = 0
    revised_gold: int = 0
    revised_predicted: int = 0
    revised_both: int = 0
    members: int = 0
    matched: int = 0


def _published(meta: dict[str, str]) -> dt.datetime | None:
    value = meta.get("published_at")
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value.strip())
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _extract(path: Path, kb: KnowledgeBase) -> tuple[ExtractedArticle, dict[str, str]]:
    meta, body = parse_front_matter(path.read_text(encoding="utf-8", errors="replace"))
    published = _published(meta)
    if path.suffix.lower() in {".html", ".htm"}:
        return extract_article(html=body, published_at=published, kb=kb), meta
    return extract_article(text=body, published_at=published, kb=kb), meta


Extracted = dict[str, tuple[ExtractedArticle, list[AssertionView]]]


def _views(
    files: Sequence[str], kb: KnowledgeBase, spans: dict[int, tuple[int, int]]
) -> tuple[list[AssertionView], Extracted]:
    """AssertionViews of every article, as the service would store them; spans by id."""
    ids = itertools.count(1)
    views: list[AssertionView] = []
    by_file: Extracted = {}
    for source_id, name in enumerate(files, start=1):
        article, meta = _extract(ROOT / name, kb)
        label = meta.get("publisher") or meta.get("title") or Path(name).name
        mine: list[AssertionView] = []
        for claim in article.claims:
            for a in claim.assertions:
                view = view_of(
                    a,
                    view_id=next(ids),
                    source_id=source_id,
                    published_at=article.published_at or _published(meta),
                    source_label=label,
                )
                spans[view.id] = (a.start, a.end)
                mine.append(view)
        views.extend(mine)
        by_file[name] = (article, mine)
    return views, by_file


def kind_reader(by_file: Extracted, kb: KnowledgeBase) -> KindOf:
    """An entity key's kind, as the service stores it: discovered in an article, else shipped."""
    kinds = {e.key: e.kind for article, _ in by_file.values() for e in article.entities}

    def kind_of(key: str) -> EntityKind | None:
        entity = kb.get(key)
        return kinds.get(key) or (entity.kind if entity is not None else None)

    return kind_of


def group_as_service(
    views: Sequence[AssertionView], by_file: Extracted, kb: KnowledgeBase, name_of: NameOf
) -> list[FactGroup]:
    """Facts of `views` as the service groups them: the shipped places plus those the articles
    discovered, with the parent each was given (the first article to name a key keeps it),
    and the kinds the articles gave their entities."""
    places = kb.with_places(e for article, _ in by_file.values() for e in article.entities)
    return group_facts(
        views,
        name_of,
        country_of=places.country_of,
        contains=places.contains,
        kind_of=kind_reader(by_file, kb),
    )


def _match(
    members: Sequence[Member], by_file: Extracted, spans: dict[int, tuple[int, int]]
) -> dict[Member, int]:
    """Gold member -> id of the extracted assertion overlapping its text most."""
    matched: dict[Member, int] = {}
    taken: set[int] = set()
    for member in members:
        name, text, occurrence = member
        article, views = by_file[name]
        start = -1
        for _ in range(occurrence + 1):
            start = article.text.find(text, start + 1)
            if start < 0:
                break
        if start < 0:
            continue
        end = start + len(text)
        best: tuple[int, int] | None = None
        for view in views:
            v_start, v_end = spans[view.id]
            overlap = min(end, v_end) - max(start, v_start)
            if overlap > 0 and view.id not in taken and (best is None or overlap > best[0]):
                best = (overlap, view.id)
        if best is not None:
            matched[member] = best[1]
            taken.add(best[1])
    return matched


def _member(raw: Sequence[object]) -> Member:
    return (str(raw[0]), str(raw[1]), int(str(raw[2])))


def _oracle_views(
    facts: Sequence[dict[str, object]], matched: dict[Member, int], by_id: dict[int, AssertionView]
) -> list[AssertionView]:
    """Matched assertions only, each gold fact made one family (subject `gold-<n>`, the
    quantity of its first member): what facts and verdicts make of perfect families."""
    views: list[AssertionView] = []
    for index, fact in enumerate(facts):
        members = fact["members"]
        assert isinstance(members, list)
        ids = [matched[m] for m in map(_member, members) if m in matched]
        if not ids:
            continue
        quantity = by_id[ids[0]].quantity
        views.extend(
            msgspec.structs.replace(
                by_id[i], subject=f"gold-{index}", location=None, quantity=quantity
            )
            for i in dict.fromkeys(ids)
        )
    return views


def _print_grouping(
    facts: Sequence[dict[str, object]],
    fact_of: dict[int, int],
    group_of: dict[int, FactGroup],
    by_id: dict[int, AssertionView],
) -> None:
    """Gold facts split over several predicted facts, and predicted facts merging gold ones."""

    def show(i: int) -> str:
        a = by_id[i]
        return f"{a.text!r} s{a.source_id}"

    for index, fact in enumerate(facts):
        ids = sorted(i for i, f in fact_of.items() if f == index)
        keys = sorted({group_of[i].key for i in ids})
        if len(keys) > 1:
            print(f"  SPLIT {fact['label']}:")
            for key in keys:
                shown = ", ".join(show(i) for i in ids if group_of[i].key == key)
                print(f"      {key}: {shown}")
    for key in sorted({g.key for g in group_of.values()}):
        golds = sorted({fact_of[i] for i, g in group_of.items() if g.key == key and i in fact_of})
        if len(golds) > 1:
            print(f"  MERGED {key}:")
            for index in golds:
                shown = ", ".join(
                    show(i) for i, f in fact_of.items() if f == index and group_of[i].key == key
                )
                print(f"      {facts[index]['label']}: {shown}")


def evaluate(
    gold_path: Path,
    kb: KnowledgeBase,
    totals: Totals,
    verbose: bool,
    oracle: bool = False,
    grouping: bool = False,
    why: Counter[str] | None = None,
) -> None:
    """Score one gold file into `totals`, printing its line (and details when verbose).

    With `oracle`, grouping starts from the gold families (see `_oracle_views`), so the
    figures measure time splits, forecasts and verdicts alone.
    """
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    facts = gold["facts"]
    files = sorted({m[0] for fact in facts for m in fact["members"]})
    spans: dict[int, tuple[int, int]] = {}
    views, by_file = _views(files, kb, spans)
    by_id = {v.id: v for v in views}

    def name_of(key: str) -> str:
        entity = kb.get(key)
        return entity.name if entity is not None else key_to_name(key)

    all_members = [_member(m) for fact in facts for m in fact["members"]]
    matched = _match(all_members, by_file, spans)
    if oracle:
        views = _oracle_views(facts, matched, by_id)
        by_id = {v.id: v for v in views}
    groups = group_as_service(views, by_file, kb, name_of)
    group_of = {member: g for g in groups for member in g.member_ids}
    judgements = {
        g.key: judge([by_id[i] for i in g.member_ids], name_of, label=g.label) for g in groups
    }
    superseded = {i for j in judgements.values() for i in j.revised}

    fact_of: dict[int, int] = {}
    local = Totals(members=len(all_members), matched=len(matched))
    for index, fact in enumerate(facts):
        ids = [matched[m] for m in map(_member, fact["members"]) if m in matched]
        fact_of.update(dict.fromkeys(ids, index))
        revised = {matched[m] for m in map(_member, fact["revised_members"]) if m in matched}
        local.revised_gold += len(revised)
        local.revised_predicted += len(superseded & set(ids))
        local.revised_both += len(revised & superseded)
        if not ids:
            continue
        key = Counter(group_of[i].key for i in ids).most_common(1)[0][0]
        verdict = judgements[key].verdict.value
        local.facts += 1
        local.verdicts_right += verdict == fact["verdict"]
        wrong_revised = (superseded & set(ids)) ^ revised
        if verbose and wrong_revised:
            texts = sorted(by_id[i].text for i in wrong_revised)
            print(f"  {fact['label']}: revised differs on {texts}")
        if verbose and (verdict != fact["verdict"] or len(ids) < len(fact["members"])):
            print(
                f"  {fact['label']}: gold {fact['verdict']}, got {verdict}"
                f" ({len(ids)}/{len(fact['members'])} matched) - {judgements[key].explanation}"
            )
    for a, b in itertools.combinations(sorted(fact_of), 2):
        same_gold = fact_of[a] == fact_of[b]
        same_predicted = group_of[a].key == group_of[b].key
        local.true_pairs += same_gold
        local.predicted_pairs += same_predicted
        local.both_pairs += same_gold and same_predicted
        if same_gold and not same_predicted and why is not None:
            reason = split_reason(group_of[a].key, group_of[b].key)
            why[reason] += 1
            if verbose:
                print(f"  missed ({reason}): {group_of[a].key} / {group_of[b].key}")
    if grouping:
        _print_grouping(facts, fact_of, group_of, by_id)
    _print_line(gold_path.stem, local)
    for field in msgspec.structs.fields(Totals):
        setattr(totals, field.name, getattr(totals, field.name) + getattr(local, field.name))


def split_reason(key_a: str, key_b: str) -> str:
    """Why two figures of one gold fact are in different predicted facts: the first part of
    their keys (`<quantity>|<dimension>|<anchor>|<subject>|<location>@<date...>`) that differs."""
    a, b = key_a.split("|", 5), key_b.split("|", 5)
    if a[0].rstrip("+") != b[0].rstrip("+"):
        return "quantity"
    if a[0] != b[0]:
        return "increment (+)"
    if a[1] != b[1]:
        return "unit dimension"
    if a[2] != b[2]:
        return "anchor: one has none" if "-" in (a[2], b[2]) else "anchor: different"
    if len(a) < 5 or len(b) < 5:
        return "other"
    if a[3] != b[3]:
        return "slot: subject"
    if a[4].split("@")[0] != b[4].split("@")[0]:
        return "slot: location"
    return "time, forecast or attribution split"


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "n/a"


def _print_line(name: str, t: Totals) -> None:
    print(
        f"{name:<16} pairs P {_ratio(t.both_pairs, t.predicted_pairs)} "
        f"R {_ratio(t.both_pairs, t.true_pairs)} | verdicts {t.verdicts_right}/{t.facts} "
        f"({_ratio(t.verdicts_right, t.facts)}) | revised P "
        f"{_ratio(t.revised_both, t.revised_predicted)} R {_ratio(t.revised_both, t.revised_gold)}"
        f" | matched {t.matched}/{t.members}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Score every gold file named (or the default ones) and print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "--oracle", action="store_true", help="start from the gold families (judge only)"
    )
    parser.add_argument(
        "--groups", action="store_true", help="print split gold facts and merged predicted ones"
    )
    parser.add_argument(
        "--why-split", action="store_true", help="count why gold pairs were missed (all files)"
    )
    args = parser.parse_args(argv)
    kb = KnowledgeBase.shipped()
    totals = Totals()
    why: Counter[str] | None = Counter() if args.why_split else None
    for path in args.gold or DEFAULT_GOLD:
        evaluate(path, kb, totals, args.verbose, args.oracle, args.groups, why)
    _print_line("ALL", totals)
    if why is not None:
        for reason, count in why.most_common():
            print(f"  missed pairs, {reason}: {count}")


if __name__ == "__main__":
    main()
