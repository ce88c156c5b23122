"""Extraction quality against hand-checked gold: detection P/R/F1 and per-field accuracy.

Usage: `uv run python -m bench.quality_extraction [--gold PATH ...] [--verbose]`
(default: tests/gold/seeds_extraction.json and every tests/gold/corpus/*.json).

A gold file is `{"version": 1, "articles": [{"file", "published_at", "assertions": [...]}]}`;
each gold assertion names its phrase as written (`text`, `occurrence`: which occurrence in the
cleaned text) and the expected fields. Predictions are matched to gold by span overlap (greedy,
largest overlap first). Field rules:
- value: qualifier equal and low/high equal (1e-6 relative);
- quantity: `canonical_quantity(gold phrase) == canonical_quantity(predicted)`;
- subject/location: the gold name resolved with the knowledge base (plus entities discovered in
  the article) equals the predicted key;
- attributed_to: same entity, or the same words ignoring case and articles, or one name's words
  contained in the other's ("Rutte" / "Mark Rutte");
- as_of: compared after the documented fallback (no date -> the publication date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from service.domain.cleanup import parse_front_matter
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase
from service.domain.model import ExtractedArticle, ExtractedAssertion
from service.domain.quantities import canonical_quantity

ROOT = Path(__file__).resolve().parent.parent
FIELDS = (
    "value",
    "unit",
    "quantity",
    "subject",
    "location",
    "attributed_to",
    "as_of",
    "is_forecast",
)
_ARTICLE_WORDS = frozenset({"the", "a", "an", "of", "'s", "’s"})


class FieldScore(msgspec.Struct, kw_only=True):
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


class FileReport(msgspec.Struct, kw_only=True):
    name: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    fields: dict[str, FieldScore] = msgspec.field(default_factory=dict)
    mismatches: list[str] = msgspec.field(default_factory=list)

    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def absorb(self, other: FileReport) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        for name, score in other.fields.items():
            mine = self.fields.setdefault(name, FieldScore())
            mine.right += score.right
            mine.total += score.total
        self.mismatches.extend(other.mismatches)


def _resolve_file(name: str, gold_path: Path) -> Path:
    for base in (ROOT, gold_path.parent, ROOT / "seeds", ROOT / "tests" / "corpus"):
        candidate = base / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)


def _parse_datetime(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def load_article(entry: dict[str, Any], gold_path: Path) -> ExtractedArticle:
    """Extract one gold article the way ingest does (front matter split off first)."""
    path = _resolve_file(entry["file"], gold_path)
    raw = path.read_text(encoding="utf-8")
    meta, body = parse_front_matter(raw)
    published = _parse_datetime(entry.get("published_at") or meta.get("published_at"))
    if path.suffix.lower() in {".html", ".htm"}:
        return extract_article(html=body, title=meta.get("title"), published_at=published)
    return extract_article(text=body, title=meta.get("title"), published_at=published)


def _span(text: str, phrase: str, occurrence: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(phrase, start + 1)
        if start < 0:
            return None
    return start, start + len(phrase)


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _ARTICLE_WORDS]


def _same_number(a: float | None, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if not isinstance(b, int | float):
        return False
    return abs(a - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _key(kb: KnowledgeBase, name: str | None) -> str | None:
    if name is None:
        return None
    entity = kb.lookup(name)
    return entity.key if entity is not None else f"?{name}"


def _same_source(kb: KnowledgeBase, gold: str | None, pred: ExtractedAssertion) -> bool:
    if gold is None or pred.attributed_to is None:
        return gold is None and pred.attributed_to is None
    gold_entity = kb.lookup(gold)
    if gold_entity is not None:
        pred_entity = kb.lookup(pred.attributed_to)
        if gold_entity.key in {pred.attributor, pred_entity.key if pred_entity else None}:
            return True
    g, p = _words(gold), _words(pred.attributed_to)
    if not g or not p:
        return False
    return set(g) <= set(p) or set(p) <= set(g)


def _field_results(
    gold: dict[str, Any], pred: ExtractedAssertion, kb: KnowledgeBase, published: dt.date | None
) -> dict[str, tuple[bool, str, str]]:
    gold_as_of = dt.date.fromisoformat(gold["as_of"]) if gold.get("as_of") else published
    pred_as_of = pred.as_of or published
    gold_quantity = canonical_quantity(gold["quantity"])
    pred_quantity = canonical_quantity(pred.quantity)
    value_ok = (
        gold["qualifier"] == pred.qualifier.value
        and _same_number(pred.low, gold["low"])
        and _same_number(pred.high, gold["high"])
    )
    return {
        "value": (
            value_ok,
            f"{gold['qualifier']} {gold['low']}..{gold['high']}",
            f"{pred.qualifier.value} {pred.low}..{pred.high}",
        ),
        "unit": (gold.get("unit") == pred.unit, str(gold.get("unit")), str(pred.unit)),
        "quantity": (gold_quantity == pred_quantity, gold_quantity, pred_quantity),
        "subject": (
            _key(kb, gold.get("subject")) == pred.subject,
            str(gold.get("subject")),
            str(pred.subject),
        ),
        "location": (
            _key(kb, gold.get("location")) == pred.location,
            str(gold.get("location")),
            str(pred.location),
        ),
        "attributed_to": (
            _same_source(kb, gold.get("attributed_to"), pred),
            str(gold.get("attributed_to")),
            f"{pred.attributed_to} [{pred.attributor}]",
        ),
        "as_of": (gold_as_of == pred_as_of, str(gold_as_of), str(pred_as_of)),
        "is_forecast": (
            bool(gold.get("is_forecast")) == pred.is_forecast,
            str(gold.get("is_forecast")),
            str(pred.is_forecast),
        ),
    }


def evaluate_article(entry: dict[str, Any], gold_path: Path, base_kb: KnowledgeBase) -> FileReport:
    """Score one gold article."""
    article = load_article(entry, gold_path)
    kb = base_kb.with_entities(article.entities)
    published = article.published_at.date() if article.published_at else None
    report = FileReport(name=entry["file"], fields={f: FieldScore() for f in FIELDS})
    preds = [a for claim in article.claims for a in claim.assertions]
    report.predicted = len(preds)
    report.gold = len(entry["assertions"])
    taken: set[int] = set()
    for gold in entry["assertions"]:
        span = _span(article.text, gold["text"], int(gold.get("occurrence", 0)))
        if span is None:
            report.mismatches.append(f"{entry['file']}: gold text not found: {gold['text']!r}")
            continue
        best, best_overlap = -1, 0
        for i, pred in enumerate(preds):
            overlap = min(span[1], pred.end) - max(span[0], pred.start)
            if i not in taken and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best < 0:
            report.mismatches.append(f"{entry['file']}: MISSED {gold['text']!r}")
            continue
        taken.add(best)
        report.matched += 1
        pred = preds[best]
        for name, (ok, want, got) in _field_results(gold, pred, kb, published).items():
            score = report.fields[name]
            score.total += 1
            score.right += int(ok)
            if not ok:
                report.mismatches.append(
                    f"{entry['file']}: {gold['text']!r} {name}: gold={want} got={got}"
                )
    for i, pred in enumerate(preds):
        if i not in taken:
            report.mismatches.append(
                f"{entry['file']}: EXTRA {pred.text!r} ({pred.quantity}, {pred.low}..{pred.high})"
            )
    return report


def evaluate(paths: Iterable[Path]) -> tuple[FileReport, list[FileReport]]:
    """Overall and per-file reports for the gold files at `paths`."""
    kb = KnowledgeBase.shipped()
    overall = FileReport(name="overall", fields={f: FieldScore() for f in FIELDS})
    per_file: list[FileReport] = []
    for path in paths:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:  # a gold file being written: say so, score the rest
            print(f"{path}: unreadable gold ({error}); skipped", file=sys.stderr)
            continue
        name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        file_report = FileReport(name=name, fields={})
        for entry in gold["articles"]:
            file_report.absorb(evaluate_article(entry, path, kb))
        per_file.append(file_report)
        overall.absorb(file_report)
    return overall, per_file


def default_gold() -> list[Path]:
    """The seeds gold plus every corpus gold file."""
    paths = [ROOT / "tests" / "gold" / "seeds_extraction.json"]
    paths.extend(sorted((ROOT / "tests" / "gold" / "corpus").glob("*.json")))
    return [p for p in paths if p.is_file()]


def _print(report: FileReport) -> None:
    fields = "  ".join(f"{name}={score.accuracy:.3f}" for name, score in report.fields.items())
    print(
        f"{report.name}: gold={report.gold} predicted={report.predicted} "
        f"matched={report.matched} P={report.precision():.3f} R={report.recall():.3f} "
        f"F1={report.f1():.3f}"
    )
    print(f"    {fields}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gold", action="append", type=Path, help="gold file (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="list every mismatch")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.gold] if args.gold else default_gold()
    overall, per_file = evaluate(paths)
    for report in per_file:
        _print(report)
        if args.verbose:
            for line in report.mismatches:
                print(f"    - {line}")
    _print(overall)
    return 0


if __name__ == "__main__":
    sys.exit(main())
