"""Names the knowledge base and discovery must read: numbered market indexes, trade unions,
"The Central Bank of <country>", first-level regions by their English names, islands, towns."""

from __future__ import annotations

import pytest

from service.domain.entities import find_entities
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase
from service.domain.model import EntityKind


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.shipped()


def _mentions(text: str, kb: KnowledgeBase) -> dict[str, str]:
    return {text[m.start : m.end]: m.key for m in find_entities(text, kb).mentions}


def test_each_numbered_index_is_its_own_entity(kb: KnowledgeBase) -> None:
    text = (
        "The FTSE 250 fell 2% and the FTSE 100 rose, as did the S&P 500, the Nikkei 225, the "
        "Euro Stoxx 50, the Stoxx 600, the CAC 40 and the DAX 40."
    )
    found = _mentions(text, kb)
    assert found["FTSE 250"] == "ftse-250"
    assert found["FTSE 100"] == "ftse-100"
    assert found["Euro Stoxx 50"] == "euro-stoxx-50"
    assert found["CAC 40"] == "cac-40"
    assert found["DAX 40"] == "dax"
    assert found["Nikkei 225"] == "nikkei"
    assert found["Stoxx 600"] == "stoxx-600"
    # the number in an index's name is never a figure: only the 2% is
    article = extract_article(text=text)
    assert [a.text for c in article.claims for a in c.assertions] == ["2%"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Members of Unite voted to strike, Unite said.", "Unite", "united-kingdom"),
        ("The GMB said its members would walk out.", "GMB", "united-kingdom"),
        ("The RMT called a new strike on Monday.", "RMT", "united-kingdom"),
        ("Spanish unions UGT and CCOO called a general strike.", "UGT", "spain"),
        ("IG Metall said the deal covered 3.9 million workers.", "IG Metall", "germany"),
        ("The union ver.di called out airport staff.", "ver.di", "germany"),
    ],
)
def test_trade_unions_are_organisations_of_their_country(
    kb: KnowledgeBase, text: str, name: str, country: str
) -> None:
    key = _mentions(text, kb)[name]
    entity = kb.get(key)
    assert entity is not None and entity.kind is EntityKind.ORGANIZATION
    assert kb.country_of(key) == country


@pytest.mark.parametrize(
    "text",
    [
        "The Central Bank of Kenya cut its rate to 9.5% on Monday.",
        "Analysts said The Central Bank of Kenya would cut rates.",
        "Markets rallied after the Central Bank of Kenya cut rates.",
    ],
)
def test_central_bank_of_a_country_is_that_countrys_bank(kb: KnowledgeBase, text: str) -> None:
    finding = find_entities(text, kb)
    (bank,) = [m for m in finding.mentions if "Central Bank" in m.text]
    assert bank.text.endswith("Central Bank of Kenya")
    entity = next(e for e in finding.discovered if e.key == bank.key)
    assert (entity.kind, entity.parent) == (EntityKind.ORGANIZATION, "kenya")


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Crete", "greece"),
        ("Attica", "greece"),
        ("Silesia", "poland"),
        ("Kent", "united-kingdom"),
        ("Dover", "united-kingdom"),
        ("Lampedusa", "italy"),
        ("Styria", "austria"),
        ("Flanders", "belgium"),
    ],
)
def test_regions_islands_and_towns_are_places_of_their_country(
    kb: KnowledgeBase, name: str, country: str
) -> None:
    entity = kb.lookup(name)
    assert entity is not None and entity.kind is EntityKind.PLACE
    assert kb.country_of(entity.key) == country


@pytest.mark.parametrize(
    "word", ["Northwest", "Reading", "March", "Central", "Camden Town", "Obama", "Nokia", "Honda"]
)
def test_words_namesakes_and_city_districts_do_not_become_places(
    kb: KnowledgeBase, word: str
) -> None:
    entity = kb.lookup(word)
    assert entity is None or entity.kind is not EntityKind.PLACE


def test_a_known_town_before_road_names_another_place(kb: KnowledgeBase) -> None:
    text = "The train left the tracks near Jajpur Road on Saturday, police in Jajpur said."
    finding = find_entities(text, kb)
    found = {m.text: m.key for m in finding.mentions}
    assert "Jajpur Road" in found
    assert found["Jajpur Road"] != found["Jajpur"]
    road = next(e for e in finding.discovered if e.key == found["Jajpur Road"])
    assert road.kind is EntityKind.PLACE


def test_two_regions_named_alike_in_the_lead_leave_the_story_in_the_country() -> None:
    article = extract_article(
        text=(
            "ATHENS (Meridian) - Temperatures in Athens reached 43C on Tuesday, Greece's "
            "weather service said.\n\nHospitals in the Attica region treated 312 people, and a "
            "hiker died on the island of Crete.\n\nFirefighters battled 46 wildfires across "
            "the country on Tuesday, the fire service said."
        )
    )
    wildfires = next(a for c in article.claims for a in c.assertions if "46" in a.text)
    assert wildfires.location == "greece"


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("The SIPTU union said 3,000 members would strike.", "SIPTU"),
        ("Talks failed, and the EIS said pay was too low.", "EIS"),
    ],
)
def test_an_unknown_acronym_before_union_or_speaking_is_an_organisation(
    kb: KnowledgeBase, text: str, acronym: str
) -> None:
    finding = find_entities(text, kb)
    (mention,) = [m for m in finding.mentions if m.text == acronym]
    entity = next(e for e in finding.discovered if e.key == mention.key)
    assert (entity.name, entity.kind) == (acronym, EntityKind.ORGANIZATION)


@pytest.mark.parametrize("text", ["The GDP figure rose.", "Analysts said the CEO said little."])
def test_an_acronym_elsewhere_stays_unread(kb: KnowledgeBase, text: str) -> None:
    assert find_entities(text, kb).discovered == []


def test_a_known_province_before_provincial_owns_the_body(kb: KnowledgeBase) -> None:
    text = "The Banten provincial disaster management agency said 12 people died in Tangerang."
    finding = find_entities(text, kb)
    (body,) = [m for m in finding.mentions if "agency" in m.text]
    assert body.text == "Banten provincial disaster management agency"
    entity = next(e for e in finding.discovered if e.key == body.key)
    assert kb.country_of(entity.parent or "") == "indonesia"


def test_a_place_name_ending_with_a_known_town_is_a_place(kb: KnowledgeBase) -> None:
    finding = find_entities("Gandhi won in Rae Bareli, and Modi held Varanasi.", kb)
    (mention,) = [m for m in finding.mentions if m.text == "Rae Bareli"]
    entity = next(e for e in finding.discovered if e.key == mention.key)
    assert entity.kind is EntityKind.PLACE
