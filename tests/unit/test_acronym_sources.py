"""Sources named by a body's acronym that does not spell its English name (wire copy about
foreign bodies), by its kind ("the institute"), and by a counting verb."""

from __future__ import annotations

import datetime as dt

from service.domain.entities import find_entities
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2025, 3, 5, 12, 0, tzinfo=dt.UTC)


def _source(text: str, fragment: str) -> tuple[str | None, str | None]:
    figure = the_figure(extract_article(text=text, published_at=PUBLISHED), fragment)
    return figure.attributed_to, figure.attributor


def test_a_bodys_foreign_acronym_names_it_later() -> None:
    text = (
        "Cyclone Nalia has killed 53 people, the National Institute for Disaster Risk "
        "Management (INGD) said on Sunday. INGD said 12,000 homes were destroyed."
    )
    first, later = _source(text, "53 people"), _source(text, "12,000 homes")
    assert first == later
    assert first[0] == "National Institute for Disaster Risk Management (INGD)"
    assert first[1] is not None


def test_a_ministry_of_and_its_acronym_are_one_body() -> None:
    text = (
        "The Ministry of Health (MISAU) reported 1,200 cholera cases. MISAU said 12 people "
        "had died."
    )
    assert _source(text, "1,200") == _source(text, "12 people")
    assert _source(text, "12 people")[0] == "Ministry of Health (MISAU)"


def test_a_name_holding_a_known_demonym_keeps_its_acronym() -> None:
    text = (
        "The Confederation of Indonesian Workers' Unions (KSPI) put the toll at 24. KSPI "
        "said 150 people had been on the shift."
    )
    name, key = _source(text, "150")
    assert name == "Confederation of Indonesian Workers' Unions (KSPI)"
    assert key == _source(text, "24")[1] != "indonesia"


def test_a_place_led_body_and_its_acronym_are_one_entity() -> None:
    kb = KnowledgeBase.shipped()
    text = "Poland's State Mining Authority (WUG) said methane had reached 2.5 per cent."
    finding = find_entities(text, kb)
    keys = {m.key for m in finding.mentions if m.text in ("WUG", "Poland's State Mining Authority")}
    assert len(keys) == 1


def test_an_acronym_that_spells_its_name_is_shown_as_written() -> None:
    text = "The Global Flood Observatory (GFO) said 300 homes were flooded. GFO said 41 died."
    assert _source(text, "41")[0] == "GFO"


def test_the_institute_counts_for_the_institute_named_before() -> None:
    text = (
        "The National Institute for Disaster Risk Management (INGD) said 40 people were "
        "killed. The institute now counts 61,500 displaced people."
    )
    assert _source(text, "61,500") == _source(text, "40 people")


def test_counts_as_a_plural_noun_names_no_one() -> None:
    text = "Vote counts show 52% for the mayor."
    assert _source(text, "52%") == (None, None)


def test_the_agency_is_not_the_union_named_last() -> None:
    text = (
        "The toll rose to 21, the Banten provincial disaster management agency said. But the "
        "Confederation of Indonesian Workers' Unions (KSPI) put the toll at 24. The agency "
        "said 27 people remained in hospital."
    )
    name, key = _source(text, "27 people")
    assert key is None or "union" not in key
    assert name is not None and "Unions" not in name


def test_a_present_tense_lead_carries_into_the_next_sentence() -> None:
    text = (
        "14:05 - Mozambique's disaster agency INGD says 71 people are now confirmed dead and "
        "64 are still missing. About 70,000 people have been displaced."
    )
    assert _source(text, "70,000") == _source(text, "71 people")
    assert _source(text, "70,000")[0] == "Mozambique's disaster agency INGD"


def test_a_past_tense_close_does_not_carry() -> None:
    text = (
        "More than 60 homes have been destroyed, Cal Fire said. Two firefighters suffered "
        "minor injuries."
    )
    assert _source(text, "Two firefighters") == (None, None)


def test_a_carried_source_stops_at_the_paragraph() -> None:
    text = "INGD says 71 people are now confirmed dead.\n\nAbout 70,000 people have been displaced."
    assert _source(text, "70,000") == (None, None)


def test_a_name_holding_for_the_or_of_the_is_read_whole() -> None:
    for text, name in (
        (
            "The National Agency for the Safety of Medicines (ANSM) said the trial enrolled "
            "3,000 volunteers.",
            "National Agency for the Safety of Medicines (ANSM)",
        ),
        (
            "The Ministry of the Interior said 4,000 police officers would be deployed.",
            "Ministry of the Interior",
        ),
        (
            "The Office of the High Commissioner for Human Rights said it had documented "
            "1,200 civilian deaths.",
            "Office of the High Commissioner for Human Rights",
        ),
    ):
        figures = [
            a
            for c in extract_article(text=text, published_at=PUBLISHED).claims
            for a in c.assertions
        ]
        assert [f.attributed_to for f in figures] == [name]


def test_a_place_in_a_bodys_name_is_neither_its_source_nor_its_subject() -> None:
    text = "The Bank of the Philippine Islands said its net income rose 12%."
    figure = the_figure(extract_article(text=text, published_at=PUBLISHED), "12%")
    assert figure.attributed_to == "Bank of the Philippine Islands"
    assert figure.attributor is None
    assert figure.subject is None


def test_a_body_whose_acronym_starts_like_it_keeps_its_first_word() -> None:
    text = (
        "The collapse killed 14 people, according to the Federal Roads Maintenance Agency "
        "(FERMA). FERMA said the bridge carried 20,000 vehicles a day."
    )
    assert _source(text, "20,000")[0] == "Federal Roads Maintenance Agency (FERMA)"
    assert _source(text, "20,000") == _source(text, "14 people")


def test_a_bracketed_acronym_is_one_mention_with_its_name() -> None:
    text = "The Butantan Institute (IB) will produce 50 million doses."
    finding = find_entities(text, KnowledgeBase.shipped())
    assert [m.text for m in finding.mentions] == ["Butantan Institute"]


def test_a_known_one_word_place_heading_a_longer_name_is_the_bodys() -> None:
    text = (
        "The National Emergency Operations Centre (COE) reported 14 deaths. The centre said "
        "300 homes were damaged."
    )
    assert _source(text, "14 deaths")[0] == "National Emergency Operations Centre (COE)"
    assert _source(text, "300 homes") == _source(text, "14 deaths")


def test_a_possessive_tally_names_its_figure() -> None:
    assert _source("The ministry's latest count stands at 310.", "310")[0] == "ministry"
    assert _source("By the government's count, 1,200 people have died.", "1,200")[0] == (
        "government"
    )


def test_data_from_a_body_shows_its_figures() -> None:
    text = "Data from the Swiss Federal Statistical Office showed unemployment at 2.3%."
    assert _source(text, "2.3%")[0] == "Swiss Federal Statistical Office"
    text = "Figures from the National Bureau of Statistics (NBS) show inflation at 33%."
    assert _source(text, "33%")[0] == "National Bureau of Statistics"


def test_a_place_describing_a_business_is_not_its_source() -> None:
    for text in (
        "The Lisbon-based carrier said 412 flights were cancelled.",
        "The London-listed miner said output fell to 61,500 tonnes.",
    ):
        figure = the_figure(extract_article(text=text, published_at=PUBLISHED), "1")
        assert figure.attributor is None
    text = (
        "Aerovia Airlines cancelled hundreds of flights on Monday as its pilots walked out. "
        "Aerovia faces more strikes. The Lisbon-based carrier said 412 flights were cancelled."
    )
    assert _source(text, "412")[1] == "aerovia-airlines"  # the article's company


def test_closing_figures_from_a_source_name_it() -> None:
    text = (
        "The average price of a home rose to £285,000, figures from the property website "
        "Homefinder showed."
    )
    assert _source(text, "285,000")[0] == "property website Homefinder"


def test_a_possessive_data_noun_with_an_aside_names_its_source() -> None:
    text = "The Land Registry's figures, published on Wednesday, showed average prices of £268,000."
    assert _source(text, "268,000")[0] == "Land Registry"


def test_claim_and_report_are_verbs_only_before_that_or_a_figure() -> None:
    assert _source("Union leaders claim 90% of members backed the strike.", "90%")[0] == (
        "Union leaders"
    )
    assert _source("Organisers claim that 100,000 people marched.", "100,000")[0] == "Organisers"
    assert _source("The report found 40% of homes were damp.", "40%") == (None, None)
    assert _source("An insurance claim of $5,000 was filed.", "5,000") == (None, None)


def test_a_coined_short_name_in_brackets_names_the_body_later() -> None:
    text = (
        "The National Institute of Civil Defence (Indeci) said 12,000 people were affected. "
        "Indeci later raised the figure to 14,500."
    )
    assert _source(text, "14,500") == _source(text, "12,000")
    assert _source(text, "14,500")[0] == "National Institute of Civil Defence (Indeci)"
    # a known place in brackets is no short name
    assert _source("The Ministry of Health (Brazil) said 300 people died.", "300")[0] == (
        "Ministry of Health"
    )
