"""Whose a figure is and where, on topics the dev corpus lacks: companies named by the kind
of business they are in, coordinated places, places referred to as "the island"."""

from __future__ import annotations

import datetime as dt

from service.domain.extraction import extract_article
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2026, 7, 22, 9, tzinfo=dt.UTC)


def test_a_company_named_by_its_business_is_an_organisation_with_a_short_name() -> None:
    article = extract_article(
        text=(
            "Andesur Minerals said on Wednesday its copper production fell 8% in the second "
            "quarter to 148,200 tonnes.\n\n"
            "Net cash costs rose to $2.05 per pound, Andesur said."
        ),
        published_at=PUBLISHED,
    )
    kinds = {e.key: e.kind.value for e in article.entities}
    assert kinds["andesur-minerals"] == "organization"
    assert the_figure(article, "148,200").subject == "andesur-minerals"
    assert the_figure(article, "2.05").subject == "andesur-minerals"


def test_a_hospital_operator_owns_its_hospitals() -> None:
    article = extract_article(
        text=(
            "Brennan Health said on Wednesday that hackers had copied the records of about "
            "410,000 patients.\n\n"
            "Brennan, which employs some 26,000 people, said it would offer credit monitoring."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "410,000").subject == "brennan-health"
    assert the_figure(article, "26,000").subject == "brennan-health"


def test_a_second_place_joined_by_and_is_no_actor() -> None:
    article = extract_article(
        text=(
            "Andesur Minerals said its output fell.\n\n"
            "Group production across Andesur's four mines in Chile and Peru totalled "
            "148,200 tonnes."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "148,200").subject != "peru"


ARRIVALS = dt.datetime(2026, 8, 4, 15, tzinfo=dt.UTC)


def test_the_island_is_the_island_named_before() -> None:
    article = extract_article(
        text=(
            "More than 1,900 migrants arrived on the Italian island of Lampedusa over the "
            "weekend, the interior ministry said.\n\n"
            "The mayor appealed to the government in Rome for help on Tuesday after another "
            "640 migrants landed on the island overnight."
        ),
        published_at=ARRIVALS,
    )
    assert the_figure(article, "1,900").location == "lampedusa"
    assert the_figure(article, "640").location == "lampedusa"


def test_a_place_reached_is_where_the_figure_is() -> None:
    article = extract_article(
        text=(
            "Hundreds of migrants landed on Lampedusa on Sunday.\n\n"
            "So far this year, 38,400 migrants have reached Italy by sea, interior ministry "
            "data show."
        ),
        published_at=ARRIVALS,
    )
    assert the_figure(article, "38,400").location == "italy"


def test_a_direction_of_a_place_places_the_figure() -> None:
    article = extract_article(
        text=(
            "The coast guard said it had rescued 212 people from two overloaded boats 20 km "
            "south of Lampedusa on Sunday."
        ),
        published_at=ARRIVALS,
    )
    assert the_figure(article, "212").location == "lampedusa"


FLOOD = (
    "VELDHOVEN FALLS, Canada, May 12 (Meridian) - An earthen dam above the town of "
    "Veldhoven Falls gave way early on Tuesday, flooding about 300 homes and killing at "
    "least four people, provincial officials said.\n\n"
    "Some 2,100 residents were evacuated to a school in the neighbouring town of Ashcombe.\n\n"
    "Mayor Carol Finch said 12 people were still missing."
)


def test_a_town_the_dateline_places_in_its_country_is_the_story_place() -> None:
    article = extract_article(text=FLOOD, published_at=PUBLISHED)
    town = next(e for e in article.entities if e.key == "veldhoven-falls")
    assert town.parent == "canada"
    assert the_figure(article, "300").location == "veldhoven-falls"
    assert the_figure(article, "12 people").location == "veldhoven-falls"


def test_people_moved_are_counted_where_they_left_not_where_they_were_taken() -> None:
    article = extract_article(text=FLOOD, published_at=PUBLISHED)
    assert the_figure(article, "2,100").location == "veldhoven-falls"


def test_a_kind_word_before_a_body_or_a_name_refers_to_no_place() -> None:
    from service.domain.knowledge import KnowledgeBase
    from service.domain.model import EntityMention
    from service.domain.place_references import place_references

    kb = KnowledgeBase.shipped()
    text = (
        "Flooding hit the port city of Beira. The city council said 40 roads were shut, "
        "and the city of Dondo was cut off. Water filled the city's hospital."
    )
    start = text.index("Beira")
    beira = EntityMention(key="beira", start=start, end=start + 5, text="Beira")
    entity = kb.get("beira")
    assert entity is not None
    found = place_references(text, [beira], {"beira": entity})
    assert [text[m.start : m.end] for m in found] == ["the city"]
    assert found[0].key == "beira"


def test_a_business_named_by_its_kind_before_its_one_word_name_is_a_company() -> None:
    article = extract_article(
        text=(
            "Telecoms provider Vantaro said on Tuesday that hackers had stolen the personal "
            "details of about 2.3 million customers.\n\n"
            "Vantaro, which has 6.1 million subscribers, said bank details of 140,000 "
            "customers were also exposed. The provider's shares fell 4%."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "2.3 million").subject == "vantaro"
    assert the_figure(article, "6.1 million").subject == "vantaro"
    assert the_figure(article, "4%").subject == "vantaro"


def test_a_biotech_named_after_from_is_a_company_not_a_place() -> None:
    article = extract_article(
        text=(
            "An experimental vaccine from Norvella Bio cut hospitalisations by 82% in a "
            "late-stage trial, the biotech said on Monday. The study enrolled 24,500 volunteers."
        ),
        published_at=PUBLISHED,
    )
    kinds = {e.key: e.kind.value for e in article.entities}
    assert kinds["norvella-bio"] == "organization"
    assert the_figure(article, "24,500").subject == "norvella-bio"


def test_people_at_an_organisation_are_its_own() -> None:
    article = extract_article(
        text=(
            "Hackers accessed the personal data of about 48,000 students and 6,200 staff at "
            "the University of Eastbrook, the university said on Tuesday."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "48,000").subject == "university-of-eastbrook"
    assert the_figure(article, "6,200").subject == "university-of-eastbrook"


def test_a_relative_clause_figure_is_its_antecedent_body_s() -> None:
    article = extract_article(
        text=(
            "Harwick City Council has been fined after an email error exposed the details of "
            "its tenants, the regulator said on Monday.\n\n"
            "The council, which manages 21,000 homes, said it had apologised."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "21,000").subject == "harwick-city-council"


def test_a_relative_clause_after_a_place_phrase_is_not_the_place_s() -> None:
    article = extract_article(
        text=(
            "The Red Cross opened a shelter in Fillmore on Monday.\n\n"
            "The Red Cross shelter at Fillmore High School, which housed 240 people on "
            "Tuesday night, is closing."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "240").subject != "fillmore-high-school"


def test_an_institution_called_by_its_kind_is_what_the_story_is_about() -> None:
    article = extract_article(
        text=(
            "Hackers accessed the personal data of about 48,000 students at the University of "
            "Eastbrook, the university said on Tuesday.\n\n"
            "The university said the breach affected records going back years. About 3,100 "
            "of the records included passport numbers.\n\n"
            "The university's IT department took 14 systems offline."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "3,100").subject == "university-of-eastbrook"
    assert the_figure(article, "14 systems").subject == "university-of-eastbrook"


def test_a_relative_clause_after_a_place_is_placed_there() -> None:
    article = extract_article(
        text=(
            "Brightwell will close its assembly and test plant in Penang, Malaysia, which "
            "employs about 900 people, the company said."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "900").location == "pulau-pinang"


def test_where_a_body_is_based_is_not_where_its_figure_is() -> None:
    article = extract_article(
        text=(
            "Brennan Health, a hospital operator based in Columbus, said on Tuesday that a "
            "cyberattack had hit 11 of its hospitals."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "11").location != "columbus"


def test_a_place_acting_in_its_clause_places_an_ownerless_figure() -> None:
    article = extract_article(
        text=(
            "GOMA, Congo, Feb 14 (Meridian) - Fighting in North Kivu province has forced more "
            "than 120,000 people from their homes, the U.N. refugee agency said. About 45,000 "
            "people are sheltering in Goma.\n\n"
            "Congo already has some 6.9 million internally displaced people."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "6.9 million").location == "democratic-republic-of-the-congo"


def test_a_country_acting_before_a_semicolon_places_the_clause_after_it() -> None:
    article = extract_article(
        text=(
            "LAGOS, May 2 (Meridian) - A tower under construction collapsed in Lagos on "
            "Friday, killing at least 16 workers, emergency officials said.\n\n"
            "Nigeria has a long record of building collapses; at least 135 people died in "
            "such incidents in 2025, according to a builders' guild."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "135").location == "nigeria"
    assert the_figure(article, "16").location == "lagos"


def test_an_air_carrier_named_with_air_is_a_company() -> None:
    article = extract_article(
        text=(
            "A passenger jet operated by Himal Air skidded off the runway in Kathmandu on "
            "Wednesday, killing two people, airport officials said.\n\n"
            "Himal Air, which operates a fleet of 11 aircraft, said it had grounded its jets."
        ),
        published_at=PUBLISHED,
    )
    kinds = {e.key: e.kind.value for e in article.entities}
    assert kinds["himal-air"] == "organization"
    assert the_figure(article, "11 aircraft").subject == "himal-air"
    assert the_figure(article, "two people").subject is None


def test_a_tanker_named_with_mt_is_a_vessel() -> None:
    article = extract_article(
        text=(
            "The Maltese-flagged MT Aurelia ran aground near the island of Ouessant on Sunday. "
            "The MT Aurelia was carrying 14,000 tonnes of heavy fuel oil."
        ),
        published_at=PUBLISHED,
    )
    kinds = {e.key: e.kind.value for e in article.entities}
    assert kinds["mt-aurelia"] == "organization"


def test_a_namesake_of_a_foreign_body_does_not_place_its_figure_abroad() -> None:
    # the knowledge base's "Democratic Alliance" is South Africa's party; this one is not
    article = extract_article(
        text=(
            "Turnout in Portugal's parliamentary election reached 66.2%, the ministry said.\n\n"
            "The Democratic Alliance won 79 of the 230 seats in Lisbon's parliament."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "66.2%").location == "portugal"
    assert the_figure(article, "79").location != "south-africa"


def test_a_foreign_body_whose_country_the_story_names_keeps_its_home() -> None:
    article = extract_article(
        text=(
            "Turnout in Portugal's parliamentary election reached 66.2%, the Portuguese "
            "ministry said. Lisbon and Porto voted heavily.\n\n"
            "Observers from South Africa attended.\n\n"
            "The Democratic Alliance holds 87 seats."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "87").location == "south-africa"


def test_a_name_that_party_follows_is_a_party_and_owns_its_seats() -> None:
    article = extract_article(
        text=(
            "Turnout in Portugal's parliamentary election reached 66.2%, the ministry said.\n\n"
            "The far-right Chega party quadrupled its representation to 48 seats."
        ),
        published_at=PUBLISHED,
    )
    kinds = {e.key: e.kind.value for e in article.entities}
    assert kinds["chega"] == "organization"
    assert the_figure(article, "48 seats").subject == "chega"


def test_names_listed_with_their_figures_own_them() -> None:
    article = extract_article(
        text=(
            "Britons were the largest group, with 17.3 million visitors, followed by the "
            "French with 11.8 million and Germans with 10.8 million."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "11.8 million").subject == "france"
    assert the_figure(article, "10.8 million").subject == "germany"


def test_a_country_supplied_with_a_figure_does_not_own_it() -> None:
    article = extract_article(
        text="Iran has been supplying Russia with 10,000 shells a month.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "10,000").subject == "iran"


def test_a_name_whose_data_is_cited_is_an_organisation_not_a_place() -> None:
    article = extract_article(
        text="The grocer's market share climbed to 28.1%, industry data from Kantar showed.",
        published_at=PUBLISHED,
    )
    kinds = {e.key: e.kind.value for e in article.entities}
    assert kinds["kantar"] == "organization"
    assert the_figure(article, "28.1%").location != "kantar"


def test_a_one_word_company_opening_a_sentence_owns_its_figures() -> None:
    article = extract_article(
        text=(
            "Tesco has raised its annual profit guidance to around £2.9bn, from £2.8bn.\n\n"
            "Sales excluding fuel reached £31.5bn in the first half, the supermarket said."
        ),
        published_at=PUBLISHED,
    )
    kinds = {e.key: e.kind.value for e in article.entities}
    assert kinds["tesco"] == "organization"
    assert the_figure(article, "£2.9bn").subject == "tesco"
    assert the_figure(article, "£31.5bn").subject == "tesco"


def test_countries_listed_in_passing_do_not_take_the_story_away() -> None:
    article = extract_article(
        text=(
            "Sudan displacement tops 10 million, UN says\n\n"
            "More than 10 million people have been forced from their homes by the war in "
            "Sudan, the IOM said on Tuesday.\n\n"
            "Some 2.3 million of them have fled across borders, mostly to Chad, South Sudan "
            "and Egypt, according to the UNHCR.\n\n"
            "Fighting has killed at least 15,000 people since April 2023, ACLED estimated."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "15,000").location == "sudan"


def test_a_club_named_after_a_capital_is_not_the_country() -> None:
    article = extract_article(
        text="Real Madrid reported revenue of 1.073 billion euros for the season, the club said.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "1.073 billion").subject != "spain"
    assert "spain" not in {e.key for e in article.entities}


def test_a_capital_after_an_opener_is_still_its_country() -> None:
    article = extract_article(
        text="But Madrid says it will cut taxes by 2%.", published_at=PUBLISHED
    )
    assert the_figure(article, "2%").subject == "spain"
