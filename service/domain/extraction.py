"""Article extraction: cleaned text -> sentences -> entities -> figures -> claims and assertions.

`extract_article` is the one entry point the service layer calls on ingest. Each stage is a
pure function of the previous ones (see the modules named below); this module only wires them
and carries the little state that crosses sentences:
- the last person and body that spoke ("he said" / "it said" resolve to them);
- per paragraph, the last counted noun and the subject of each quantity, so "thousands could
  be deployed" after "10,000 North Korean soldiers" counts North Korean troops (a sentence's
  figures are read in `sentence_figures`);
- a quote sentence without its own reporting verb inherits the speaker of the sentence before
  it in the paragraph (else after it); a "reportedly" sentence inherits the source before it;
- what the whole article is about (`focus`): its dominant place and organisation, used for
  figures that name none ("the company said" also resolves to that organisation).

A claim is a sentence that holds a figure, or that names an entity together with a reporting
or factual verb (headings only when they hold a figure).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence

from service.domain.attribution import (
    Attribution,
    Token,
    find_attributions,
    is_organisation_reference,
    tokenize,
)
from service.domain.attribution_scope import carried_source
from service.domain.cleanup import clean_html, clean_text
from service.domain.companies import company_keys, recognise_companies
from service.domain.currency_context import resolve_currencies
from service.domain.entities import find_entities
from service.domain.focus import (
    Focus,
    dateline_spans,
    principal_event,
    principal_place,
    principal_subject,
)
from service.domain.gatherings import is_protest_story
from service.domain.knowledge import KnowledgeBase
from service.domain.model import (
    Entity,
    EntityKind,
    EntityMention,
    ExtractedArticle,
    ExtractedAssertion,
    ExtractedClaim,
    NumberMention,
)
from service.domain.numbers import find_numbers
from service.domain.place_references import place_references
from service.domain.reporting_periods import article_period, date_reported_figures
from service.domain.sentence_context import SentenceContext
from service.domain.sentence_figures import ParagraphMemory, sentence_assertions
from service.domain.sentences import SentenceSpan, split_sentences

# Verbs that make a sentence naming an entity a checkable claim even without a figure.
_CLAIM_VERB = re.compile(
    r"\b(?:said|says|told|confirm(?:s|ed)?|report(?:s|ed)|announc(?:es|ed)|estimat(?:es|ed)|"
    r"assess(?:es|ed)|stated|claim(?:s|ed)|noted|warned|acknowledged|admitted|denied|denies|"
    r"accused|killed|kill(?:s|ing)?|died|wounded|injured|deployed|sent|arrived|launched|"
    r"invaded|captured|seized|signed|provided|supplied|destroyed|evacuated|struck|hit|won|"
    r"lost|rose|fell|increased|decreased|declined|approved|rejected|voted|elected|arrested|"
    r"pledged|agreed|spotted|stationed|trained|training|according to)\b"
)
_QUOTES = ("“", "”", '"')
_HEARSAY = re.compile(r"\b(?:reportedly|allegedly|purportedly)\b")
_MAX_FIGURES_PER_SENTENCE = 200
_PLACE_KINDS = frozenset({EntityKind.COUNTRY, EntityKind.PLACE})


def _inside_mention(
    number: NumberMention, mentions: Sequence[EntityMention], starts: Sequence[int]
) -> bool:
    """Whether `number` lies within one of `mentions` (sorted by start; `starts` theirs)."""
    k = bisect.bisect_right(starts, number.start) - 1
    return k >= 0 and mentions[k].start <= number.start and number.end <= mentions[k].end


def _paragraph_breaks(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\n\s*\n", text)]


def _by_sentence(
    sentences: Sequence[SentenceSpan], spans: Sequence[EntityMention | NumberMention]
) -> list[list[int]]:
    """Indices of `spans` (sorted by start) per sentence, by start offset."""
    starts = [s.start for s in sentences]
    out: list[list[int]] = [[] for _ in sentences]
    for i, span in enumerate(spans):
        k = bisect.bisect_right(starts, span.start) - 1
        if 0 <= k < len(sentences) and span.start < sentences[k].end:
            out[k].append(i)
    return out


def extract_article(
    *,
    text: str | None = None,
    html: str | None = None,
    title: str | None = None,
    published_at: dt.datetime | None = None,
    kb: KnowledgeBase | None = None,
) -> ExtractedArticle:
    """Clean an article (plain `text` or a whole `html` page; exactly one) and extract its
    claims, numeric assertions and entities. Offsets in the result point into its `text`.

    `published_at` resolves relative dates ("on Monday"); for HTML the page's own metadata
    fills a missing title, author or publication time. `kb` defaults to the shipped
    knowledge base; entities discovered in the text are returned in `entities`.
    """
    if (text is None) == (html is None):
        raise ValueError("pass exactly one of text or html")
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    if html is not None:
        page = clean_html(html)
        cleaned = page.text
        title = title or page.title
        author = page.author
        published_at = published_at or page.published_at
        publisher, url = page.publisher, page.url
    else:
        cleaned = clean_text(text or "")
    base_kb = kb if kb is not None else KnowledgeBase.shipped()
    published = published_at.date() if published_at is not None else None

    sentences = split_sentences(cleaned)
    finding = recognise_companies(cleaned, find_entities(cleaned, base_kb), base_kb)
    # Discovered entities are looked up beside the shipped ones: merging them into a new
    # knowledge base would re-index every alias on each article.
    discovered = {e.key: e for e in finding.discovered}

    def entity_of(key: str) -> Entity | None:
        return discovered.get(key) or base_kb.get(key)

    def contains(outer: str, inner: str) -> bool:
        seen: set[str] = set()
        key: str | None = inner
        while key is not None and key not in seen:
            if key == outer:
                return True
            seen.add(key)
            entity = entity_of(key)
            key = entity.parent if entity is not None else None
        return False

    def country_of(key: str) -> str | None:
        # The country of a national body (its parent is a country); a state or city agency
        # reports on something more local than its country.
        entity = entity_of(key)
        parent = entity_of(entity.parent) if entity is not None and entity.parent else None
        return parent.key if parent is not None and parent.kind is EntityKind.COUNTRY else None

    def home_country(key: str) -> str | None:
        # a discovered body ("Kenya's Treasury") is in its parent's country
        entity = discovered.get(key)
        return base_kb.country_of(entity.parent if entity is not None and entity.parent else key)

    mentions = sorted(finding.mentions, key=lambda m: m.start)
    numbers = sorted(find_numbers(cleaned), key=lambda n: n.start)
    entities: dict[str, Entity] = {}
    for m in mentions:
        if m.key not in entities:
            entity = entity_of(m.key)
            if entity is not None:
                entities[m.key] = entity
    mentions = [m for m in mentions if m.key in entities]
    named_countries = frozenset(
        c
        for c in (home_country(m.key) for m in mentions if entities[m.key].kind in _PLACE_KINDS)
        if c is not None
    )
    # a figure inside a name is part of the name ("the Nikkei 225", "the CAC 40")
    mention_starts = [m.start for m in mentions]
    numbers = [n for n in numbers if not _inside_mention(n, mentions, mention_starts)]
    # "3 billion crowns", "12 cents": the currency the story's own codes and countries say
    numbers = resolve_currencies(
        numbers, [c for m in mentions if (c := home_country(m.key)) is not None]
    )
    mentions_by = _by_sentence(sentences, mentions)
    numbers_by = _by_sentence(sentences, numbers)
    breaks = _paragraph_breaks(cleaned)
    paragraph_of = [bisect.bisect_right(breaks, s.start) for s in sentences]

    # Pass 1: sources of every sentence (pronouns resolve to the last person/body).
    events_by: list[list[Attribution]] = []
    tokens_by: list[list[Token] | None] = []
    last_person: Attribution | None = None
    last_body: Attribution | None = None
    for k, sentence in enumerate(sentences):
        sent_mentions = [mentions[i] for i in mentions_by[k]]
        tokens = tokenize(cleaned, sentence.start, sentence.end) if numbers_by[k] else None
        tokens_by.append(tokens)
        if not (tokens or sent_mentions or any(q in sentence.text for q in _QUOTES)):
            # No figure, no entity, no quote: its sources could serve no claim.
            events_by.append([])
            continue
        events = find_attributions(
            cleaned,
            sentence.start,
            sentence.end,
            sent_mentions,
            entities,
            last_person,
            last_body,
            tokens,
        )
        for event in events:
            if event.speaker_key is not None and event.speaker_key in entities:
                if entities[event.speaker_key].kind is EntityKind.PERSON:
                    last_person = event
                else:
                    last_body = event
        events_by.append(events)
    inherited = _inherited_sources(sentences, events_by, paragraph_of)

    claims: list[ExtractedClaim] = []
    used: set[str] = set()
    memory = ParagraphMemory()
    lead_end = sentences[min(2, len(sentences) - 1)].end if sentences else 0
    datelines = dateline_spans(cleaned)
    demonyms = frozenset(finding.mentions[i].start for i in finding.demonym_indexes)
    period = article_period(title, sentences, published)
    companies = company_keys(mentions, entity_of, cleaned)
    focus = Focus(
        place=principal_place(mentions, entity_of, lead_end, base_kb, datelines, cleaned, demonyms),
        subject=principal_subject(
            mentions, entity_of, lead_end, events_by, datelines, cleaned, companies
        ),
        event=principal_event(mentions, entity_of, lead_end),
        companies=companies,
        protest=is_protest_story(cleaned),
    )
    if (
        focus.subject is not None
        and focus.place is not None
        and not contains(focus.place, focus.subject)
    ):
        # A company's article: its figures are its own, wherever its offices are.
        focus = focus._replace(place=None)
    if focus.subject is not None and focus.subject in entities:
        # "the company said", "the U.S. chipmaker reported": the article's organisation
        owner = entities[focus.subject]
        events_by = [
            [
                e._replace(name=owner.name, attributor=owner.key, speaker_key=owner.key)
                if e.speaker_key is None and is_organisation_reference(e.name)
                else e
                for e in events
            ]
            for events in events_by
        ]
        inherited = _inherited_sources(sentences, events_by, paragraph_of)
    # "on the island", "the city's": the place named before, for the figures' places
    references = place_references(cleaned, mentions, entities, datelines)
    references_by = _by_sentence(sentences, references)
    for k, sentence in enumerate(sentences):
        sent_mentions = [mentions[i] for i in mentions_by[k]]
        events = events_by[k]
        figures = [numbers[i] for i in numbers_by[k]][:_MAX_FIGURES_PER_SENTENCE]
        assertions: list[ExtractedAssertion] = []
        if figures:
            # a dateline's place or agency ("(Reuters) -") is nobody's actor or place
            figure_mentions = (
                [m for m in sent_mentions if not any(lo <= m.start < hi for lo, hi in datelines)]
                if datelines
                else sent_mentions
            )
            if references_by[k]:
                figure_mentions = sorted(
                    [*figure_mentions, *(references[i] for i in references_by[k])],
                    key=lambda m: m.start,
                )
            ctx = SentenceContext(
                cleaned,
                sentence.start,
                sentence.end,
                figure_mentions,
                entities,
                events,
                contains,
                tokens_by[k],
                country_of,
                named_countries,
            )
            assertions = sentence_assertions(
                ctx, sentence, figures, paragraph_of[k], memory, inherited[k], published, focus
            )
            assertions = date_reported_figures(
                cleaned, (sentence.start, sentence.end), assertions, period, published
            )
        speaker = next((e for e in events if e.name is not None), None) or inherited[k]
        if not assertions and (
            sentence.is_heading or not sent_mentions or not _CLAIM_VERB.search(sentence.text)
        ):
            continue
        keys = list(dict.fromkeys(m.key for m in sent_mentions))
        if speaker is not None:
            keys.extend(key for key in speaker.entity_keys if key not in keys)
        for a in assertions:
            for key in (a.subject, a.location, a.attributor):
                if key is None or key in keys:
                    continue
                if key not in entities:
                    # A key reached through the knowledge base (an organisation's country)
                    # is returned too, so every key an assertion holds can be resolved.
                    entity = entity_of(key)
                    if entity is None:
                        continue
                    entities[key] = entity
                keys.append(key)
        used.update(keys)
        claims.append(
            ExtractedClaim(
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                speaker=speaker.name if speaker is not None else None,
                entities=tuple(keys),
                assertions=tuple(assertions),
            )
        )
    return ExtractedArticle(
        text=cleaned,
        title=title,
        author=author,
        published_at=published_at,
        claims=tuple(claims),
        entities=tuple(entities[key] for key in entities if key in used),
        publisher=publisher,
        url=url,
    )


def _inherited_sources(
    sentences: Sequence[SentenceSpan],
    events_by: Sequence[Sequence[Attribution]],
    paragraph_of: Sequence[int],
) -> list[Attribution | None]:
    """For sentences with no named source of their own: the source a quote or a "reportedly"
    sentence inherits from its neighbours in the same paragraph."""

    def named(k: int) -> Attribution | None:
        return next((e for e in events_by[k] if e.name is not None), None)

    out: list[Attribution | None] = [None] * len(sentences)
    for k, sentence in enumerate(sentences):
        if named(k) is not None or events_by[k]:
            continue
        quote = any(q in sentence.text for q in _QUOTES)
        # every hearsay adverb ends in "edly": most sentences need no search
        hearsay = "edly" in sentence.text and _HEARSAY.search(sentence.text) is not None
        if not (quote or hearsay):
            if k > 0 and paragraph_of[k - 1] == paragraph_of[k]:
                out[k] = carried_source(events_by[k - 1])
            continue
        if k > 0 and paragraph_of[k - 1] == paragraph_of[k]:
            out[k] = named(k - 1) or out[k - 1]
        if (
            out[k] is None
            and quote
            and k + 1 < len(sentences)
            and paragraph_of[k + 1] == paragraph_of[k]
        ):
            out[k] = named(k + 1)
    return out
