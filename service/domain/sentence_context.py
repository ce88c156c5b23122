"""One sentence as the figure readers see it: tokens, entity mentions, sources.

Built once per sentence that holds figures; every reader looks up tokens by offset (bisect)
and mentions by position, so the work per figure stays bounded.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence

from service.domain.attribution import Attribution, Token, tokenize
from service.domain.model import Entity, EntityKind, EntityMention
from service.domain.source_words import COMMITMENT_VERBS


def word_set(words: str) -> frozenset[str]:
    """Whitespace-separated words as a set (keeps long word lists readable)."""
    return frozenset(words.split())


FUNCTION_WORDS = word_set(
    """
    the a an in to into from of at on by with for over under near across since during after
    before within per each among between against toward towards through without including
    and or but while that which who whom whose as than if because so is are was were be been
    being has have had will would could can may might must shall should do does did it its
    their his her our your my this these those there here where when then not no also
    already now still reportedly allegedly just only even about around some all both either
    neither nearly almost roughly approximately up down out off most least west
    east north south northwest northeast southwest southeast away ago them us him me whom
    nationwide worldwide overall apiece altogether annually daily monthly weekly yearly
    respectively each total last next previous earlier later yesterday today tomorrow
    tonight via amid amidst despite beyond along throughout upon onto versus
    """
)
# Words that may open a noun phrase before its nouns ("the", "its", "these", "a").
DETERMINERS = word_set("the its their his her our these those a an")


class SentenceContext:
    """What the figures of one sentence share: tokens, mentions, entity kinds, sources."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        mentions: Sequence[EntityMention],
        entities: Mapping[str, Entity],
        sources: Sequence[Attribution],
        contains: Callable[[str, str], bool],
        tokens: list[Token] | None = None,
        country_of: Callable[[str], str | None] | None = None,
        named_countries: frozenset[str] = frozenset(),
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.mentions = mentions
        self.entities = entities
        self.sources = sources
        self.contains = contains
        self.country_of = country_of or (lambda key: None)
        # the countries the article names (itself, a place inside it, or its demonym)
        self.named_countries = named_countries
        self.previous_quantity: str | None = None  # of the figure before, for "from $3bn"
        self.previous_head: str | None = None  # its counted noun as written ("officers")
        self.figure_spans: list[tuple[int, int]] = []  # every figure of the sentence
        # the article's last counted noun, for "its figure of 48,000" opening a paragraph
        self.earlier_noun: str | None = None
        # who pledges or asks a sum both says it and owns it ("the UK pledged £5 million")
        self.source_keys = {
            k for s in sources if s.verb not in COMMITMENT_VERBS for k in s.entity_keys
        }
        self.source_spans = [(s.start, s.end) for s in sources]
        self.tokens = tokens if tokens is not None else tokenize(text, start, end)
        self.token_starts = [t.start for t in self.tokens]
        self.token_ends = [t.end for t in self.tokens]
        # Token start -> the mention covering it: most lookups are at token starts.
        self._token_start_set = set(self.token_starts)
        self._at_token: dict[int, EntityMention] = {}
        for m in mentions:
            i = bisect.bisect_left(self.token_starts, m.start)
            while i < len(self.tokens) and self.tokens[i].start < m.end:
                self._at_token[self.tokens[i].start] = m
                i += 1

    def tokens_after(self, pos: int, count: int) -> list[Token]:
        """Up to `count` tokens starting at or after `pos`."""
        i = bisect.bisect_left(self.token_starts, pos)
        return self.tokens[i : i + count]

    def tokens_before(self, pos: int, count: int) -> list[Token]:
        """Up to `count` tokens ending at or before `pos`."""
        i = bisect.bisect_right(self.token_ends, pos)
        return self.tokens[max(0, i - count) : i]

    def in_figure(self, pos: int) -> bool:
        """Whether offset `pos` lies inside one of the sentence's figures."""
        return any(lo <= pos < hi for lo, hi in self.figure_spans)

    def kind(self, key: str) -> EntityKind | None:
        """The kind of the entity with this key, None when unknown."""
        entity = self.entities.get(key)
        return entity.kind if entity is not None else None

    def mention_at(self, pos: int) -> EntityMention | None:
        """The entity mention covering offset `pos`, if any."""
        found = self._at_token.get(pos)
        if found is not None or pos in self._token_start_set:
            return found  # a token start: covered by a mention or by none
        for m in self.mentions:
            if m.start <= pos < m.end:
                return m
        return None
