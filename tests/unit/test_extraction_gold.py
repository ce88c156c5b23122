"""Extraction quality on the hand-checked seed gold, computed by bench.quality_extraction."""

from __future__ import annotations

from pathlib import Path

from bench.quality_extraction import ROOT, evaluate

SEED_GOLD = ROOT / "tests" / "gold" / "seeds_extraction.json"
CORPUS_GOLD = sorted((ROOT / "tests" / "gold" / "corpus").glob("*.json"))


def test_seed_detection_and_values_meet_targets() -> None:
    overall, _ = evaluate([SEED_GOLD])
    assert overall.gold >= 20
    assert overall.f1() >= 0.95, overall.mismatches
    assert overall.fields["value"].accuracy >= 0.95, overall.mismatches


def test_seed_fields_stay_accurate() -> None:
    overall, _ = evaluate([SEED_GOLD])
    for name in ("quantity", "subject", "location", "attributed_to", "is_forecast"):
        assert overall.fields[name].accuracy >= 0.9, (name, overall.mismatches)


def test_corpus_detection_holds_on_other_topics() -> None:
    paths: list[Path] = [p for p in CORPUS_GOLD if p.stat().st_size > 0]
    if not paths:
        return
    overall, _ = evaluate(paths)
    assert overall.f1() >= 0.9, overall.mismatches
    assert overall.fields["value"].accuracy >= 0.9, overall.mismatches
