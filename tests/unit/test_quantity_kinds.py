"""What a later figure means for each kind of quantity (`tolerance.quantity_kind`)."""

from __future__ import annotations

from service.domain.tolerance import quantity_kind


def test_every_change_is_a_level_revised_either_way() -> None:
    # A change is a rate over a period: a later estimate outdates it up or down, so a lower
    # later "decline" is a revision, not a tally that cannot fall.
    for name in ("growth", "decline", "revenue growth", "people decline", "share price decline"):
        assert quantity_kind(name) == "level", name


def test_tallies_levels_and_fixed_quantities_keep_their_kinds() -> None:
    assert quantity_kind("deaths") == "tally"
    assert quantity_kind("inflation") == "level"
    assert quantity_kind("missing") == "level"
    assert quantity_kind("magnitude") == "fixed"
    assert quantity_kind("protesters") == "event"
