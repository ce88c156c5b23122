"""A small map of places for the grouping tests: each place's country and its parent."""

from __future__ import annotations

from collections.abc import Mapping


class PlaceTree:
    """`country_of` and `contains` as the knowledge base gives them, from two mappings."""

    def __init__(self, country: Mapping[str, str], parent: Mapping[str, str]) -> None:
        self._country = country
        self._parent = parent

    def country_of(self, key: str) -> str | None:
        return self._country.get(key)

    def contains(self, outer: str, inner: str) -> bool:
        """Whether `inner` is `outer` or lies inside it, following parents."""
        key: str | None = inner
        while key is not None:
            if key == outer:
                return True
            key = self._parent.get(key)
        return False
