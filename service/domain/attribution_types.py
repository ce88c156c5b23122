"""The reporting event a figure's source is read from (kept apart so the readers of sources
with and without a verb share it)."""

from __future__ import annotations

from typing import NamedTuple


class Attribution(NamedTuple):
    """A reporting event: the verb's offsets and whom it attributes to."""

    start: int  # of the verb (or of "according to")
    end: int
    name: str | None  # display name of the source, None when unknown
    attributor: str | None  # entity key of the body the source speaks for
    speaker_key: str | None  # entity key of the source itself (person or body)
    entity_keys: tuple[str, ...]  # every entity mentioned in the source phrase
    phrase: tuple[int, int] = (-1, -1)  # offsets of the source phrase in this sentence
    verb: str = ""
    # "..., the ministry said": a source after a comma or a quote speaks for the sentence
    trailing: bool = False
    # "the 2.0% cited by the ministry": a participle with its source after "by"
    passive: bool = False
    # a passive participle names the source of the figures after this offset only (its own
    # clause): in "31, up from the 29 given by police" it is police's 29, not the 31
    clause_start: int = -1
    # "the police figure of 41", "the ministry's count of": a source owning a figure noun,
    # which names the figure right after it only
    owned: bool = False
