"""Who says so: speakers of sentences and the sources figures are attributed to.

An attribution is found from a reporting verb ("said", "told", "estimates", "according to" ...)
and the noun phrase before it (or after it, for "said Rutte" and "according to X"). The noun
phrase is read right to left over capitalised words, entity mentions and a closed list of title
and institution words ("deputy Pentagon press secretary Sabrina Singh"), skipping one comma-
delimited appositive ("Reports from X, cited by Y, suggest"). It is then resolved against the
entity mentions inside it:
- a person: `name` is the person's canonical name; `attributor` is the organisation named in the
  person's title when there is one (a Pentagon spokeswoman speaks for the Pentagon), else the
  person's own key;
- an organisation or a country: `name` is the phrase as written (without articles or "reports
  from"), `attributor` the organisation's key (else the country's);
- no entity: only a phrase naming people who speak ("unnamed officials") keeps a `name`; bare
  "reports" or "an analysis" give no attribution, and a participle clause ("..., noting that")
  inherits the attribution before it in the sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

from service.domain.attribution_scope import (
    antecedent,
    attribution_for,
    last_named,
    same_sentence_source,
)
from service.domain.attribution_types import Attribution
from service.domain.model import Entity, EntityMention
from service.domain.report_cues import (
    data_before_aside,
    data_from,
    opens_figure,
    through_acronym,
)
from service.domain.source_names import resolve_phrase, with_foreign_acronym
from service.domain.source_nouns import (
    MODIFIER_COUNT,
    POSSESSIVE_ENDINGS,
    has_modifier_count,
    has_possessive_count,
    is_place,
    is_plural_possessive,
    modifier_counts,
    named_data_source,
    names_body_of_place,
    possessive_counts,
    through_plural_possessives,
)
from service.domain.source_phrases import (
    NOUN_LIKE_VERBS,
    Token,
    after_possessive,
    by_after,
    is_organisation_reference,
    is_reporting_word,
    names_someone,
    opens_own_clause,
    revises_a_count,
    revising_verb_before,
    source_span_after,
    source_span_before,
    tokenize,
)
from service.domain.source_words import (
    ANAPHORIC_NOUNS,
    ARTICLES,
    COMMITMENT_VERBS,
    COUNTING_VERBS,
    DATA_NOUNS,
    NOUN_FIRST_VERBS,
    NP_WORDS,
    OBJECT_VERBS,
    PARTICIPLE_VERBS,
    PASSIVE_ONLY,
    POSSESSIVE_PRONOUNS,
    PRONOUNS_BODY,
    PRONOUNS_PERSON,
    REPORT_VERB_HEADS,
    REVISING_VERBS,
    SHOW_VERBS,
    SKIP_BEFORE_VERB,
    SPEAKER_NOUNS,
    SPEECH,
    SPOKESPEOPLE,
    TRAILING_MARKS,
    VERB,
)
from service.domain.word_scan import inner_word_starts, matches_at_tokens, matches_inside_words

# Token, tokenize and the phrase tests are re-exported: other modules read sources from here.
__all__ = [
    "Attribution",
    "Token",
    "attribution_for",
    "find_attributions",
    "is_organisation_reference",
    "is_reporting_word",
    "tokenize",
]


# Participles that follow a figure they qualify ("a 0.8% decline expected").
_EXPECTATION_PARTICIPLES = frozenset(
    {"expected", "forecast", "projected", "estimated", "predicted"}
)
# "the ski patrol, which said": a relative clause whose speaker is the noun before it.
RELATIVE_PRONOUNS = frozenset({"which", "who"})


def find_attributions(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[EntityMention],
    entities: Mapping[str, Entity],
    last_person: Attribution | None = None,
    last_body: Attribution | None = None,
    tokens: list[Token] | None = None,
) -> list[Attribution]:
    """Every reporting event in `text[start:end]`, in order, resolved to its source.

    `mentions` are the entity mentions of the sentence; `last_person`/`last_body` resolve "he
    said" / "it said" to the previous source of that kind in the article.
    """
    if tokens is None:
        # untokenised (no figure): tokenising costs more than the scans that can spare it
        if (
            VERB.search(text, start, end) is None
            and MODIFIER_COUNT.search(text, start, end) is None
            and not has_possessive_count(text, start, end)
        ):
            return []
        tokens = tokenize(text, start, end)
    # the verbs and figure nouns are tried only where a word of theirs starts (`word_scan`)
    inner = inner_word_starts(text, start, end)
    verbs = matches_at_tokens(VERB, REPORT_VERB_HEADS, text, tokens, end, inner)
    modifier_count = has_modifier_count(text, tokens, end, inner)
    if (
        not verbs
        and not modifier_count
        and not matches_inside_words(VERB, text, end, inner)
        and not has_possessive_count(text, start, end)
    ):
        return []
    covered: set[int] = set()
    if mentions:
        starts = [t.start for t in tokens]
        for m in mentions:
            at = bisect.bisect_left(starts, m.start)
            while at < len(tokens) and tokens[at].start < m.end:
                covered.add(tokens[at].start)
                at += 1
    events: list[Attribution] = []
    for i, match in verbs:
        verb = match.group()
        inverted = False  # "“...,” said police spokesman Jean Dupont"
        by_at = by_after(tokens, i) if verb.endswith("ed") or verb in PASSIVE_ONLY else -1
        passive = by_at > 0
        if verb in PASSIVE_ONLY and not passive:
            continue  # "released 12 prisoners": a source only as "released by X"
        if verb in REVISING_VERBS and not revises_a_count(tokens, i):
            continue  # "raised $5m", "updated its app": not a report
        if verb in NOUN_FIRST_VERBS and not (
            opens_figure(tokens, i + 1) or (i + 1 < len(tokens) and tokens[i + 1].lower == "that")
        ):
            continue  # "the report", "an insurance claim": nouns
        if verb in COUNTING_VERBS and not opens_figure(tokens, i + 1):
            continue  # "vote counts show 52%": a noun; "the institute counts 61,500": a report
        if verb in NOUN_LIKE_VERBS and after_possessive(tokens, i, covered):
            # "raised its full-year profit forecast": a noun, not a report; but the body that
            # raised it is the source of the figure it now gives
            i = revising_verb_before(tokens, i)
            if i < 1:
                continue
        if passive and verb in COMMITMENT_VERBS:
            continue
        cited = (-1, -1)
        if verb == "citing":
            at = i + 1
            if (
                at + 1 < len(tokens)
                and tokens[at].lower in DATA_NOUNS
                and tokens[at + 1].lower
                in {
                    "from",
                    "by",
                    "of",
                }
            ):
                at += 2  # "citing figures from the health department"
            cited = source_span_after(tokens, at, covered)
        if verb.lower() == "according to":
            lo, hi = source_span_after(tokens, i + 2, covered)
        elif passive:
            # "was reported by the Red Cross", "..., cited by Bloomberg,"; not "recorded by
            # the afternoon"
            lo, hi = through_plural_possessives(
                tokens, source_span_after(tokens, by_at + 1, covered), covered
            )
            if lo < hi and not (
                any(t.start in covered or t.text[:1].isupper() for t in tokens[lo:hi])
                or tokens[hi - 1].lower in SPEAKER_NOUNS | NP_WORDS
            ):
                continue  # a name anywhere: "estimated by the growers' association Asaja"
        elif cited[0] < cited[1] and names_someone(tokens, cited[0], cited[1], at, covered):
            # "..., the AP reported, citing the disaster agency": the cited body is the source
            lo, hi = cited
        else:
            prev = i - 1
            while prev >= 0 and tokens[prev].lower in SKIP_BEFORE_VERB:
                prev -= 1
            if prev >= 0 and tokens[prev].lower in PRONOUNS_PERSON | PRONOUNS_BODY:
                # "The WHO said it had recorded ...": a source earlier in the sentence is
                # nearer than the article's previous one.
                person = tokens[prev].lower in PRONOUNS_PERSON
                source = same_sentence_source(events, entities, person=person) or (
                    last_person if person else last_body
                )
                if source is not None:
                    events.append(
                        source._replace(
                            start=match.start(),
                            end=match.end(),
                            phrase=(-1, -1),
                            verb=verb,
                            trailing=prev > 0 and tokens[prev - 1].text in TRAILING_MARKS,
                        )
                    )
                continue
            nxt = tokens[i + 1].text if i + 1 < len(tokens) else "."
            if (
                verb in OBJECT_VERBS
                and nxt not in TRAILING_MARKS | {"that", ".", ":"}
                and not (prev >= 0 and verb in SHOW_VERBS and tokens[prev].lower in DATA_NOUNS)
                and not (verb in SHOW_VERBS and data_from(tokens, prev, covered))
                and not (verb in SHOW_VERBS and data_before_aside(tokens, prev))
            ):
                continue  # "employers added 64,000 jobs": not a reporting verb
            if verb in PARTICIPLE_VERBS and prev >= 0 and tokens[prev].text == ",":
                lo, hi = i, i  # "..., noting that": the sentence's named source stands
            else:
                lo, hi = through_plural_possessives(
                    tokens, source_span_before(tokens, i - 1, covered), covered
                )
                if (
                    lo == hi
                    and prev >= 2
                    and tokens[prev].lower in RELATIVE_PRONOUNS
                    and tokens[prev - 1].text == ","
                ):
                    # "the ski patrol, which said ...": the noun before the clause speaks
                    lo, hi = through_plural_possessives(
                        tokens, source_span_before(tokens, prev - 2, covered), covered
                    )
            if (
                lo == hi
                and prev >= 0
                and tokens[prev].lower in {"and", "but"}
                and (outer := last_named(events)) is not None
            ):
                # "Fire officials expect 70%, but warned that ...": the same speakers
                events.append(
                    outer._replace(start=match.start(), end=match.end(), phrase=(-1, -1), verb=verb)
                )
                continue
            if lo == hi and verb in {"said", "says", "added", "told", "wrote"}:
                lo, hi = source_span_after(tokens, i + 1, covered)  # "..., said Rutte"
                inverted = i > 0 and tokens[i - 1].text in TRAILING_MARKS
                if lo < hi and not names_someone(tokens, lo, hi, i + 1, covered):
                    lo = hi  # "Inc. said revenue rose": a clause, not a source
        if lo < hi and all(t.lower in ARTICLES for t in tokens[lo:hi]):
            continue  # "the confirmed deployment": an adjective, not a reporting verb
        if (
            0 < lo < hi
            and not passive
            and (verb in _EXPECTATION_PARTICIPLES or tokens[lo].text[:1].islower())
            and (tokens[lo - 1].text == "%" or any(c.isdigit() for c in tokens[lo - 1].text))
        ):
            # "a 0.8% decline expected in a poll": the figure's participle; "a survey of 2,104
            # adults ... put Labour on 31%": the figure's noun. Neither names a source.
            continue
        if lo < hi:
            name, attributor, key, keys = resolve_phrase(
                text, tokens[lo].start, tokens[hi - 1].end, mentions, entities
            )
            if name is None and attributor is None:
                name = named_data_source(tokens, lo, hi)
            elif is_place(entities, key) and (
                any(is_plural_possessive(tokens, k) for k in range(lo, hi))
                or names_body_of_place(tokens, lo, hi)
            ):
                # "the Confederation of Indonesian Workers' Unions": a body of its own, not
                # the country its name mentions
                attributor, key = None, None  # its keys stay: the place is no actor either
            head = [t for t in tokens[lo:hi] if t.lower not in ARTICLES]
            if attributor is None and len(head) == 1 and head[0].lower in ANAPHORIC_NOUNS:
                body = antecedent(head[0], mentions, entities, last_body)
                if body is not None:
                    name = with_foreign_acronym(body.name, body)  # "the institute"
                    attributor, key, keys = body.key, body.key, (body.key,)
            elif (
                attributor is None
                and len(head) == 2
                and head[0].lower in ANAPHORIC_NOUNS
                and head[1].lower in SPOKESPEOPLE
            ):
                # "a ministry spokesman said": speaks for the ministry named before
                body = antecedent(head[0], mentions, entities, last_body)
                if body is not None:
                    attributor, keys = body.key, (body.key,)
        elif verb not in PARTICIPLE_VERBS:
            continue  # no source phrase: a noun ("further estimates"), not a reporting verb
        else:
            name, attributor, key, keys = None, None, None, ()
        if name is None:
            # "..., noting that" / "X said that Kyiv has intelligence suggesting" / "X stated
            # that his country's intelligence believes": the named source before stands.
            outer = next((e for e in reversed(events) if e.name is not None), None)
            if outer is not None:
                # "The Land Registry's figures, published on Wednesday, showed": the verb
                # reports as its source does, not only the figure its noun owns
                events.append(
                    outer._replace(
                        start=match.start(),
                        end=match.end(),
                        phrase=(-1, -1),
                        verb=verb,
                        owned=False,
                    )
                )
                continue
        outer = last_named(events)
        if (
            outer is not None
            and outer.verb in SPEECH
            and verb not in SPEECH
            and not passive
            and verb != "citing"
            and not opens_own_clause(tokens, lo)
        ):
            # "the WHO said Malawi had recorded 4,800 cases": the speaker's report
            events.append(
                outer._replace(start=match.start(), end=match.end(), phrase=(-1, -1), verb=verb)
            )
            continue
        span = (
            (tokens[lo].start, tokens[through_acronym(tokens, hi) - 1].end) if lo < hi else (-1, -1)
        )
        clause_start = -1
        if passive:
            comma = next((k for k in range(i - 1, -1, -1) if tokens[k].text in {",", ";"}), -1)
            clause_start = tokens[comma + 1].start if comma >= 0 else -1
        # "..., according to X" scopes its whole sentence like a closing "..., X said"
        trailing = (
            passive
            or inverted
            or verb.lower() == "according to"
            or (0 < lo < hi and tokens[lo - 1].text in TRAILING_MARKS)
            or (
                # "..., figures from the property website Homefinder showed"
                2 < lo < hi
                and tokens[lo - 1].lower in {"from", "by"}
                and tokens[lo - 2].lower in DATA_NOUNS
                and tokens[lo - 3].text in TRAILING_MARKS
            )
            or (
                1 < lo < hi
                and tokens[lo - 1].lower in POSSESSIVE_PRONOUNS
                and tokens[lo - 2].text in TRAILING_MARKS
            )
        )
        events.append(
            Attribution(
                match.start(),
                match.end(),
                name,
                attributor,
                key,
                keys,
                span,
                verb,
                trailing,
                passive,
                clause_start,
            )
        )
    if (text.find("'s", start, end) >= 0 or text.find("’s", start, end) >= 0) and any(
        t.text.endswith(POSSESSIVE_ENDINGS) for t in tokens
    ):  # the text test spares the token loop in most sentences
        events.extend(possessive_counts(text, tokens, covered, mentions, entities))
        events.sort(key=lambda e: e.start)
    if modifier_count:
        taken = {e.start for e in events}
        events.extend(
            e
            for e in modifier_counts(text, tokens, covered, mentions, entities)
            if e.start not in taken  # "the CGT estimate of": already read as a verb
        )
        events.sort(key=lambda e: e.start)
    return events
