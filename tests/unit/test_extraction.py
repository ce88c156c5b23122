"""extract_article end to end on small real-shaped articles (no seed text)."""

from __future__ import annotations

import datetime as dt

import pytest

from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase
from service.domain.model import (
    Entity,
    EntityKind,
    ExtractedArticle,
    ExtractedAssertion,
    Qualifier,
)
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2025, 3, 5, 12, 0, tzinfo=dt.UTC)  # a Wednesday


def _assertions(article: ExtractedArticle) -> list[ExtractedAssertion]:
    return [a for claim in article.claims for a in claim.assertions]


def test_people_named_by_what_they_were_doing_count_as_deaths_and_injuries() -> None:
    article = extract_article(
        text=(
            "At least four skiers were killed and two snowboarders were hurt when an avalanche "
            "struck on Friday. The slide also killed 30 sheep."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "four skiers").quantity == "deaths"
    assert the_figure(article, "two snowboarders").quantity == "injuries"
    assert the_figure(article, "30 sheep").quantity == "sheep"


def test_outcomes_keep_deaths_injuries_and_evacuations_apart() -> None:
    article = extract_article(
        text=(
            "A powerful earthquake struck eastern Turkey on Monday, killing 1,200 people and "
            "injuring 4,300, the interior ministry said. About 150,000 people were evacuated "
            "from Van province, and 380 buildings were destroyed."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "1,200").quantity == "deaths"
    assert the_figure(article, "4,300").quantity == "injuries"
    assert the_figure(article, "150,000").quantity == "evacuated"
    assert the_figure(article, "380").quantity == "buildings destroyed"
    killed = the_figure(article, "1,200")
    assert killed.attributed_to == "interior ministry"
    assert killed.as_of == dt.date(2025, 3, 3)


def test_demonym_gives_the_subject_and_prepositions_the_place() -> None:
    article = extract_article(
        text="Officials said approximately 2,000 French soldiers are stationed in Mali.",
        published_at=PUBLISHED,
    )
    troops = the_figure(article, "2,000")
    assert troops.quantity == "troops"
    assert troops.subject == "france"
    assert troops.location == "mali"
    assert troops.qualifier is Qualifier.APPROX
    assert troops.low == troops.high == 2000


def test_killed_or_wounded_counts_casualties_not_troops() -> None:
    article = extract_article(
        text="More than 300 Sudanese soldiers have been killed or wounded since April.",
        published_at=PUBLISHED,
    )
    figure = the_figure(article, "300")
    assert figure.quantity == "casualties"
    assert figure.subject == "sudan"
    assert figure.qualifier is Qualifier.MORE_THAN


def test_forecast_words_mark_the_figure() -> None:
    article = extract_article(
        text=(
            "The company expects revenue of between $4.3 billion and $4.5 billion next "
            "quarter. Its revenue was $4.21 billion last quarter."
        ),
        published_at=PUBLISHED,
    )
    outlook = the_figure(article, "$4.3 billion")
    actual = the_figure(article, "$4.21 billion")
    assert outlook.is_forecast and not actual.is_forecast
    assert outlook.quantity == actual.quantity == "revenue"
    assert outlook.unit == actual.unit == "USD"


def test_percentages_take_the_noun_before_them() -> None:
    article = extract_article(
        text="Turnout was 67% in the capital, while unemployment rose to 5.2% in March.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "67%").quantity == "turnout"
    assert the_figure(article, "5.2%").quantity == "unemployment rate"


def test_page_chrome_and_bylines_are_not_figures() -> None:
    article = extract_article(
        text=(
            "Flooding hits coastal towns\n\nUpdated: 4 days ago\n\n"
            "Rescuers pulled 40 people from the water, police said.\n\n0 Comments"
        ),
        published_at=PUBLISHED,
    )
    texts = [a.text for a in _assertions(article)]
    assert len(texts) == 1
    assert texts[0].startswith("40")


def test_quote_sentence_inherits_the_speaker_of_its_paragraph() -> None:
    article = extract_article(
        text=(
            "“We will not stop until every family is safe,” Mayor Jane Holloway said. "
            "“This city has never seen anything like it.”"
        ),
        published_at=PUBLISHED,
    )
    speakers = [claim.speaker for claim in article.claims]
    assert speakers and all(s is not None and "Holloway" in s for s in speakers)


def test_claims_without_figures_need_an_entity_and_a_verb() -> None:
    article = extract_article(
        text="The weather was mild. Germany confirmed it had closed the border.",
        published_at=PUBLISHED,
    )
    assert [c.text for c in article.claims] == ["Germany confirmed it had closed the border."]
    assert "germany" in article.claims[0].entities
    assert any(e.key == "germany" for e in article.entities)


def test_offsets_point_into_the_cleaned_text() -> None:
    article = extract_article(
        text="  Police arrested 52 people in Paris on Saturday.\n\n\nAbout 48,000 marched.  ",
        published_at=PUBLISHED,
    )
    for claim in article.claims:
        assert article.text[claim.start : claim.end] == claim.text
        for a in claim.assertions:
            assert article.text[a.start : a.end] == a.text


def test_html_input_is_cleaned_first() -> None:
    html = (
        "<html><head><title>Storm update</title></head><body><nav>Home | News</nav>"
        "<article><h1>Storm update</h1><p>The storm destroyed 120 homes in Florida, "
        "officials said on Tuesday.</p></article></body></html>"
    )
    article = extract_article(html=html, published_at=PUBLISHED)
    assert "Home | News" not in article.text
    homes = the_figure(article, "120")
    assert homes.quantity == "homes destroyed"


def test_exactly_one_input_is_required() -> None:
    with pytest.raises(ValueError):
        extract_article()
    with pytest.raises(ValueError):
        extract_article(text="a", html="<p>a</p>")


def test_a_thousand_figures_in_one_sentence_are_handled() -> None:
    figures = ", ".join(f"{n} homes" for n in range(1, 1001))
    article = extract_article(text=f"Officials counted {figures} in the region.")
    assert 0 < len(_assertions(article)) <= 1000


def test_spans_of_time_and_word_compounds_are_not_figures() -> None:
    article = extract_article(
        text=(
            "Three days after the storm, the bank made its first cut in four years and "
            "announced a 90-day pause, raising concerns over a third-party lender."
        ),
        published_at=PUBLISHED,
    )
    texts = [a.text for a in _assertions(article)]
    assert all("four years" not in t and "Three days" not in t for t in texts)
    assert all("third" not in t for t in texts)


def test_every_key_an_assertion_holds_is_returned_as_an_entity() -> None:
    article = extract_article(
        text=(
            "The Federal Reserve cut interest rates by a quarter of a percentage point. "
            "The Federal Reserve said its benchmark rate now stands at 3.5%. The Federal "
            "Reserve expects inflation of 2.4% next year, the Federal Reserve said."
        ),
        published_at=PUBLISHED,
    )
    known = {e.key for e in article.entities}
    for a in _assertions(article):
        for key in (a.subject, a.location, a.attributor):
            assert key is None or key in known


def test_article_place_fills_figures_that_name_none() -> None:
    article = extract_article(
        text=(
            "Floods in Kenya\n\n"
            "Heavy rain caused flooding across Kenya on Monday. The Kenya Red Cross said "
            "120 people had died. Roads in Kenya were cut, and Kenya's government said 4,000 "
            "homes were destroyed."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "120").location == "kenya"
    assert the_figure(article, "4,000").location == "kenya"


def test_story_across_countries_has_no_article_place() -> None:
    article = extract_article(
        text=(
            "Germany, France and Italy signed the accord. Germany said 300 engineers would "
            "join, France said 200, and Italy pledged support. Officials counted 45 sites."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "45").location is None


def test_chains_and_restatements_keep_the_quantity() -> None:
    article = extract_article(
        text=(
            "Net profit rose 12 per cent to $612m, up from $540m a year earlier. "
            "The fire grew to 12,400 acres, or about 19 square miles, by Wednesday. "
            "Police said 14 officers had been hurt in the capital and 31 officers nationwide."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "12 per cent").quantity == "profit growth"
    assert the_figure(article, "$612m").quantity == "profit"
    assert the_figure(article, "$540m").quantity == "profit"
    assert the_figure(article, "12,400 acres").quantity == "territory burned"
    assert the_figure(article, "19 square miles").quantity == "territory burned"
    assert the_figure(article, "14 officers").quantity == "injuries"
    assert the_figure(article, "31 officers").quantity == "injuries"


def _article(text: str, kb: KnowledgeBase | None = None) -> ExtractedArticle:
    return extract_article(text=text, published_at=PUBLISHED, kb=kb)


def test_participles_and_clauses_name_what_happened() -> None:
    article = _article(
        "At least 18 people remain missing after the landslide, officials said. Nine miners "
        "remain trapped underground. About 320,000 people evacuated ahead of the storm, and "
        "45,000 had fled to neighbouring towns. Some 63 people were rescued from rooftops, and "
        "rescuers pulled 41 people alive from collapsed buildings. More than 1.2 million "
        "children have been vaccinated. About 1.4 million households were without power on "
        "Tuesday."
    )
    assert the_figure(article, "18 people").quantity == "missing"
    assert the_figure(article, "Nine").quantity == "trapped"
    assert the_figure(article, "320,000").quantity == "evacuated"
    assert the_figure(article, "45,000").quantity == "displaced"
    assert the_figure(article, "63").quantity == "rescued"
    assert the_figure(article, "41").quantity == "rescued"
    assert the_figure(article, "1.2 million").quantity == "vaccinations"
    assert the_figure(article, "1.4 million").quantity == "power outages"


def test_things_destroyed_and_damaged_stay_apart() -> None:
    article = _article(
        "Inspectors confirmed that 87 homes and 41 other structures were destroyed. In the "
        "valley, 1,200 houses were flattened and 9,800 damaged, the council said."
    )
    assert the_figure(article, "87").quantity == "homes destroyed"
    assert the_figure(article, "41").quantity == "buildings destroyed"
    assert the_figure(article, "1,200").quantity == "homes destroyed"
    assert the_figure(article, "9,800").quantity == "homes damaged"


def test_money_is_named_by_its_noun_or_verb_frame() -> None:
    article = _article(
        "The government put damage at $1.2 billion. Japan pledged $5 million in emergency "
        "aid and Australia $3 million. Insurers face £800m in losses. The contract is worth "
        "€2.1bn. The cost of rebuilding the bridges had reached $18.5 million by Friday. "
        "The city spent the last of its $160 million in federal COVID-19 relief funds. "
        "The sell-off wiped about $9 billion off the company's market value."
    )
    assert the_figure(article, "$1.2 billion").quantity == "damage"
    assert the_figure(article, "$5 million").quantity == "aid"
    gapped = the_figure(article, "$3 million")
    assert gapped.quantity == "aid"
    assert gapped.subject == "australia"
    assert the_figure(article, "£800m").quantity == "losses"
    assert the_figure(article, "€2.1bn").quantity == "value"
    assert the_figure(article, "$18.5 million").quantity == "cost"
    assert the_figure(article, "$160 million").quantity == "funding"
    assert the_figure(article, "$9 billion").quantity == "market value lost"


def test_shares_changes_and_measures_are_named() -> None:
    article = _article(
        "Inflation at 3.2% remained above target. The retailer reported a 4% rise in sales. "
        "The storm dumped 412 millimetres of rain on the coast, with winds of 185 km/h. The "
        "quake struck at a depth of 1,800 m. Turnout of 61% was the highest since 1990."
    )
    assert the_figure(article, "3.2%").quantity == "inflation"
    assert the_figure(article, "4%").quantity == "revenue growth"
    assert the_figure(article, "412").quantity == "rainfall"
    assert the_figure(article, "185").quantity == "wind speed"
    assert the_figure(article, "1,800").quantity == "depth"
    assert the_figure(article, "61%").quantity == "turnout"


def test_area_taken_is_territory_not_prisoners() -> None:
    article = _article("Ukrainian forces captured 1,000 square kilometres in the offensive.")
    assert the_figure(article, "1,000").quantity == "territory captured"


def test_people_verbs_name_the_count() -> None:
    article = _article(
        "The union said 1.2 million people had taken to the streets. Some 6.1 million people "
        "were eligible to vote. The carmaker employs about 120,000 people. About 7,500 "
        "people were under evacuation orders, and another 3,000 residents of the valley "
        "were under evacuation warnings. The sheriff lifted evacuation orders for about "
        "4,000 residents on Friday."
    )
    assert the_figure(article, "1.2 million").quantity == "protesters"
    assert the_figure(article, "6.1 million").quantity == "voters"
    assert the_figure(article, "120,000").quantity == "employees"
    assert the_figure(article, "7,500").quantity == "evacuated"
    assert the_figure(article, "3,000").quantity == "evacuation warnings"
    # orders lifted let people home: no count of evacuees (a fact of its own)
    assert the_figure(article, "4,000").quantity == "people"


def test_a_source_is_not_the_owner_of_a_toll() -> None:
    article = _article(
        "The World Health Organization said 22 people died in the floods. Russia has sent "
        "3,000 troops to the border region, the ministry said."
    )
    deaths = the_figure(article, "22")
    assert deaths.quantity == "deaths"
    assert deaths.subject is None
    assert the_figure(article, "3,000").subject == "russia"


def test_a_named_event_owns_its_toll() -> None:
    typhoon = Entity(key="typhoon-tamaraw", name="Typhoon Tamaraw", kind=EntityKind.EVENT)
    kb = KnowledgeBase.shipped().with_entities([typhoon])
    article = _article(
        "MANILA (Wire) — Typhoon Tamaraw killed at least 12 people and damaged 4,000 homes in "
        "Isabela province, the disaster agency said on Tuesday.\n\n"
        "The agency said 340,000 people had been evacuated. Typhoon Tamaraw made landfall "
        "on Monday with winds of 185 km/h.",
        kb,
    )
    killed = the_figure(article, "12 people")
    assert killed.quantity == "deaths"
    assert killed.subject == "typhoon-tamaraw"
    assert the_figure(article, "4,000").subject == "typhoon-tamaraw"
    evacuated = the_figure(article, "340,000")
    assert evacuated.quantity == "evacuated"
    assert evacuated.subject == "typhoon-tamaraw"  # the article's event, not the agency


def test_a_distance_is_placed_where_it_is_measured_from() -> None:
    article = _article(
        "The fire was burning in the hills about 50 miles from Los Angeles, officials said."
    )
    distance = the_figure(article, "50 miles")
    assert distance.location == "los-angeles"
    assert distance.subject is None


def test_a_body_announcing_a_sum_owns_it_but_not_a_clause_it_reports() -> None:
    article = _article(
        "The European Union announced €20 million in emergency funding on Tuesday. The "
        "World Health Organization said 3,000 people had been infected."
    )
    funding = the_figure(article, "€20 million")
    assert funding.quantity == "aid"  # emergency funding is aid
    assert funding.subject == "european-union"
    cases = the_figure(article, "3,000")
    assert cases.quantity == "cases"
    assert cases.subject is None


def test_a_name_before_at_owns_the_share() -> None:
    article = _article(
        "The exit poll had projected the CDU at between 32 and 34 per cent and the AfD at "
        "16 to 18 per cent."
    )
    assert the_figure(article, "16 to 18").subject == "afd"


def test_a_country_modifying_the_source_is_not_the_owner() -> None:
    article = _article(
        "Shares fell 8% after the U.S. chipmaker said it would cut about 1,400 jobs, analysts said."
    )
    assert the_figure(article, "1,400").subject != "united-states"


def test_places_fronted_appositive_origin_and_dateline() -> None:
    fire = _article("The fire near Fillmore, California, has destroyed 87 homes.")
    assert the_figure(fire, "87").location == "fillmore"
    fled = _article("About 3,000 people fled from Rafah on Monday.")
    moved = the_figure(fled, "3,000")
    assert moved.quantity == "displaced"
    assert moved.location == "rafah"
    assert moved.subject is None  # a town people left is not their owner
    wire = _article(
        "NAIROBI, May 2 (Reuters) - Floods have killed at least 41 people, the Red Cross said."
    )
    toll = the_figure(wire, "41")
    assert toll.location == "kenya"  # the dateline is the only place; the agency no owner
    assert toll.subject is None
    across = _article("Protests throughout France drew 1.2 million people on Thursday.")
    crowd = the_figure(across, "1.2 million")
    assert crowd.location == "france"
    assert crowd.subject is None


def test_markets_health_and_votes_wording() -> None:
    article = _article(
        "The ruling party won 54% of the vote. Brent crude fell 2% to $78 a barrel, while "
        "gold rose to a record $2,450 an ounce. The outbreak has killed 87 people. Another "
        "230 remain in hospital. Floods washed away 350 homes; at least 120 houses were "
        "swept away in the next valley. The vaccine was 91% effective in trials."
    )
    assert the_figure(article, "54%").quantity == "share"
    assert the_figure(article, "2%").quantity == "crude decline"  # not the $78 price
    assert the_figure(article, "$78").quantity == "price"
    assert the_figure(article, "$2,450").quantity == "price"
    assert the_figure(article, "230").quantity == "hospitalized"
    assert the_figure(article, "120").quantity == "homes destroyed"
    assert the_figure(article, "91%").quantity == "efficacy"


def test_earnings_per_share_is_not_a_price() -> None:
    article = _article("The company earned $1.48 a share in the quarter.")
    assert the_figure(article, "$1.48").quantity != "price"


def test_a_name_modifying_a_toll_before_the_figure_owns_it() -> None:
    article = _article("Western officials put Ukrainian casualties at about 400,000.")
    toll = the_figure(article, "400,000")
    assert toll.quantity == "casualties"
    assert toll.subject == "ukraine"


def test_conflict_and_disaster_wire_wording() -> None:
    article = _article(
        "Russia launched 96 drones overnight, the air force said, adding that 82 drones were "
        "shot down. The storm made landfall on Monday, knocking out power to more than 3 "
        "million homes. The blaze has scorched 14,000 hectares of forest and forced 2,300 "
        "residents to flee. Congress allocated $95 billion in foreign aid, including $61 "
        "billion for Ukraine."
    )
    assert the_figure(article, "96").quantity == "drones"
    assert the_figure(article, "82").quantity == "drones intercepted"
    assert the_figure(article, "3 million").quantity == "power outages"
    assert the_figure(article, "14,000").quantity == "territory burned"
    assert the_figure(article, "2,300").quantity == "displaced"
    assert the_figure(article, "$61 billion").quantity == "aid"


def test_a_bill_is_no_cost() -> None:
    article = _article("The bill was approved by 52 senators on Tuesday.")
    assert the_figure(article, "52").quantity != "cost"


def test_a_company_named_once_then_by_its_kind_owns_the_story_figures() -> None:
    article = _article(
        "Shares of Tesla fell 6% on Thursday after the carmaker missed forecasts.\n\n"
        "The company reported quarterly revenue of $25.2 billion, and the carmaker said it "
        "would cut about 3,000 jobs. The company's margin narrowed to 16.3% from 18.2%, "
        "well below Wall Street expectations, and the firm lowered its delivery outlook."
    )
    revenue = the_figure(article, "$25.2 billion")
    assert revenue.quantity == "revenue"
    assert revenue.subject == "tesla"
    assert revenue.location != "wall-street"
    assert the_figure(article, "3,000").subject == "tesla"


def test_a_verb_changing_a_noun_before_a_share_makes_it_a_change() -> None:
    article = _article("The cloud unit grew revenue 19% to $27.5 billion in the quarter.")
    assert the_figure(article, "19%").quantity == "revenue growth"
    assert the_figure(article, "$27.5 billion").quantity == "revenue"


def test_money_noun_heads_its_phrase_and_reaches_past_a_relative_clause() -> None:
    article = _article(
        "The general fund, which pays for most day-to-day services, will grow 3.2% to $834 "
        "million. The city faces a gap of $25 million in the following year unless revenue "
        "grows faster than expected."
    )
    assert the_figure(article, "$834 million").quantity == "funding"
    assert the_figure(article, "$25 million").quantity != "revenue"


def test_bodies_count_crowds_without_owning_them() -> None:
    article = _article(
        "Nationally, the interior ministry counted 310,000 protesters at more than 200 "
        "rallies, while the union said 1.2 million people had taken to the streets."
    )
    assert the_figure(article, "310,000").subject is None
    assert the_figure(article, "1.2 million").quantity == "protesters"


def test_tested_positive_counts_cases_and_a_month_is_no_march() -> None:
    article = _article(
        "Of the 3,500 passengers on board, 210 tested positive. About 2,000 people march "
        "on Saturdays in the capital, organisers said."
    )
    assert the_figure(article, "210").quantity == "cases"
    assert the_figure(article, "2,000").quantity != "protesters"  # no base form: "in March"


def test_a_crowd_and_the_people_taking_part_are_one_count() -> None:
    article = _article(
        "Police put the size of the crowd at the march at 48,000, while the union said 160,000 "
        "people had taken part."
    )
    assert (
        the_figure(article, "48,000").quantity
        == the_figure(article, "160,000").quantity
        == "protesters"
    )


def test_relative_clauses_verbs_after_sums_and_british_spellings() -> None:
    article = _article(
        "Sales to data centres, which reached a record $1.87bn, are booming. The forecast of "
        "$4.3 billion disappointed investors. The group will merge two design centres."
    )
    assert the_figure(article, "$1.87bn").quantity == "revenue"
    assert the_figure(article, "$4.3 billion").quantity != "investors"
    assert the_figure(article, "two design").quantity == "centers"


def test_a_verb_after_a_noun_ends_the_noun_phrase() -> None:
    article = _article("The 25-basis-point cut brings the benchmark rate to 3.75%.")
    assert the_figure(article, "25-basis-point").quantity != "brings"


def test_a_clause_without_a_place_shares_the_previous_clause_scene() -> None:
    article = _article(
        "Floods across Nigeria have displaced 200,000 people this year, officials say. "
        "Nigeria's rainy season runs until October. Rivers in Nigeria remain high.\n\n"
        "On Tuesday the agency revised the flood toll in Lagos to 64, up from 41 on Monday. "
        "Police said 112 people had been rescued and 30 were still unaccounted for."
    )
    assert the_figure(article, "64").location == "lagos"
    earlier = the_figure(article, "41")
    assert earlier.location == "lagos"  # "up from 41": the same toll, the same place
    assert earlier.quantity == "deaths"
    assert the_figure(article, "30").quantity == "missing"


def test_number_of_names_the_count_and_a_comparison_takes_the_figure_before() -> None:
    article = extract_article(
        text=(
            "The number of patient pathways waiting for treatment in Wales fell to 784,300 "
            "in September. The union said drought losses had reached €1.9 billion, well above "
            "the €1.2 billion estimated by the growers' association Asaja."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "784,300").quantity == "pathways"
    assert (
        the_figure(article, "€1.2 billion").quantity == the_figure(article, "€1.9 billion").quantity
    )
    assert the_figure(article, "€1.2 billion").attributed_to == "growers' association Asaja"


def test_number_of_with_an_outcome_keeps_the_outcome() -> None:
    article = extract_article(
        text="The number of people killed in the fire has risen to 21, the agency said.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "21").quantity == "deaths"


def test_responders_sent_are_placed_only_when_said_and_donor_aid_goes_to_the_country() -> None:
    article = extract_article(
        text=(
            "VAN, Turkey (Wire) — An earthquake killed 1,200 people in Van province on Monday. "
            "The fire service said it had deployed 60 divers. "
            "The United Kingdom pledged £5 million in aid."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "60 divers").location is None
    assert the_figure(article, "£5 million").location == "turkey"


def test_a_crop_area_is_land_and_what_a_disaster_has_cost_is_a_loss() -> None:
    article = extract_article(
        text=(
            "Asaja estimates that the drought has already cost Andalusian agriculture "
            "€1.2 billion, and some 300,000 hectares of wheat have been written off."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "€1.2 billion").quantity == "losses"
    assert the_figure(article, "300,000 hectares").quantity == "territory"


def test_a_licensed_capacity_is_not_a_head_count() -> None:
    article = extract_article(
        text=(
            "The ferry was carrying about 250 passengers when it overturned. The vessel was "
            "licensed to carry 150. Its permit allowed 150 passengers, officials said."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "250").quantity == "people"
    capacities = [a for a in _assertions(article) if a.low == 150]
    assert [a.quantity for a in capacities] == ["capacity", "capacity"]


def test_a_countrys_own_figure_is_national_in_a_regional_story() -> None:
    article = extract_article(
        text=(
            "SEVILLE (Wire) — Drought has hit Andalusia hard, and farmers in Andalusia fear "
            "for the harvest. Spain's olive oil output is expected to fall to about 850,000 "
            "tonnes. Some 300,000 hectares of wheat have been lost in Andalusia."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "850,000").location == "spain"
    assert the_figure(article, "300,000").location == "andalusia"


def test_who_pledges_a_sum_owns_it_and_says_it() -> None:
    article = extract_article(
        text="VAN, Turkey (Wire) — The United States pledged $15 million in emergency aid.",
        published_at=PUBLISHED,
    )
    aid = the_figure(article, "$15 million")
    assert aid.subject == "united-states"
    assert aid.attributor == "united-states"


def test_a_graver_subset_of_them_is_a_count_of_its_own() -> None:
    article = extract_article(
        text=(
            "Hospital officials said 40 workers were being treated for burns, six of them in a "
            "critical condition."
        ),
        published_at=PUBLISHED,
    )
    treated = the_figure(article, "40")
    critical = the_figure(article, "six")
    assert critical.quantity != treated.quantity
    assert critical.quantity.startswith("critical")


def test_admitted_to_hospital_counts_the_hospitalized() -> None:
    article = extract_article(
        text="Health officials said three children have been admitted to hospital.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "three").quantity == "hospitalized"


def test_colleagues_still_trapped_are_counted_as_trapped() -> None:
    article = extract_article(
        text="Rescuers searched for seven colleagues still trapped underground.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "seven").quantity == "trapped"


def test_time_words_after_a_measured_figure_are_not_what_it_counts() -> None:
    article = extract_article(
        text="Inspectors found a methane concentration of 2.5 per cent minutes before the blast.",
        published_at=PUBLISHED,
    )
    reading = the_figure(article, "2.5")
    assert reading.text == "2.5 per cent"
    assert reading.quantity != "minutes"


def test_the_head_of_an_of_phrase_names_what_is_measured() -> None:
    article = extract_article(
        text=(
            "The governor said the cost of rebuilding could exceed 19 billion reais "
            "($3.7 billion). The value of the contract was $40 million, the company said."
        ),
        published_at=PUBLISHED,
    )
    reais, dollars = the_figure(article, "19 billion"), the_figure(article, "$3.7 billion")
    assert reais.quantity == dollars.quantity == "cost"
    # a conversion in brackets is the same statement: same qualifier, same forecast flag
    assert dollars.qualifier is reais.qualifier
    assert dollars.is_forecast is reais.is_forecast
    assert the_figure(article, "$40 million").quantity == "value"


def test_a_noun_before_a_prepositional_phrase_heads_it() -> None:
    article = extract_article(
        text=(
            "The number of asylum applications rose to 84,000 last year. Unemployment in "
            "Spain fell to 11.2% in May. The death toll from the earthquake in Van province "
            "rose to 2,600. Passenger numbers at the airport reached 5.6 million in July."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "84,000").quantity == "applications"
    assert the_figure(article, "11.2%").quantity == "unemployment rate"
    assert the_figure(article, "2,600").quantity == "deaths"
    assert the_figure(article, "5.6 million").quantity == "people"  # passengers


def test_the_level_reached_after_a_change_counts_the_noun() -> None:
    article = extract_article(
        text="Arrivals by sea fell 40% to 12,300 in the first quarter.", published_at=PUBLISHED
    )
    assert the_figure(article, "40%").quantity == "arrival decline"
    assert the_figure(article, "12,300").quantity == "arrivals"


def test_a_part_of_a_counted_whole_counts_the_whole_noun() -> None:
    article = extract_article(
        text=(
            "Some 2.1 million residents have been affected in 446 of the state's 497 "
            "municipalities. Police said 30 of the 45 buses were damaged."
        ),
        published_at=PUBLISHED,
    )
    # the part is counted among its whole, unless its own outcome sets it apart
    assert the_figure(article, "446").quantity == "municipalities among the 497"
    assert the_figure(article, "497").quantity == "municipalities"
    assert the_figure(article, "30").quantity == "buses damaged"
    assert the_figure(article, "45").quantity == "buses"


def test_a_temperature_is_a_temperature_whatever_reached_it() -> None:
    article = extract_article(
        text=(
            "Temperatures in the country's largest city reached 44.8C on Tuesday and were "
            "expected to climb back to 43C by Friday."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "44.8C").quantity == "temperature"
    assert the_figure(article, "43C").quantity == "temperature"


def test_a_water_body_measured_in_metres_is_its_level_and_a_past_record_apart() -> None:
    article = extract_article(
        text=(
            "The river in the city peaked at 5.33 metres on Sunday, surpassing the 4.76 "
            "metres reached during a historic flood in 1941. Water levels downstream rose to "
            "3.1 metres. The fire was 3 km from the river."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "5.33").quantity == "water level"
    assert the_figure(article, "4.76").quantity == "record water level"
    assert the_figure(article, "3.1").quantity == "water level"
    assert the_figure(article, "3 km").quantity != "water level"


def test_announced_decisions_are_not_forecasts() -> None:
    article = extract_article(
        text=(
            "Corvane Systems will eliminate 1,950 positions, the company said. The club said "
            "the fee would be paid in three instalments. Revenue will reach $5 billion next "
            "year, the company said. The company would likely cut 300 jobs."
        ),
        published_at=PUBLISHED,
    )
    assert not the_figure(article, "1,950").is_forecast  # "will eliminate": decided
    wage = extract_article(text="The striker will pocket £180,000 a week.", published_at=PUBLISHED)
    assert not the_figure(wage, "£180,000").is_forecast  # a contract's pay, agreed
    assert not the_figure(article, "three").is_forecast  # "would be paid": decided
    assert the_figure(article, "$5 billion").is_forecast  # "will reach": a projection
    assert the_figure(article, "300").is_forecast  # "likely" keeps it a forecast


def test_money_with_a_hyphenated_rate_is_a_figure() -> None:
    article = extract_article(
        text="The forward will earn £180,000-a-week, and a third-party agent was paid.",
        published_at=PUBLISHED,
    )
    wage = the_figure(article, "£180,000")
    assert (wage.low, wage.unit) == (180000, "GBP")
    assert all("third" not in a.text for a in _assertions(article))


def test_prison_terms_are_figures_other_spans_of_time_are_not() -> None:
    article = extract_article(
        text=(
            "A Paris court sentenced Marc Le Goff to four years in prison on Tuesday. Two "
            "managers were jailed for 18 months. The trial had lasted three years in all."
        ),
        published_at=PUBLISHED,
    )
    prison = the_figure(article, "four years")
    months = the_figure(article, "18 months")
    assert (prison.quantity, prison.unit, prison.low) == ("sentence", "year", 4)
    assert (months.quantity, months.unit) == ("sentence", "month")
    assert all("three years" not in a.text for a in _assertions(article))


def test_a_sum_earned_per_week_or_hour_is_wages_a_cost_per_day_is_not() -> None:
    article = extract_article(
        text=(
            "The striker will earn £180,000 a week. Cleaners are paid $15 an hour. The "
            "strike is costing the airline €9m a day."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "£180,000").quantity == "wages"
    assert the_figure(article, "$15").quantity == "wages"
    assert the_figure(article, "€9m").quantity != "wages"  # a rate alone is no pay


def test_a_money_verb_names_the_sum_past_its_object() -> None:
    article = extract_article(
        text=(
            "A Paris court on Tuesday fined home-insulation company Verdalis 3.5 million euros. "
            "The strike cost the airline €9m. The retailer raised its dividend $2. The regent "
            "pledged compensation of about $3,000 for each family."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "3.5 million").quantity == "fine"
    assert the_figure(article, "€9m").quantity == "cost"
    assert the_figure(article, "$2").quantity == "amount"  # "raised": no payee, no sum named
    assert the_figure(article, "$3,000").quantity == "compensation"  # the noun, not the verb


def test_workers_laid_off_or_losing_their_jobs_count_jobs() -> None:
    article = extract_article(
        text=(
            "The union said about 2,400 workers would lose their jobs. The firm laid off 300 "
            "workers in March. Analysts said 500 jobs would likely disappear. The army fired "
            "40 rockets."
        ),
        published_at=PUBLISHED,
    )
    union = the_figure(article, "2,400")
    assert union.quantity == "jobs" and not union.is_forecast  # job cuts announced
    assert the_figure(article, "300 workers").quantity == "jobs"
    assert the_figure(article, "500 jobs").is_forecast
    assert the_figure(article, "40 rockets").quantity == "missiles"


def test_a_time_phrase_after_the_noun_does_not_name_the_quantity() -> None:
    article = extract_article(
        text=(
            "France's soft wheat harvest this summer is estimated at 33.6 million tonnes. The "
            "deal lifts the club's spending in this window to about £112 million."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "33.6").quantity == "wheat harvest"
    assert the_figure(article, "£112").quantity == "cost"


def test_a_percentage_above_or_below_a_base_is_a_change() -> None:
    article = extract_article(
        text="The new estimate is 5.8% above the 2025 crop and 2% below the ministry's.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "5.8%").quantity == "harvest growth"  # "crop" is a harvest
    assert the_figure(article, "2%").quantity == "decline"


def test_a_harvest_or_trade_figure_keeps_its_good() -> None:
    article = extract_article(
        text=(
            "The wheat crop was estimated at 33.6 million tonnes. The winter barley crop was "
            "estimated at 8.3 million tonnes. About 40% of the crop is exported."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "33.6").quantity == "wheat harvest"
    assert the_figure(article, "8.3").quantity == "barley harvest"
    assert the_figure(article, "40%").quantity == "harvest"  # no good named


def test_a_change_over_a_named_period_holds_at_its_end() -> None:
    article = extract_article(
        text=(
            "The company reported revenue of $3.8 billion for 2024, a 9% increase. The "
            "index was up 0.6% on Tuesday."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "9%").as_of == dt.date(2024, 12, 31)
    assert the_figure(article, "0.6%").as_of == dt.date(2025, 3, 4)  # a day stays a day


def test_a_suspended_part_of_a_prison_term_is_a_fact_of_its_own() -> None:
    article = extract_article(
        text="The court sentenced Marc Le Goff to four years in prison, two of them suspended.",
        published_at=PUBLISHED,
    )
    whole = the_figure(article, "four years")
    part = the_figure(article, "two")
    assert (whole.quantity, whole.unit) == ("sentence", "year")
    assert (part.quantity, part.unit, part.low) == ("suspended sentence", "year", 2)


def test_weeks_of_severance_or_leave_are_figures_days_of_fighting_are_not() -> None:
    article = extract_article(
        text=(
            "Departing staff will receive 16 weeks of severance pay and six months of health "
            "coverage. After three days of fighting, the army withdrew."
        ),
        published_at=PUBLISHED,
    )
    severance = the_figure(article, "16 weeks")
    assert (severance.quantity, severance.unit, severance.low) == ("severance", "week", 16)
    assert the_figure(article, "six months").quantity == "coverage"
    assert all("three days" not in a.text for a in _assertions(article))


def test_a_sum_is_named_by_no_people_noun_and_no_pronoun() -> None:
    article = extract_article(
        text="Victims were awarded €12.6m, about a quarter of the €48m they had sought.",
        published_at=PUBLISHED,
    )
    awarded = the_figure(article, "€12.6m")
    sought = the_figure(article, "€48m")
    assert awarded.quantity not in {"people", "victims"}
    assert sought.text == "€48m" and sought.quantity != "they"


def test_power_cut_in_the_passive_counts_outages() -> None:
    article = extract_article(
        text=(
            "Power was cut to 1.2 million homes across the region. Electricity has been "
            "knocked out for 300,000 customers. The storm damaged 500 homes."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "1.2 million").quantity == "power outages"
    assert the_figure(article, "300,000").quantity == "power outages"
    assert the_figure(article, "500 homes").quantity != "power outages"


def test_a_noun_revised_in_the_passive_names_its_new_figure() -> None:
    article = extract_article(
        text=(
            "Corn output was cut to 119 million tonnes. The damages awarded were cut to 12.1 "
            "million euros."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "119").quantity == "maize production"
    assert the_figure(article, "12.1").quantity == "damage"


def test_an_age_band_is_not_a_figure() -> None:
    article = extract_article(
        text=(
            "Burundi has reported 1,100 cases, mostly among children under five. Vaccines "
            "went to 3,000 children under 12, and more than 40 people under arrest were freed."
        ),
        published_at=PUBLISHED,
    )
    texts = [a.text for a in _assertions(article)]
    assert not any(t.startswith("under") for t in texts), texts
    assert the_figure(article, "3,000").low == 3000
    assert the_figure(article, "40 people").low == 40


def test_an_economy_that_shrank_or_contracted_declined() -> None:
    article = extract_article(
        text="Germany's economy shrank 0.2% in the third quarter, and output contracted 3%.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "0.2%").quantity == "decline"
    assert the_figure(article, "3%").quantity == "decline"


def test_a_place_built_for_a_number_states_its_capacity() -> None:
    article = extract_article(
        text=(
            "The reception centre, built for 400 people, was holding 1,300. Funds were meant "
            "for 5,000 farmers."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "400").quantity == "capacity"
    assert the_figure(article, "1,300").quantity != "capacity"
    assert the_figure(article, "5,000").quantity != "capacity"


def test_a_relative_clause_between_commas_does_not_cut_a_figure_from_its_subject() -> None:
    article = extract_article(
        text=(
            "Core inflation, which excludes food and energy prices, eased to 3.1% in March. "
            "Volkswagen, which is based in Wolfsburg, in which the state holds a 20 per cent "
            "stake, cut jobs."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "3.1%").quantity == "core inflation"
    stake = the_figure(article, "20 per cent")
    assert (stake.quantity, stake.subject) == ("share", "volkswagen")


def test_a_figure_compared_with_another_counts_the_same_thing() -> None:
    article = extract_article(
        text="The WHO put the case fatality rate at 2.7%, compared with the 2.0% cited by the "
        "ministry.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "2.0%").quantity == the_figure(article, "2.7%").quantity
    assert the_figure(article, "2.0%").quantity == "fatality rate"


def test_a_figure_referred_to_as_a_figure_counts_what_the_article_was_counting() -> None:
    article = extract_article(
        text=(
            "Police said 48,000 protesters marched in Paris.\n\n"
            "The prefecture is sticking to its figure of 45,000, and the count by Occurrence, "
            "at 61,000, sits in between.\n\nOrganisers hired 12 buses."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "45,000").quantity == "protesters"
    assert the_figure(article, "61,000").quantity == "protesters"
    assert the_figure(article, "12 buses").quantity == "buses"


def test_economic_release_changes_bases_periods_and_forecast_scope() -> None:
    article = extract_article(
        text=(
            "Exports rose 8.7% year on year in November from 3.4% in October, beating "
            "economists' forecasts of a 5.0% increase and accelerating from 2.1% growth in "
            "September. The trade surplus widened to $97.4 billion. Core inflation, which "
            "excludes food and energy, eased to 3.0%."
        ),
        published_at=dt.datetime(2026, 12, 7, 4, tzinfo=dt.UTC),
    )
    rise = the_figure(article, "8.7%")
    # a change over a month holds at the month's end, as the month's figures do
    assert (rise.text, rise.quantity, rise.as_of) == (
        "8.7%",
        "export growth",
        dt.date(2026, 11, 30),
    )
    assert the_figure(article, "3.4%").as_of == dt.date(2026, 10, 31)
    assert the_figure(article, "5.0%").is_forecast
    earlier = the_figure(article, "2.1%")
    assert (earlier.is_forecast, earlier.as_of) == (False, dt.date(2026, 9, 30))
    assert the_figure(article, "$97.4 billion").quantity == "surplus"
    assert the_figure(article, "3.0%").quantity == "core inflation"


def test_polls_and_their_pollsters_own_no_figure_and_speak_for_none() -> None:
    article = extract_article(
        text=(
            "Imports fell 1.2%, compared with a 0.8% decline expected in a Reuters poll, "
            "leaving a trade surplus of $97.4 billion. Zhang Wei of Harbour Securities said "
            "he expected exports to grow about 5% in 2027."
        ),
        published_at=PUBLISHED,
    )
    surplus = the_figure(article, "$97.4 billion")
    assert (surplus.subject, surplus.attributed_to) == (None, None)
    assert the_figure(article, "about 5%").attributed_to == "Zhang Wei"
    names = {e.name: e.kind for e in article.entities}
    assert names.get("Zhang Wei") is EntityKind.PERSON
    assert "Harbour Securities" in names


def test_deal_prices_valuations_and_reported_results() -> None:
    article = extract_article(
        text=(
            "Halvorsen Group agreed to buy Kestrel Foods for $12.4 billion, or $48 a share. "
            "People familiar "
            "with the deal said it values the snack maker at $12.6bn including debt.\n\n"
            "Kestrel, which has 9,200 employees, reported sales of $5.6bn in 2025. Halvorsen "
            "expects annual cost savings of $400 million."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "$12.4 billion").quantity == "value"
    assert the_figure(article, "$48").quantity == "offer price per share"
    assert the_figure(article, "$12.6bn").quantity == "value"
    sales = the_figure(article, "$5.6bn")
    assert (sales.quantity, sales.subject) == ("revenue", "kestrel-foods")
    assert the_figure(article, "$400 million").quantity == "savings"


def test_poll_shares_belong_to_the_party_named_before_them_and_days_are_no_figures() -> None:
    article = extract_article(
        text=(
            "The survey of 2,104 adults, conducted on May 14 and 15, put Labour on 31%, with "
            "the Tories on 25%."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "31%").subject == "labour-party"
    assert the_figure(article, "25%").subject == "conservative-party-uk"
    texts = [a.text for claim in article.claims for a in claim.assertions]
    assert not any(t.startswith("15") for t in texts)
    on_day = extract_article(text="On May 14 and 15 people were hurt.", published_at=PUBLISHED)
    assert the_figure(on_day, "15 people").quantity == "injuries"


def test_a_change_in_a_determined_noun_is_a_change_of_that_noun() -> None:
    article = _article(
        "Walking was linked to a 47 per cent reduction in the risk of early death. The firm "
        "reported a 9% rise in its revenue."
    )
    assert the_figure(article, "47 per cent").quantity == "risk decline"
    assert the_figure(article, "9%").quantity == "revenue growth"


def test_an_appositive_between_a_measure_and_its_verb_is_skipped() -> None:
    article = _article(
        "Halden Bank reported a second-quarter net profit of 4.6 billion crowns.\n\n"
        "Net interest income, the bank's main source of revenue, rose 11% to 9.8 billion "
        "crowns."
    )
    assert the_figure(article, "9.8 billion").quantity == "income"


def test_money_a_body_needs_or_pays_is_funding_or_cost() -> None:
    article = _article(
        "The World Food Programme says it needs $38 million to feed 250,000 people. The club "
        "paid $12 million last year."
    )
    assert the_figure(article, "$38 million").quantity == "funding"
    assert the_figure(article, "$12 million").quantity == "cost"
