"""Sources of statements: reporting verbs, titles, appositives, pronouns, inheritance."""

from __future__ import annotations

from service.domain.attribution import Attribution, attribution_for, find_attributions
from service.domain.entities import find_entities
from service.domain.knowledge import KnowledgeBase
from service.domain.model import Entity


def _events(text: str, last_person: Attribution | None = None) -> list[Attribution]:
    kb = KnowledgeBase.shipped()
    finding = find_entities(text, kb)
    local = kb.with_entities(finding.discovered)
    entities: dict[str, Entity] = {}
    for m in finding.mentions:
        entity = local.get(m.key)
        if entity is not None:
            entities[m.key] = entity
    mentions = [m for m in finding.mentions if m.key in entities]
    return find_attributions(text, 0, len(text), mentions, entities, last_person)


def test_spokesperson_speaks_for_the_body_in_their_title() -> None:
    text = (
        "At a briefing, deputy Pentagon press secretary Sabrina Singh revised the number "
        "of troops up to 10,000."
    )
    [event] = _events(text)
    assert event.name == "Sabrina Singh"
    assert event.attributor == "us-department-of-defense"


def test_quote_followed_by_name_and_verb() -> None:
    text = "“Putin is unable to sustain his assault,” Mark Rutte said on Monday."
    events = _events(text)
    assert [e.name for e in events] == ["Mark Rutte"]
    assert events[0].attributor == events[0].speaker_key


def test_according_to_names_the_body() -> None:
    text = "According to Ukrainian intelligence, about 12,000 soldiers were sent."
    [event] = _events(text)
    assert event.name == "Ukrainian intelligence"
    assert event.attributor == "ukraine"


def test_appositive_between_source_and_verb_is_skipped() -> None:
    text = (
        "Reports from South Korean intelligence, cited by Bloomberg, suggest that as many "
        "as 10,000 soldiers are training."
    )
    cited, event = _events(text)
    assert cited.attributor == "bloomberg"  # "cited by Bloomberg" relays the reports
    assert event.attributor == "south-korea-nis"
    assert event.name is not None and "South Korean intelligence" in event.name
    assert attribution_for([cited, event], text.index("10,000")) == event


def test_generic_source_gives_no_attribution_and_blocks_a_later_one() -> None:
    text = (
        "An analysis indicates that more than 70,000 soldiers have been killed, while "
        "Volodymyr Zelensky reported that 31,000 soldiers had been killed."
    )
    events = _events(text)
    first = attribution_for(events, text.index("70,000"))
    second = attribution_for(events, text.index("31,000"))
    assert first is None
    assert second is not None and second.name == "Volodymyr Zelensky"


def test_participle_and_nested_generic_sources_inherit_the_named_one() -> None:
    text = (
        "Mark Rutte pointed to the severe toll, noting that over 600,000 soldiers have "
        "been killed or wounded."
    )
    events = _events(text)
    found = attribution_for(events, text.index("600,000"))
    assert found is not None and found.name == "Mark Rutte"
    nested = (
        "Volodymyr Zelensky said that Kyiv has intelligence suggesting that Russia is "
        "training two units."
    )
    events = _events(nested)
    found = attribution_for(events, nested.index("two"))
    assert found is not None and found.name == "Volodymyr Zelensky"


def test_pronoun_resolves_to_the_last_person() -> None:
    previous = Attribution(0, 4, "Mark Rutte", "nato", "mark-rutte", ("mark-rutte",))
    text = "“NATO calls on Russia to halt these escalations,” he said."
    [event] = _events(text, last_person=previous)
    assert event.name == "Mark Rutte"
    assert event.start == text.index("said")


def test_trailing_source_governs_figures_before_it() -> None:
    text = "More than 1,200 people were killed, the interior ministry said."
    events = _events(text)
    found = attribution_for(events, text.index("1,200"))
    assert found is not None and found.name == "interior ministry"


def test_no_verb_no_attribution() -> None:
    assert _events("North Korean troops in Kursk.") == []


def test_closing_source_reports_a_figure_recorded_by_another() -> None:
    text = "Malawi has recorded more than 4,800 cases since January, the WHO said."
    events = _events(text)
    found = attribution_for(events, text.index("4,800"))
    assert found is not None and found.name is not None and "WHO" in found.name


def test_verbs_with_a_plain_object_are_not_reporting() -> None:
    text = "Employers added 64,000 jobs in November."
    assert _events(text) == []


def test_untitled_adjective_participle_is_not_a_source() -> None:
    text = "The confirmed deployment of 500 troops has raised alarms."
    assert _events(text) == []


def test_unrecognised_person_with_a_title_speaks_for_the_body() -> None:
    text = "Cal Fire battalion chief Aaron Metz said 40 homes were destroyed."
    [event] = _events(text)
    assert event.name == "Aaron Metz"
    assert event.attributor is not None


def test_a_later_clause_source_does_not_claim_an_earlier_figure() -> None:
    text = (
        "Tens of thousands of people rallied on Monday, a day after the election "
        "commission said the ruling party had won 54% of the vote."
    )
    events = _events(text)
    assert attribution_for(events, text.index("Tens")) is None
    found = attribution_for(events, text.index("54%"))
    assert found is not None and found.name == "election commission"


def test_according_to_after_the_figure_scopes_the_sentence() -> None:
    text = "The fire had burned 4,800 acres by Tuesday night, according to Cal Fire."
    events = _events(text)
    found = attribution_for(events, text.index("4,800"))
    assert found is not None and found.name == "Cal Fire"
