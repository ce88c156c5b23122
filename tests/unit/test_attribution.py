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


def _source_of(text: str, figure: str) -> Attribution | None:
    return attribution_for(_events(text), text.index(figure))


def test_citing_names_the_source_and_the_relay_does_not() -> None:
    text = (
        "The death toll rose to 1,200 on Thursday, the Associated Press reported, citing "
        "Turkey's disaster agency."
    )
    source = _source_of(text, "1,200")
    assert source is not None and source.attributor == "afad"
    text = "Reuters, citing the Philippine coast guard, said 12 boats were missing."
    source = _source_of(text, "12 boats")
    assert source is not None and source.attributor == "philippines-coast-guard"


def test_passive_by_names_the_source_but_not_a_time() -> None:
    text = "A figure of 4,000 deaths was reported by the Malawi Red Cross Society on Monday."
    source = _source_of(text, "4,000")
    assert source is not None and source.name is not None and "Red Cross" in source.name
    text = "More than 150 aftershocks had been recorded by the afternoon."
    assert _source_of(text, "150") is None
    text = "The toll of 1,200, cited by the Associated Press, is expected to rise."
    source = _source_of(text, "1,200")
    assert source is not None and source.attributor == "associated-press"


def test_data_of_a_body_show_a_figure() -> None:
    source = _source_of("UN data show 2.3 million people have fled.", "2.3 million")
    assert source is not None and source.attributor == "united-nations"
    source = _source_of("The health ministry's figures show 4,800 cases.", "4,800")
    assert source is not None and source.name == "health ministry"
    assert _events("The results show 12% growth.") == []


def test_a_clause_after_said_is_not_a_source() -> None:
    text = "Brightwell Semiconductor Inc. said revenue rose 12% to $4.2 billion."
    events = _events(text[text.index("said") :])
    assert all(e.name != "revenue rose" for e in events)


def test_pronoun_prefers_the_source_of_its_own_sentence() -> None:
    earlier = _events("The health ministry said 612 patients were in hospital.")[0]
    text = "The World Health Organization said it had recorded 162 deaths."
    kb = KnowledgeBase.shipped()
    who = kb.get("who")
    assert who is not None
    mentions = find_entities(text, kb).mentions
    events = find_attributions(text, 0, len(text), mentions, {"who": who}, last_body=earlier)
    source = attribution_for(events, text.index("162"))
    assert source is not None and source.attributor == "who"


def test_long_appositive_between_source_and_verb() -> None:
    text = (
        "But AKUT, a volunteer search and rescue association whose teams have been working in "
        "mountain villages north of the lake, said on Wednesday that more than 4,000 people "
        "had died."
    )
    source = _source_of(text, "4,000")
    assert source is not None and source.name == "AKUT"
    text = (
        "Volkswagen, which is based in Wolfsburg, in which the state holds a stake and which "
        "employed about 120,000 people, announced thousands of job cuts."
    )
    assert all(e.name != "Wolfsburg" for e in _events(text))


def test_report_inside_a_speakers_clause_keeps_the_speaker() -> None:
    text = "The WHO said Malawi had recorded more than 4,800 cases by Sunday."
    source = _source_of(text, "4,800")
    assert source is not None and source.attributor == "who"


def test_participle_by_right_after_a_figure_names_its_source() -> None:
    text = "The WHO put the fatality rate at 2.7%, compared with the 2.0% cited by the ministry."
    first, second = _source_of(text, "2.7%"), _source_of(text, "2.0%")
    assert first is not None and first.attributor == "who"
    assert second is not None and second.name == "ministry"


def test_possessive_count_names_its_source() -> None:
    text = (
        "Nationally, the interior ministry's count of 310,000 protesters compares with "
        "the CGT's claim of more than a million."
    )
    first, second = _source_of(text, "310,000"), _source_of(text, "a million")
    assert first is not None and first.name == "interior ministry"
    assert second is not None and second.name == "CGT"


def test_coordinated_verb_shares_the_source() -> None:
    text = (
        "Fire officials expect containment to reach 70% by Sunday, but warned that the burned "
        "area could rise to about 30,000 acres."
    )
    source = _source_of(text, "30,000")
    assert source is not None and source.name == "Fire officials"


def test_closing_named_body_reports_what_unnamed_teams_confirmed() -> None:
    text = "Inspection teams have confirmed that 87 homes were destroyed, Cal Fire said."
    source = _source_of(text, "87")
    assert source is not None and source.attributor == "cal-fire"


def test_according_to_a_result_published_by_a_body() -> None:
    text = (
        "The party won 33.8 per cent, according to the preliminary result published overnight "
        "by the state returning officer."
    )
    source = _source_of(text, "33.8")
    assert source is not None and source.name == "state returning officer"


def test_the_organisation_refers_back_to_the_body_named_before() -> None:
    text = (
        "The Red Cross shelter at the Fillmore High School, which housed 240 people on "
        "Tuesday, had 85 people on Friday, the organisation said."
    )
    source = _source_of(text, "85")
    assert source is not None and source.attributor == "icrc"
    earlier = _events("About 4,800 acres burned, according to Cal Fire.")[0]
    text = "Crews had it 5% contained on Wednesday, the agency said."
    kb = KnowledgeBase.shipped()
    cal_fire = kb.get("cal-fire")
    assert cal_fire is not None
    events = find_attributions(text, 0, len(text), [], {"cal-fire": cal_fire}, None, earlier)
    source = attribution_for(events, text.index("5%"))
    assert source is not None and source.attributor == "cal-fire"


FLOODS = (
    "ISLAMABAD (Reuters) - The death toll from monsoon floods in Pakistan has risen to 1,136, "
    "the country's National Disaster Management Authority (NDMA) said on Monday. More than "
    "33 million people have been affected, according to the NDMA."
)


def test_described_body_and_its_acronym_are_one_source() -> None:
    first = _source_of(FLOODS, "1,136")
    second = _source_of(FLOODS, "33 million")
    assert first is not None and second is not None
    assert first.attributor == second.attributor == "pakistan-disaster-agency"
    assert first.name == "National Disaster Management Authority"
    text = (
        "UNICEF estimated that 3.4 million children needed aid, citing figures from the "
        "provincial health department."
    )
    children = _source_of(text, "3.4")
    assert children is not None and children.name == "provincial health department"


def test_spokesman_of_a_body_named_before_and_figures_released_by() -> None:
    earlier = _events("Georgia's interior ministry put the crowd at 28,000.")[0]
    assert earlier.attributor == "georgia-interior-ministry"
    text = "Police detained 43 people overnight, a ministry spokesman said."
    kb = KnowledgeBase.shipped()
    body = kb.with_entities(find_entities("Georgia's interior ministry", kb).discovered).get(
        "georgia-interior-ministry"
    )
    assert body is not None
    events = find_attributions(text, 0, len(text), [], {body.key: body}, None, earlier)
    source = attribution_for(events, text.index("43"))
    assert source is not None and source.attributor == "georgia-interior-ministry"
    assert source.name == "ministry spokesman"
    text = "According to figures released by the ombudsman's office, 27 journalists were hurt."
    source = _source_of(text, "27")
    assert source is not None and source.name == "ombudsman's office"
    assert _events("The court released 12 prisoners on Friday.") == []


def test_inverted_speaker_after_a_quote_with_a_lowercase_title() -> None:
    text = "“We counted 48,000 people,” said police spokesman Jean Dupont."
    source = _source_of(text, "48,000")
    assert source is not None and source.name == "Jean Dupont"
    text = "Brightwell Semiconductor Inc. said revenue rose 12% to $4.2 billion."
    clause = text[text.index("said") :]
    assert all(e.name != "revenue rose" for e in _events(clause))


def _source_name(text: str, figure: str) -> str | None:
    event = attribution_for(_events(text), text.index(figure))
    return event.name if event is not None else None


def test_given_by_names_the_source_of_the_figure_before_it_only() -> None:
    text = "The agency put the number of injured at 31, up from the 29 given by police."
    assert _source_name(text, "29") == "police"
    assert _source_name(text, "31") != "police"


def test_passive_source_read_across_a_plural_possessive() -> None:
    text = (
        "The union said losses had reached €1.9 billion, well above the €1.2 billion "
        "estimated by the growers' association Asaja two days earlier, and warned they "
        "could exceed €2 billion."
    )
    assert _source_name(text, "€1.2 billion") == "growers' association Asaja"
    assert _source_name(text, "€2 billion") == "union"


def test_a_named_data_source_reports_its_figures() -> None:
    text = "Waits of over a year fell to 20,950, from 23,800 in August, StatsWales data showed."
    assert _source_name(text, "20,950") == "StatsWales"


def test_closing_source_after_a_possessive_pronoun() -> None:
    text = "The city fire department sent 32 fire engines, its head Agus Salim said."
    assert _source_name(text, "32") == "Agus Salim"


def test_a_body_named_with_a_plural_possessive_is_not_its_country() -> None:
    text = "The Confederation of Indonesian Workers' Unions (KSPI) put the toll at 24."
    [event] = _events(text)
    assert event.name == "Confederation of Indonesian Workers' Unions (KSPI)"
    assert event.attributor == "confederation-of-indonesian-workers-unions"


def test_a_body_named_after_a_place_is_not_that_place() -> None:
    [union] = _events("The Communications Workers of America said 2,400 would lose their jobs.")
    assert union.name == "Communications Workers of America"
    assert union.attributor is None
    [government] = _events("The Government of India said 40 people died.")
    assert government.attributor == "india"  # a government speaks for its country


def test_people_familiar_with_a_matter_are_the_source_not_the_matter() -> None:
    text = "The company would cut 300 jobs, people familiar with the matter said."
    assert _source_name(text, "300") == "people familiar with the matter"
    text = "A person briefed on the talks said 40 people died."
    assert _source_name(text, "40") == "person briefed on the talks"
    text = "Doctors at the district hospital in Jajpur said 12 people died."
    assert _source_name(text, "12") == "Doctors at the district hospital in Jajpur"


def test_a_body_that_raises_or_corrects_a_count_is_its_source() -> None:
    assert _source_name("Police raised the toll to 41 on Monday.", "41") == "Police"
    text = "The court's clerk on Monday corrected the number of victims to 1,285."
    assert _source_name(text, "1,285") == "court's clerk"
    text = "The health ministry updated the death toll to 41."
    assert _source_name(text, "41") == "health ministry"
    text = "Rescuers increased the death toll to 56."
    assert _source_name(text, "56") == "Rescuers"
    assert _events("The charity raised $5m for victims.") == []  # money raised: no report
    assert _events("The company updated its app for 3 million users.") == []


def test_a_noun_ending_in_ly_stays_in_the_source_phrase() -> None:
    text = "The harvest will reach 172 million tonnes, the national supply agency Conab said."
    assert _source_name(text, "172") == "Conab"


def test_counting_verbs_name_the_counter() -> None:
    assert _source_name("The UN has documented 300 civilian deaths.", "300") == "UN"
    assert _source_name("Health officials logged 45 new cases.", "45") == "Health officials"
    assert _source_name("Volunteers tallied 1,200 marchers.", "1,200") == "Volunteers"


def test_a_source_naming_a_figure_noun_owns_the_figure() -> None:
    text = "The police figure of 41 missing, given earlier, included survivors, he said."
    assert _source_name(text, "41") == "police"
    assert _events("The official figure of 3,100 was revised.") == []


def test_who_pledges_a_sum_is_its_source_but_not_a_participle_agent() -> None:
    assert _source_name("Madrid has so far offered €150 million.", "€150") == "Madrid"
    text = "The 1.2 million doses promised by the WHO arrived on Saturday."
    assert _source_name(text, "1.2 million") is None


def test_its_figure_belongs_to_the_body_the_sentence_opens_with_and_only_its_own() -> None:
    text = (
        "The police prefecture is sticking to its figure of 48,000, and the independent "
        "count by a media group, at 61,000, sits in between."
    )
    assert _source_name(text, "48,000") == "police prefecture"
    assert _source_name(text, "61,000") is None


def _speaker_of(text: str, figure: str) -> str | None:
    event = attribution_for(_events(text), text.index(figure))
    return event.name if event is not None else None


def test_a_place_after_in_or_at_says_where_the_speakers_are() -> None:
    text = "Doctors at the district hospital in Jajpur said 186 passengers were treated."
    assert _speaker_of(text, "186") == "Doctors at the district hospital in Jajpur"


def test_data_from_a_body_is_that_body_s() -> None:
    text = "According to data from the UN refugee agency, 3,400 people arrived last week."
    assert _speaker_of(text, "3,400") == "UN refugee agency"


def test_provisional_figures_from_a_body_are_that_body_s() -> None:
    text = (
        "Turnout reached 66.2%, according to provisional figures from the Ministry of "
        "Internal Administration."
    )
    assert _speaker_of(text, "66.2%") == "Ministry of Internal Administration"


def test_industry_data_from_a_body_is_that_body_s() -> None:
    text = "Its market share climbed to 28.1 per cent, industry data from Kantar showed."
    assert _speaker_of(text, "28.1") == "Kantar"


def test_a_previous_forecast_names_no_source() -> None:
    text = "It now expects about 2.9 billion pounds, up from a previous forecast of 2.8 billion."
    assert _speaker_of(text, "2.8 billion") != "previous"


def test_a_name_in_apposition_to_a_description_speaks() -> None:
    text = "The mine's operator, Kopex, said 14 miners were trapped."
    assert _speaker_of(text, "14") == "Kopex"


def test_a_clause_after_while_has_its_own_source() -> None:
    text = "Police estimated the crowd at 20,000, while organisers put it at 60,000."
    assert _speaker_of(text, "20,000") == "Police"
    assert _speaker_of(text, "60,000") == "organisers"


def test_a_spokesman_for_a_body_closes_the_sentence_for_it() -> None:
    text = "Twelve coaches left the tracks, a spokesman for the railway said."
    assert _speaker_of(text, "Twelve") == "spokesman for the railway"


def test_a_relative_clause_is_spoken_by_the_noun_before_it() -> None:
    text = (
        "The slide was 350 metres wide, according to the ski patrol, which said the risk "
        "level had been 4 out of 5."
    )
    events = _events(text)
    assert [e.name for e in events] == ["ski patrol", "ski patrol"]


def test_the_subject_of_a_reported_clause_is_not_an_inverted_speaker() -> None:
    [event] = _events("Rescuers said the death toll had risen to 40.")
    assert event.name == "Rescuers"
    assert [e.name for e in _events("The figure was 40, said the ministry.")] == ["ministry"]
    text = "Snow fell all week, and on Friday said the risk level was 4 out of 5."
    assert all(e.name != "risk level" for e in _events(text))


def test_a_source_phrase_never_ends_on_a_dangling_preposition() -> None:
    events = _events("Risk fell 47%, according to a study of more than 160,000 adults.")
    assert all(not (e.name or "").endswith(" of") for e in events)
    [event] = _events("According to the Ministry of Health, 40 people died.")
    assert event.name == "Ministry of Health"


def test_the_counted_noun_of_a_figure_is_not_its_source() -> None:
    text = "The survey of 2,104 adults, conducted last week, put Labour on 31%."
    assert all(e.name != "adults" for e in _events(text))


def test_adverbs_between_a_source_and_its_verb_are_skipped() -> None:
    [event] = _events("Economists had on average expected a profit of $4.2 billion.")
    assert event.name == "Economists"


def test_a_bodys_name_keeps_its_lowercase_joining_words() -> None:
    for text, name in (
        (
            "Floods killed 42 people, the National Institute for Disaster Risk Management "
            "(INGD) said on Monday.",
            "National Institute for Disaster Risk Management (INGD)",
        ),
        (
            "The National Agency for Statistics said unemployment rose to 7.2%.",
            "National Agency for Statistics",
        ),
        (
            "A Ministry of Finance spokesman said the deficit was 3.1%.",
            "Ministry of Finance spokesman",
        ),
    ):
        assert [e.name for e in _events(text)] == [name]


def test_a_body_named_after_data_is_a_source_and_plain_data_is_not() -> None:
    # "Studies" and "Statistics" end the names, not generic sources ("studies suggest")
    [event] = _events("The Institute for Fiscal Studies said debt reached 97% of output.")
    assert event.name == "Institute for Fiscal Studies"
    [event] = _events("Analysts at the Institute for Fiscal Studies said debt hit 96%.")
    assert event.name is not None and event.name.endswith("Institute for Fiscal Studies")
    # a connector between a lowercase word and a name joins nothing: the head of Oxfam speaks
    [event] = _events("The head of Oxfam said 40 people died.")
    assert event.attributor == "oxfam"
    # "Official" opening a sentence is no one's name; "Preliminary Eurostat figures" are Eurostat's
    assert [e.name for e in _events("Official figures show 3% growth.")] == [None]
    assert [e.name for e in _events("Preliminary Eurostat figures show 3% growth.")] == ["Eurostat"]
    assert [e.name for e in _events("Police figures show 40 arrests.")] == ["Police"]
