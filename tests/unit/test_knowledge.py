"""The shipped knowledge base: coverage, alias resolution, case rules, containment, merging."""

from __future__ import annotations

import msgspec
import pytest

from service.domain import knowledge
from service.domain.knowledge import KnowledgeBase, normalize_alias
from service.domain.model import Entity, EntityKind


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.shipped()


def test_shipped_is_versioned_cached_and_covers_every_country(kb: KnowledgeBase) -> None:
    assert KnowledgeBase.shipped() is kb
    assert kb.version and kb.version[:4].isdigit()
    countries = [e for e in kb if e.kind is EntityKind.COUNTRY]
    assert len(countries) >= 245
    keys = {e.key for e in countries}
    assert {"north-korea", "south-korea", "united-states", "russia", "ukraine"} <= keys
    assert {"united-kingdom", "turkey", "india", "france", "malawi", "costa-rica"} <= keys
    assert all(key.isascii() and key == key.lower() for key in keys)


@pytest.mark.parametrize(
    "alias",
    [
        "North Korea",
        "north korea",
        "DPRK",
        "D.P.R.K.",
        "dprk",
        "Democratic People's Republic of Korea",
        "Pyongyang",
        "North Korean",
        "North Koreans",
    ],
)
def test_every_alias_of_north_korea_resolves_to_one_key(kb: KnowledgeBase, alias: str) -> None:
    entity = kb.lookup(alias)
    assert entity is not None
    assert entity.key == "north-korea"


@pytest.mark.parametrize(
    ("alias", "key"),
    [
        ("U.S.", "united-states"),
        ("US", "united-states"),
        ("USA", "united-states"),
        ("America", "united-states"),
        ("Washington", "united-states"),
        ("White House", "united-states"),
        ("the White House", "united-states"),
        ("UK", "united-kingdom"),
        ("U.K.", "united-kingdom"),
        ("Britain", "united-kingdom"),
        ("Downing Street", "united-kingdom"),
        ("British", "united-kingdom"),
        ("the Kremlin", "russia"),
        ("Moscow", "russia"),
        ("Russians", "russia"),
        ("Kyiv", "ukraine"),
        ("Kiev", "ukraine"),
        ("ROK", "south-korea"),
        ("Seoul", "south-korea"),
        ("UAE", "united-arab-emirates"),
        ("PRC", "china"),
        ("Beijing", "china"),
        ("Tehran", "iran"),
        ("Türkiye", "turkey"),
        ("Ankara", "turkey"),
        ("Turkish", "turkey"),
        ("New Delhi", "india"),
        ("Indians", "india"),
    ],
)
def test_abbreviations_seats_and_demonyms(kb: KnowledgeBase, alias: str, key: str) -> None:
    entity = kb.lookup(alias)
    assert entity is not None, alias
    assert entity.key == key


@pytest.mark.parametrize(
    "alias",
    [
        "Pentagon",
        "U.S. Department of Defense",
        "US defense department",
        "Defense Department",
        "DoD",
    ],
)
def test_pentagon_names_one_agency_inside_the_united_states(kb: KnowledgeBase, alias: str) -> None:
    entity = kb.lookup(alias)
    assert entity is not None
    assert entity.key == "us-department-of-defense"
    assert entity.kind is EntityKind.ORGANIZATION
    assert entity.parent == "united-states"


@pytest.mark.parametrize(
    ("alias", "key", "parent"),
    [
        ("HUR", "ukraine-military-intelligence", "ukraine"),
        ("GUR", "ukraine-military-intelligence", "ukraine"),
        ("Ukraine's military intelligence", "ukraine-military-intelligence", "ukraine"),
        ("Ukrainian military intelligence", "ukraine-military-intelligence", "ukraine"),
        ("NIS", "south-korea-nis", "south-korea"),
        ("South Korean intelligence", "south-korea-nis", "south-korea"),
        ("Russian Defence Ministry", "russian-ministry-of-defence", "russia"),
        ("Russia's defense ministry", "russian-ministry-of-defence", "russia"),
        ("Federal Reserve", "federal-reserve", "united-states"),
        ("Fed", "federal-reserve", "united-states"),
        ("FEMA", "fema", "united-states"),
        ("USGS", "usgs", "united-states"),
        ("Bank of England", "bank-of-england", "united-kingdom"),
        ("AFAD", "afad", "turkey"),
        ("Cal Fire", "cal-fire", "united-states"),
        ("New York Times", "new-york-times", "united-states"),
    ],
)
def test_national_agencies_have_their_country(
    kb: KnowledgeBase, alias: str, key: str, parent: str
) -> None:
    entity = kb.lookup(alias)
    assert entity is not None, alias
    assert (entity.key, entity.parent) == (key, parent)


@pytest.mark.parametrize(
    ("alias", "key"),
    [
        ("NATO", "nato"),
        ("Nato", "nato"),
        ("North Atlantic Treaty Organization", "nato"),
        ("EU", "european-union"),
        ("European Commission", "european-commission"),
        ("UN", "united-nations"),
        ("U.N.", "united-nations"),
        ("WHO", "who"),
        ("World Health Organization", "who"),
        ("IMF", "imf"),
        ("IAEA", "iaea"),
        ("Red Cross", "icrc"),
        ("G7", "g7"),
        ("G20", "g20"),
        ("OPEC", "opec"),
        ("Reuters", "reuters"),
        ("AP", "associated-press"),
        ("Associated Press", "associated-press"),
        ("AFP", "afp"),
    ],
)
def test_international_bodies_and_news_agencies(kb: KnowledgeBase, alias: str, key: str) -> None:
    entity = kb.lookup(alias)
    assert entity is not None, alias
    assert entity.key == key


@pytest.mark.parametrize("word", ["us", "who", "it", "ap", "un"])
def test_acronyms_that_are_english_words_need_capitals(kb: KnowledgeBase, word: str) -> None:
    assert kb.lookup(word) is None


def test_places_know_their_country_and_region_words(kb: KnowledgeBase) -> None:
    for alias in ("Kursk", "Kursk region", "Kursk Oblast", "kursk oblast"):
        entity = kb.lookup(alias)
        assert entity is not None, alias
        assert entity.key == "kursk"
        assert entity.parent == "russia"
    assert kb.contains("russia", "kursk")
    assert not kb.contains("ukraine", "kursk")
    assert kb.contains("russia", "vladivostok")
    assert kb.contains("united-states", "california")
    assert kb.contains("india", "uttar-pradesh")
    assert kb.contains("turkey", "van")
    assert kb.contains("united-states", "us-department-of-defense")
    assert kb.contains("russia", "russia")
    assert not kb.contains("kursk", "russia")
    assert kb.country_of("kursk") == "russia"
    assert kb.country_of("nato") is None


def test_capital_of_a_small_country_does_not_take_a_bigger_city(kb: KnowledgeBase) -> None:
    entity = kb.lookup("San Jose")
    assert entity is not None
    assert entity.parent == "united-states"


def test_unknown_and_empty_names(kb: KnowledgeBase) -> None:
    assert kb.lookup("Zyxwvut Institute") is None
    assert kb.lookup("") is None
    assert kb.get("no-such-key") is None


def test_with_entities_adds_new_and_extends_existing(kb: KnowledgeBase) -> None:
    learned = kb.with_entities(
        [
            Entity(key="mark-rutte", name="Mark Rutte", kind=EntityKind.PERSON),
            Entity(
                key="north-korea",
                name="North Korea",
                kind=EntityKind.COUNTRY,
                aliases=("Hermit Kingdom",),
            ),
            Entity(key="intruder", name="X", kind=EntityKind.GROUP, aliases=("DPRK",)),
        ]
    )
    assert learned.version == kb.version
    person = learned.lookup("mark rutte")
    assert person is not None
    assert person.key == "mark-rutte"
    hermit = learned.lookup("Hermit Kingdom")
    assert hermit is not None
    assert hermit.key == "north-korea"
    dprk = learned.lookup("DPRK")
    assert dprk is not None
    assert dprk.key == "north-korea"  # an alias stays with its first owner
    assert kb.lookup("Hermit Kingdom") is None  # the shipped base is unchanged
    north_korea = learned.get("north-korea")
    assert north_korea is not None
    assert "Pyongyang" in north_korea.aliases


def test_normal_form_ignores_case_punctuation_possessives_and_articles() -> None:
    assert normalize_alias("U.S.") == normalize_alias("US") == "us"
    assert normalize_alias("Rutte's") == "rutte"
    assert normalize_alias("the Kremlin") == "kremlin"
    assert normalize_alias("Guinea-Bissau") == "guinea bissau"


def test_scan_respects_case_and_takes_the_longest_name(kb: KnowledgeBase) -> None:
    text = "Tell us what the U.S. Department of Defense and WHO said, who knows."
    found = [(text[m.start : m.end], m.key) for m in kb.scan(text)]
    assert found == [
        ("U.S. Department of Defense", "us-department-of-defense"),
        ("WHO", "who"),
    ]


def test_scan_marks_demonyms_and_keeps_possessives_out(kb: KnowledgeBase) -> None:
    text = "North Korean troops reached Russia's Kursk region."
    found = [(text[m.start : m.end], m.key, m.demonym) for m in kb.scan(text)]
    assert found == [
        ("North Korean", "north-korea", True),
        ("Russia", "russia", False),
        ("Kursk region", "kursk", False),
    ]


def test_shipped_index_is_what_the_current_normaliser_builds() -> None:
    raw = knowledge._load_raw()
    assert raw.normalizer == knowledge.NORMALIZER_VERSION
    rebuilt = knowledge.from_raw(msgspec.structs.replace(raw, index=[]))
    assert rebuilt.index_rows() == [tuple(row) for row in raw.index]


def test_word_test_indexes_are_the_tokens_passing_the_test() -> None:
    text = "The ver.di union, al-Shabaab and 3 others met the ministry's chief in Kyiv. " * 3
    tokens = knowledge.tokenize(text)
    capitalised = knowledge.WordTest(lambda word: word[0].isupper())
    direct = [k for k, token in enumerate(tokens) if token[2][0].isupper()]
    assert capitalised.indexes(tokens) == direct
    assert capitalised.indexes(tokens) == direct  # answered from the stored answers
    assert capitalised.indexes([]) == []


def test_scan_sees_a_lowercase_alias_learned_after_a_scan(kb: KnowledgeBase) -> None:
    text = "Fighters of zorblat-front held the town."
    assert [m.key for m in kb.scan(text)] == []  # the shipped base answered "zorblat" first
    learned = kb.with_entities(
        [Entity(key="zorblat-front", name="zorblat-front", kind=EntityKind.GROUP)]
    )
    assert [m.key for m in learned.scan(text)] == ["zorblat-front"]
    assert [m.key for m in kb.scan(text)] == []
