"""The shipped knowledge file's schema (`data/entities.json`), as msgspec decodes it.

Kept out of the native build (see `__init__.py`): mypyc erases the generic annotations
(`list[RawEntity]`, `str | None`) that msgspec decodes by.
"""

from __future__ import annotations

import msgspec

from service.domain.model import EntityKind


class RawEntity(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    demonyms: tuple[str, ...] = ()


# One alias-index row as shipped: normalised alias, key, acronym form, flags (1 = demonym,
# 2 = written in lowercase). Shipping the index saves normalising every alias at start-up.
IndexRow = tuple[str, str, str | None, int]


class RawKb(msgspec.Struct, frozen=True, kw_only=True):
    version: str = msgspec.field(name="KB_VERSION")
    entities: list[RawEntity]
    # The index is only used when it was built by the same normaliser as this code.
    normalizer: int = 0
    index: list[IndexRow] = []
