"""Entity mentions and discovery on the seed articles and on articles about other topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.domain.entities import EntityFinding, find_entities
from service.domain.knowledge import KnowledgeBase, normalize_alias
from service.domain.model import Entity, EntityKind

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# Words that must never come out as discovered entities.
JUNK = {
    "however", "monday", "tuesday", "wednesday", "thursday", "friday", "october", "february",
    "image-source", "image", "source", "the", "read-more", "more-news", "officials", "police",
    "unions", "organisers", "president", "pentagon", "kremlin", "but", "meanwhile",
}  # fmt: skip

QUAKE = """Powerful earthquake kills hundreds in southern Turkey and northern Syria

ANKARA, Turkey (AP) — A magnitude 7.8 earthquake struck southeastern Turkey near the Syrian \
border early Monday, killing at least 1,300 people, officials said.

The U.S. Geological Survey said the quake was centered about 33 kilometers from Gaziantep. \
Turkey's Disaster and Emergency Management Authority (AFAD) said 912 people had died in ten \
provinces, including Kahramanmaras, Hatay and Malatya.

Vice President Fuat Oktay told reporters that 2,818 buildings had collapsed. However, rescue \
teams were still searching for survivors on Tuesday. "We are facing a disaster," Oktay said.

In Syria, the Health Ministry said 237 people were killed in Aleppo, Hama and Latakia. The \
White Helmets, a civil defense group in the rebel-held northwest, said 147 people had died.

President Recep Tayyip Erdogan declared seven days of national mourning. Erdogan said 45 \
countries had offered help. The European Union and NATO pledged rescue teams.
"""

PROTEST = """Tens of thousands march in Paris against pension reform

PARIS (Reuters) - Tens of thousands of people marched in Paris and other French cities on \
Thursday against President Emmanuel Macron's plan to raise the retirement age to 64.

The Interior Ministry said 1.08 million people demonstrated across France. The CGT union, \
however, put the figure at 3.5 million. Police fired tear gas near the Place de la Concorde.

Laurent Berger, head of the moderate CFDT union, said the movement would continue. "We will \
not give up," Berger told France Inter radio. Prime Minister Elisabeth Borne said the \
government would not back down.

Image Source: Getty Images
Read More
"""

MARKETS = """Fed raises rates by a quarter point, signals more hikes ahead

WASHINGTON — The Federal Reserve raised its benchmark interest rate by 25 basis points on \
Wednesday, and Fed Chair Jerome Powell said further increases may be needed.

Stocks fell after the announcement. Powell told reporters that the collapse of Silicon Valley \
Bank had tightened credit conditions. Treasury Secretary Janet Yellen said on Wednesday that \
the banking system was sound. The European Central Bank raised rates last week, and the Bank \
of England is expected to follow. Shares of Brightwell Semiconductor Inc fell 4%, and \
Brightwell Semiconductor said orders were strong.
"""

ELECTION = """India election: Modi's BJP wins third term but loses majority

NEW DELHI, June 4 (Reuters) - Prime Minister Narendra Modi's Bharatiya Janata Party won 240 \
of the 543 seats, falling short of a majority, the Election Commission of India said.

The Indian National Congress won 99 seats. Congress leader Rahul Gandhi said voters had \
rejected Modi's politics, according to Chief Election Commissioner Rajiv Kumar.

In Uttar Pradesh, India's most populous state, the Samajwadi Party won 37 seats. Gandhi won \
in Rae Bareli, and Modi retained his seat in Varanasi.
"""

WILDFIRE = """California wildfire forces 30,000 to evacuate

LOS ANGELES — A fast-moving wildfire in Southern California has burned more than 20,000 \
acres, officials said on Saturday. The fire started near Chico in Butte County, according to \
Cal Fire. Governor Gavin Newsom requested aid from the Federal Emergency Management Agency.

"Conditions remain extremely dangerous," said Cal Fire spokesperson Nick Schuler. Schuler said \
134 structures had been destroyed. Residents of Mzimba and Karonga were not affected.
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.shipped()


def _keys(finding: EntityFinding) -> dict[str, str]:
    """Mention text -> key (last one wins; enough for these checks)."""
    return {m.text: m.key for m in finding.mentions}


def _discovered(finding: EntityFinding, kb: KnowledgeBase) -> dict[str, EntityKind]:
    return {e.name: e.kind for e in finding.discovered if kb.get(e.key) is None}


def _assert_clean(finding: EntityFinding) -> None:
    for entity in finding.discovered:
        assert entity.key not in JUNK, entity
        assert entity.name.split()[0].lower() not in {"the", "however", "image"}, entity
    starts = [m.start for m in finding.mentions]
    assert starts == sorted(starts)
    for a, b in zip(finding.mentions, finding.mentions[1:], strict=False):
        assert a.end <= b.start


def test_seed_north_korea_is_one_entity_under_all_its_names(kb: KnowledgeBase) -> None:
    seen: dict[str, set[str]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        finding = find_entities(path.read_text(encoding="utf-8"), kb)
        _assert_clean(finding)
        for mention in finding.mentions:
            seen.setdefault(mention.text, set()).add(mention.key)
    for name in ("North Korea", "North Korean", "Pyongyang"):
        assert seen[name] == {"north-korea"}, name
    assert seen["Pentagon"] == {"us-department-of-defense"}
    assert seen["US defense department"] == {"us-department-of-defense"}
    assert seen["Kursk region"] == {"kursk"}
    assert seen["Rutte"] == {"mark-rutte"}
    assert kb.contains("russia", "kursk")


def test_seed_titles_are_stripped_and_the_body_stays_a_mention(kb: KnowledgeBase) -> None:
    text = (SEEDS / "000_b392fad49b3b2abe.txt").read_text(encoding="utf-8")
    finding = find_entities(text, kb)
    people = {e.key for e in finding.discovered if e.kind is EntityKind.PERSON}
    assert {"mark-rutte", "sabrina-singh", "vladimir-putin", "volodymyr-zelensky"} <= people
    at = text.index("NATO Secretary General Mark Rutte")
    here = [m for m in finding.mentions if at <= m.start < at + 40]
    assert [(m.text, m.key) for m in here] == [("NATO", "nato"), ("Mark Rutte", "mark-rutte")]
    demonyms = [finding.mentions[i].text for i in finding.demonym_indexes]
    assert "North Korean" in demonyms
    assert "North Korea" not in demonyms


def test_earthquake_in_turkey(kb: KnowledgeBase) -> None:
    finding = find_entities(QUAKE, kb)
    _assert_clean(finding)
    keys = _keys(finding)
    assert keys["Turkey"] == "turkey"
    assert keys["ANKARA"] == "turkey"
    assert keys["AP"] == "associated-press"
    assert keys["U.S. Geological Survey"] == "usgs"
    assert keys["AFAD"] == "afad"
    assert keys["Turkey's Disaster and Emergency Management Authority"] == "afad"
    assert kb.contains("turkey", keys["Gaziantep"])
    assert kb.contains("syria", keys["Aleppo"])
    assert keys["Oktay"] == keys["Fuat Oktay"] == "fuat-oktay"
    assert keys["Erdogan"] == "recep-tayyip-erdogan"
    assert _discovered(finding, kb) == {
        "Fuat Oktay": EntityKind.PERSON,
        "White Helmets": EntityKind.ORGANIZATION,
        "Recep Tayyip Erdogan": EntityKind.PERSON,
        # "In Syria, the Health Ministry said": the ministry of the country named last
        "Syria Health Ministry": EntityKind.ORGANIZATION,
    }


def test_protest_in_paris(kb: KnowledgeBase) -> None:
    finding = find_entities(PROTEST, kb)
    _assert_clean(finding)
    keys = _keys(finding)
    assert keys["Paris"] == keys["PARIS"] == keys["France"] == "france"
    assert keys["Reuters"] == "reuters"
    assert keys["Berger"] == "laurent-berger"
    assert _discovered(finding, kb) == {
        "Emmanuel Macron": EntityKind.PERSON,
        "Place de la Concorde": EntityKind.PLACE,
        "Laurent Berger": EntityKind.PERSON,
        "Elisabeth Borne": EntityKind.PERSON,
        # "The Interior Ministry said" in a story about France
        "France Interior Ministry": EntityKind.ORGANIZATION,
    }


def test_federal_reserve_market_story(kb: KnowledgeBase) -> None:
    finding = find_entities(MARKETS, kb)
    _assert_clean(finding)
    keys = _keys(finding)
    assert keys["Fed"] == keys["Federal Reserve"] == "federal-reserve"
    assert keys["WASHINGTON"] == "united-states"
    assert keys["Powell"] == "jerome-powell"
    assert keys["European Central Bank"] == "european-central-bank"
    assert keys["Bank of England"] == "bank-of-england"
    assert keys["Brightwell Semiconductor Inc"] == keys["Brightwell Semiconductor"]
    assert _discovered(finding, kb) == {
        "Jerome Powell": EntityKind.PERSON,
        "Silicon Valley Bank": EntityKind.ORGANIZATION,
        "Janet Yellen": EntityKind.PERSON,
        "Brightwell Semiconductor": EntityKind.ORGANIZATION,
    }


def test_election_in_india(kb: KnowledgeBase) -> None:
    finding = find_entities(ELECTION, kb)
    _assert_clean(finding)
    keys = _keys(finding)
    assert keys["NEW DELHI"] == "india"
    assert keys["Bharatiya Janata Party"] == keys["BJP"] == "bjp"
    assert keys["Modi"] == "narendra-modi"
    assert keys["Gandhi"] == "rahul-gandhi"
    assert kb.contains("india", keys["Uttar Pradesh"])
    assert kb.contains("india", keys["Varanasi"])
    assert _discovered(finding, kb) == {
        "Narendra Modi": EntityKind.PERSON,
        "Rahul Gandhi": EntityKind.PERSON,
        "Rajiv Kumar": EntityKind.PERSON,
        "Samajwadi Party": EntityKind.ORGANIZATION,
        "Rae Bareli": EntityKind.PLACE,
    }


def test_wildfire_in_california(kb: KnowledgeBase) -> None:
    finding = find_entities(WILDFIRE, kb)
    _assert_clean(finding)
    keys = _keys(finding)
    assert keys["California"] == "california"
    assert keys["LOS ANGELES"] == "los-angeles"
    assert keys["Cal Fire"] == "cal-fire"
    assert keys["Federal Emergency Management Agency"] == "fema"
    assert keys["Schuler"] == "nick-schuler"
    discovered = _discovered(finding, kb)
    assert discovered["Gavin Newsom"] is EntityKind.PERSON
    assert discovered["Nick Schuler"] is EntityKind.PERSON
    assert "Mzimba and Karonga" not in discovered
    assert "Gavin Newsom" in discovered


def test_acronym_definitions_give_one_entity_two_names(kb: KnowledgeBase) -> None:
    text = (
        "The Malawi Red Cross Society (MRCS) sent teams. Later the MRCS said 40 people were "
        "hurt. The Global Flood Observatory (GFO) agreed. GFO data showed the river rising."
    )
    finding = find_entities(text, kb)
    keys = _keys(finding)
    assert keys["GFO"] == keys["Global Flood Observatory"]
    entity = next(e for e in finding.discovered if e.key == keys["GFO"])
    assert entity.aliases == ("GFO",)
    assert entity.kind is EntityKind.ORGANIZATION
    reversed_form = find_entities("HRDC (Human Rights Defenders Coalition) said so.", kb)
    names = {e.name: e.aliases for e in reversed_form.discovered}
    assert names == {"Human Rights Defenders Coalition": ("HRDC",)}


def test_known_name_gets_a_new_acronym_from_the_text(kb: KnowledgeBase) -> None:
    finding = find_entities("The Federal Emergency Management Agency (FEMAA) said so.", kb)
    (extended,) = finding.discovered
    assert extended.key == "fema"
    assert extended.aliases[-1] == "FEMAA"
    assert "FEMA" in extended.aliases  # a drop-in replacement for the known entity
    learned = kb.with_entities(finding.discovered)
    entity = learned.lookup("FEMAA")
    assert entity is not None
    assert entity.key == "fema"
    later = find_entities("Later FEMAA sent trailers.", learned)
    assert [(m.text, m.key) for m in later.mentions] == [("FEMAA", "fema")]


def test_surname_possessive_and_short_form_resolve_to_the_full_name(kb: KnowledgeBase) -> None:
    text = (
        "Dutch Defence Minister Ruben Willem Brekelmans visited Kyiv. Ruben Brekelmans said "
        "aid would continue. Brekelmans's ministry confirmed it, Brekelmans added."
    )
    finding = find_entities(text, kb)
    person = [m for m in finding.mentions if m.key == "ruben-willem-brekelmans"]
    assert [m.text for m in person] == [
        "Ruben Willem Brekelmans",
        "Ruben Brekelmans",
        "Brekelmans",
        "Brekelmans",
    ]
    assert _keys(finding)["Dutch"] == "netherlands"


def test_pronoun_us_and_who_are_not_entities(kb: KnowledgeBase) -> None:
    finding = find_entities("They told us who was there, and the US and WHO replied.", kb)
    assert [(m.text, m.key) for m in finding.mentions] == [
        ("US", "united-states"),
        ("WHO", "who"),
    ]


def test_country_name_that_starts_a_person_name_is_not_a_country(kb: KnowledgeBase) -> None:
    finding = find_entities("Defence minister Israel Katz said Israel would respond.", kb)
    assert [(m.text, m.key) for m in finding.mentions] == [
        ("Israel Katz", "israel-katz"),
        ("Israel", "israel"),
    ]


def test_place_led_organisation_takes_the_country_as_parent(kb: KnowledgeBase) -> None:
    finding = find_entities("Experts at Syracuse University's Moynihan Institute agreed.", kb)
    (org,) = finding.discovered
    assert org.kind is EntityKind.ORGANIZATION
    assert org.parent == "united-states"
    assert org.key == "syracuse-university-moynihan-institute"


def test_discovered_keys_never_take_a_known_key_for_another_thing() -> None:
    kb = KnowledgeBase(
        [Entity(key="mark-rutte", name="Rutte Holdings", kind=EntityKind.ORGANIZATION)],
        version="test",
    )
    finding = find_entities("NATO chief Mark Rutte said so.", kb)
    (person,) = finding.discovered
    assert person.name == "Mark Rutte"
    assert person.key != "mark-rutte"
    assert person.key.startswith("mark-rutte")


def test_headline_words_and_sentence_openers_are_not_names(kb: KnowledgeBase) -> None:
    text = (
        "Officials Say Storm Damage Worse Than Expected\n"
        "However, the Monday meeting went ahead. Meanwhile October sales rose.\n"
        "Image Source: Getty Images\nRead More\nMore News\n"
    )
    finding = find_entities(text, kb)
    assert finding.discovered == []


def test_a_sentence_full_of_names_is_not_a_headline(kb: KnowledgeBase) -> None:
    finding = find_entities("Speaker Nancy Pelosi met Lt. Gen. John Smith in Kyiv.", kb)
    assert [(m.text, m.key) for m in finding.mentions] == [
        ("Nancy Pelosi", "nancy-pelosi"),
        ("John Smith", "john-smith"),
        ("Kyiv", "ukraine"),
    ]


def test_a_known_place_inside_a_longer_name_is_not_that_place(kb: KnowledgeBase) -> None:
    finding = find_entities("Flights at John F. Kennedy Airport were cancelled.", kb)
    assert [(m.text, m.key) for m in finding.mentions] == [
        ("John F. Kennedy Airport", "john-f-kennedy-airport")
    ]
    assert finding.discovered[0].kind is EntityKind.PLACE


def test_country_led_agency_with_its_acronym(kb: KnowledgeBase) -> None:
    text = "The U.S. Agency for International Development (USAID) paused grants. USAID said so."
    finding = find_entities(text, kb)
    (agency,) = finding.discovered
    assert agency.name == "U.S. Agency for International Development"
    assert agency.aliases == ("USAID",)
    assert agency.parent == "united-states"
    assert {m.key for m in finding.mentions} == {agency.key}


@pytest.mark.parametrize("text", ["", "   \n ", "Путин заявил, что Москва готова.", "12 34 56"])
def test_texts_without_latin_names_give_nothing(kb: KnowledgeBase, text: str) -> None:
    finding = find_entities(text, kb)
    assert finding.mentions == []
    assert finding.discovered == []


def test_datelines_and_directions_mark_places(kb: KnowledgeBase) -> None:
    text = (
        "GLENWARD - Crews fought the fire north of Glenward on Tuesday.\n"
        "AKUT, the rescue group, sent 40 volunteers."
    )
    finding = find_entities(text, kb)
    assert [(e.name, e.kind) for e in finding.discovered] == [("Glenward", EntityKind.PLACE)]
    assert [m.text for m in finding.mentions] == ["GLENWARD", "Glenward"]


def test_a_lone_surname_does_not_reach_a_person_learned_from_another_article(
    kb: KnowledgeBase,
) -> None:
    # Over a large corpus a surname unique among learned people is still often someone
    # else's: only a full name in the article itself links its lone surnames.
    first = find_entities("Governor Eduardo Leite asked for federal help.", kb)
    learned = kb.with_entities(first.discovered)
    later = find_entities("Mr Leite, a farmer, said the river rose overnight.", learned)
    assert "eduardo-leite" not in {m.key for m in later.mentions}
    named = find_entities("Eduardo Leite spoke again. Leite said help was coming.", learned)
    assert [(m.text, m.key) for m in named.mentions] == [
        ("Eduardo Leite", "eduardo-leite"),
        ("Leite", "eduardo-leite"),
    ]


def test_a_lone_surname_finds_a_shipped_person(kb: KnowledgeBase) -> None:
    learned = kb.with_entities(
        find_entities("Deputy Sabrina Singh briefed reporters.", kb).discovered
    )
    assert learned.person_by_surname("singh") is None  # learned, not shipped
    shipped = next(e for e in kb if e.kind is EntityKind.PERSON)
    surname = normalize_alias(shipped.name).rsplit(" ", 1)[-1]
    assert learned.person_by_surname(surname) == shipped.key


def test_a_surname_that_is_also_a_city_names_the_person(kb: KnowledgeBase) -> None:
    assert kb.lookup("Bello") is not None  # a Colombian city
    text = "Health Minister Dr. Aisha Bello said cases rose. Bello told reporters more."
    finding = find_entities(text, kb)
    assert [(m.text, m.key) for m in finding.mentions] == [
        ("Aisha Bello", "aisha-bello"),
        ("Bello", "aisha-bello"),
    ]


TYPHOON = """Typhoon Tamaraw slams northern Philippines, dozens dead

MANILA (AP) — Super Typhoon Tamaraw tore across the northern Philippines on Wednesday, \
flattening villages and killing at least 41 people, the country's disaster management agency \
said. The Philippine coast guard said 12 fishing boats were missing off Cagayan.

Tamaraw weakened as it crossed the Luzon Strait. The typhoon is expected to make landfall \
in southern China on Friday. The coast guard said it had rescued 230 people.
"""

SESPE = """Crews gain ground on the Sespe Fire near Fillmore

The Sespe Fire has burned 23,000 acres in Ventura County, California, Cal Fire said on \
Tuesday, and the state fire agency put containment at 40 per cent. The blaze is the \
largest since the Camp Fire of 2018. Officials said the fire had destroyed 87 homes.
"""


def test_named_storm_and_its_short_name_are_one_event(kb: KnowledgeBase) -> None:
    finding = find_entities(TYPHOON, kb)
    _assert_clean(finding)
    typhoon = [m for m in finding.mentions if m.key == "typhoon-tamaraw"]
    assert [m.text for m in typhoon] == ["Typhoon Tamaraw", "Typhoon Tamaraw", "Tamaraw", "typhoon"]
    event = next(e for e in finding.discovered if e.key == "typhoon-tamaraw")
    assert event.kind is EntityKind.EVENT
    assert "Tamaraw" in event.aliases


def test_descriptive_agencies_link_to_one_key_per_country_and_type(kb: KnowledgeBase) -> None:
    finding = find_entities(TYPHOON, kb)
    keys = _keys(finding)
    assert keys["country's disaster management agency"] == "philippines-disaster-agency"
    assert keys["Philippine coast guard"] == keys["coast guard"] == "philippines-coast-guard"
    guard = next(e for e in finding.discovered if e.key == "philippines-coast-guard")
    assert guard.kind is EntityKind.ORGANIZATION
    assert guard.parent == "philippines"
    # another article's wording of the same body gets the same key
    other = find_entities(
        "Rescuers from the Philippines' coast guard and Philippines coast guard.", kb
    )
    assert "philippines-coast-guard" in {m.key for m in other.mentions}


def test_descriptive_agency_resolves_to_the_known_body(kb: KnowledgeBase) -> None:
    text = (
        "Turkey's disaster agency said 912 people had died. In Syria, the health ministry said 237."
    )
    keys = _keys(find_entities(text, kb))
    assert keys["Turkey's disaster agency"] == "afad"
    assert keys["health ministry"] == "syria-health-ministry"
    # a state body of its country: the state fire agency of California is Cal Fire
    keys = _keys(find_entities(SESPE, kb))
    assert keys["state fire agency"] == "cal-fire"


def test_fires_are_events_and_the_fire_refers_back(kb: KnowledgeBase) -> None:
    finding = find_entities(SESPE, kb)
    _assert_clean(finding)
    kinds = {e.key: e.kind for e in finding.discovered}
    assert kinds["sespe-fire"] is EntityKind.EVENT
    assert kinds["camp-fire"] is EntityKind.EVENT
    keys = _keys(finding)
    assert keys["Cal Fire"] == "cal-fire"
    # two fires are named: "the fire" is ambiguous and links to neither
    assert "fire" not in keys


def test_dated_event_with_places_is_one_event(kb: KnowledgeBase) -> None:
    text = "Rebuilding after the 2023 Turkey-Syria earthquake has cost $34 billion, the UN said."
    finding = find_entities(text, kb)
    assert _keys(finding)["2023 Turkey-Syria earthquake"] == "2023-turkey-syria-earthquake"


def test_longer_discovered_name_wins_over_a_known_name_inside_it(kb: KnowledgeBase) -> None:
    text = "The Texas Department of State Health Services reported 12 deaths on Friday."
    keys = _keys(find_entities(text, kb))
    assert "us-state-department" not in keys.values()
    assert keys["Texas Department of State Health Services"] == (
        "texas-department-of-state-health-services"
    )


def test_company_short_name_links_to_the_full_name(kb: KnowledgeBase) -> None:
    text = (
        "Brightwell Semiconductor Inc. reported revenue of $4.2 billion. Shares of Brightwell "
        "fell 6%, while Corbel Securities cut its target. Corbel said demand was weak. "
        "The company said it would cut 1,500 jobs."
    )
    finding = find_entities(text, kb)
    keys = _keys(finding)
    assert keys["Brightwell"] == "brightwell-semiconductor"
    assert keys["Corbel"] == keys["Corbel Securities"] == "corbel-securities"
    assert "company" not in " ".join(keys).lower()


def test_agency_words_used_as_adjectives_are_no_body(kb: KnowledgeBase) -> None:
    text = (
        "NATO estimates Russian military casualties at 600,000. Police officers were hurt. "
        "Kenya's police said 12 people died, and the Israeli military said it struck 40 sites."
    )
    keys = _keys(find_entities(text, kb))
    assert keys["Russian"] == "russia"
    assert "gru" not in keys.values()
    assert keys["Kenya's police"] == "kenya-police"
    assert keys["Israeli military"] == "idf"


def test_agency_types_are_general_not_per_country(kb: KnowledgeBase) -> None:
    text = (
        "Russia's emergencies ministry said 12 people died. The Ukrainian navy said it sank "
        "three boats. Poland's border guard said 400 people crossed, and the Kenyan "
        "prosecutor's office charged five."
    )
    keys = _keys(find_entities(text, kb))
    assert keys["Russia's emergencies ministry"] == "russia-emergencies-ministry"
    assert keys["Ukrainian navy"] == "ukraine-navy"
    assert keys["Poland's border guard"] == "poland-border-guard"
    assert keys["Kenyan prosecutor's office"] == "kenya-prosecutors-office"


def test_storm_named_like_a_town_and_a_company_of_english_words(kb: KnowledgeBase) -> None:
    text = (
        "Hurricane Milton strengthened on Monday. Milton was 630 miles from Tampa. Shares of "
        "Kestrel Insurance Holdings fell 8%; Kestrel said its exposure was limited."
    )
    finding = find_entities(text, kb)
    keys = _keys(finding)
    assert keys["Hurricane Milton"] == keys["Milton"] == "hurricane-milton"
    assert keys["Kestrel Insurance Holdings"] == keys["Kestrel"] == "kestrel-insurance-holdings"
    assert keys["Tampa"] == "tampa"


def test_place_led_event_and_a_territorys_ministry(kb: KnowledgeBase) -> None:
    text = (
        "Airstrikes killed 27 people across Gaza, the territory's Health Ministry said. At the "
        "Riyadh Summit last month, leaders pledged $2 billion."
    )
    finding = find_entities(text, kb)
    keys = _keys(finding)
    assert keys["Riyadh Summit"] == "riyadh-summit"
    kinds = {e.key: e.kind for e in finding.discovered}
    assert kinds["riyadh-summit"] is EntityKind.EVENT
    ministry = keys["territory's Health Ministry"]
    assert ministry.endswith("-health-ministry")
    assert kb.contains(ministry.removesuffix("-health-ministry"), keys["Gaza"])


def test_vessel_and_company_prefixes_name_organisations_in_the_story_country(
    kb: KnowledgeBase,
) -> None:
    text = (
        "A ferry capsized near Chandpur in Bangladesh. The ferry, the MV Shapla, was carrying "
        "250 passengers. In Indonesia, a fire at the PT Cahaya Warna plant killed 17 workers."
    )
    finding = find_entities(text, kb)
    _assert_clean(finding)
    keys = _keys(finding)
    found = {e.key: e for e in finding.discovered}
    ship, company = found[keys["MV Shapla"]], found[keys["PT Cahaya Warna"]]
    assert ship.kind is company.kind is EntityKind.ORGANIZATION
    assert ship.parent == "bangladesh"  # the text's first country, for either of them


def test_a_prefix_before_generic_words_names_nothing(kb: KnowledgeBase) -> None:
    finding = find_entities("Officials said the MV Ministry of Health had not replied.", kb)
    assert "MV Ministry" not in _discovered(finding, kb)


def test_foreign_organisation_words_and_compounds_name_organisations(kb: KnowledgeBase) -> None:
    text = (
        "The co-operative federation Cooperativas Agro-alimentarias expects output to fall. "
        "Kestrel-based growers disagreed."
    )
    discovered = _discovered(find_entities(text, kb), kb)
    assert discovered["Cooperativas Agro-alimentarias"] is EntityKind.ORGANIZATION
    assert not any(name.startswith("Kestrel-based") for name in discovered)


def test_the_outlet_credited_in_a_dateline_is_an_organisation(kb: KnowledgeBase) -> None:
    text = (
        "TANGERANG, Indonesia, Sept 23 (Harbour Line) - A fire killed 17 workers, police said.\n\n"
        "Reporting by Harbour Line staff."
    )
    finding = find_entities(text, kb)
    assert _discovered(finding, kb)["Harbour Line"] is EntityKind.ORGANIZATION
    assert [m.text for m in finding.mentions].count("Harbour Line") == 2


def test_a_province_the_knowledge_base_lacks_names_its_own_body(kb: KnowledgeBase) -> None:
    # a made-up province: the knowledge base knows every real first-level region
    text = (
        "A fire killed 21 workers in Tangerang, Indonesia, the Lembara provincial disaster "
        "management agency said. The provincial disaster agency later raised the toll."
    )
    finding = find_entities(text, kb)
    by_key = {e.key: e for e in finding.discovered}
    named = next(m for m in finding.mentions if m.text.startswith("Lembara"))
    assert named.text == "Lembara provincial disaster management agency"
    assert by_key[named.key].name.startswith("Lembara ")
    assert by_key[named.key].parent == "indonesia"
    # the bare reference later is the same body, and "The" never names a province
    assert _keys(finding)["provincial disaster agency"] == named.key


def test_a_place_the_knowledge_base_lacks_lies_in_the_country_the_text_is_about() -> None:
    kb = KnowledgeBase.shipped()
    finding = find_entities(
        "Floods in Poland's Silesia reached Rybnik and Katowice. Water also covered "
        "the village of Zborowice Dolne, and residents near Zborowice Dolne left.",
        kb,
    )
    places = {e.name: e.parent for e in finding.discovered if e.kind is EntityKind.PLACE}
    assert places.get("Zborowice Dolne") == "poland"


def test_a_company_named_after_a_town_is_the_company_throughout() -> None:
    kb = KnowledgeBase.shipped()
    finding = find_entities(
        "Harlow Foods cut its forecast on Wednesday. Shares in Harlow fell 11%.", kb
    )
    assert [m.key for m in finding.mentions] == ["harlow-foods", "harlow-foods"]
    (company,) = finding.discovered
    assert company.kind is EntityKind.ORGANIZATION and company.parent is None


@pytest.mark.parametrize(
    "text",
    [
        "An avalanche swept down a slope above Chamonix on Friday.",
        "Sixty migrants were rescued off Vellanza overnight.",
        "Floods spread along Lakeview Road and beyond Marrowdale.",
    ],
)
def test_unknown_names_after_prepositions_of_place_are_places(kb: KnowledgeBase, text: str) -> None:
    finding = find_entities(text, kb)
    assert finding.discovered
    assert all(e.kind is EntityKind.PLACE for e in finding.discovered)


def test_main_parties_are_known_by_the_names_news_copy_uses(kb: KnowledgeBase) -> None:
    text = (
        "The poll put the Tories on 25%, Reform UK on 21% and the Lib Dems on 12%, while the "
        "Christian Democrats traded blame and the BJP and the SNP gained."
    )
    keys = {m.text: m.key for m in find_entities(text, kb).mentions}
    assert keys["Tories"] == "conservative-party-uk"
    assert keys["Reform UK"] == "reform-uk"
    assert keys["Lib Dems"] == "liberal-democrats-uk"
    assert "democratic-party" not in keys.values()
    assert keys["SNP"] == "scottish-national-party"
