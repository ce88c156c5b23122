"""The quantity vocabulary: one canonical name -> the phrases that mean it, "|"-separated.

The documented contract `quantities.canonical_quantity` reads (see its module for the
decisions on what stays apart and for `QUANTITY_TABLE_VERSION`, which changes with it).
"""

from __future__ import annotations

SYNONYM_TABLE: dict[str, str] = {
    "troops": "troops|troop|soldiers|soldier|forces|servicemen|serviceman|service members|"
    "servicemembers|military personnel|fighters|combatants|conscripts|recruits|reservists|"
    "marines|paratroopers|infantry|boots on the ground|mercenaries",
    "casualties": "casualties|casualty|losses in manpower|personnel losses",
    "deaths": "deaths|death|dead|killed|fatalities|fatality|died|death toll|toll|lives lost|"
    "killed in action|bodies|perished|lost their lives|dead bodies",
    "injuries": "injuries|injured|wounded|injury|hurt",
    "fatality rate": "fatality rate|case fatality rate|case-fatality rate|death rate|"
    "mortality rate|mortality|cfr",
    "hospitalized": "hospitalized|hospitalised|hospitalizations|hospitalisations|"
    "hospital admissions",
    "missing": "missing|unaccounted for|disappeared",
    "trapped": "trapped|stranded under rubble",
    "evacuated": "evacuated|evacuees|evacuations|evacuation|ordered to evacuate|"
    "under evacuation orders",
    "evacuation warnings": "evacuation warnings|evacuation warning|under evacuation warnings",
    "sheltered": "sheltered|sheltering",
    "displaced": "displaced|refugees|homeless|fled|internally displaced|idps|idp",
    "arrests": "arrests|arrested|detained|detentions|detainees|arrest",
    "rescued": "rescued|rescues|saved",
    "prisoners": "prisoners|prisoners of war|pows|captives|captured",
    "hostages": "hostages|hostage|kidnapped|abducted",
    "cases": "cases|infections|infected|confirmed cases|case",
    "vaccinations": "vaccinations|vaccinated|vaccine doses|doses|jabs",
    "protesters": "protesters|protestors|demonstrators|marchers|rallygoers|participants|"
    "crowd|crowds|crowd size|size of the crowd|turnout at the march",
    "employees": "employees|employee|workforce|headcount",
    "voters": "voters|eligible voters|registered voters|electorate|electors",
    "votes": "votes|ballots|ballots cast|vote",
    "seats": "seats|seat|mandates",
    "turnout": "turnout|voter turnout",
    "visitors": "visitors|visitor|tourists|tourist|foreign tourists|foreign visitors|"
    "international visitors|international tourists|tourist arrivals|international arrivals|"
    "holidaymakers",
    "people": "people|persons|individuals|civilians|residents|inhabitants|citizens|others|"
    "population|victims|children|adults|patients|migrants|passengers",
    "homes": "homes|houses|dwellings|households|residences|housing units|home|house|properties",
    "strikers": "strikers|striking workers|workers on strike|people on strike|striking",
    "vehicles": "vehicles|vehicle|cars|car|suvs|suv|trucks|lorries|vans|automobiles|"
    "motor vehicles|passenger cars",
    "crashes": "crashes|crash|accidents|accident|collisions|collision|road accidents",
    "ships": "ships|ship|vessels|vessel|cargo ships|container ships|merchant ships",
    "power outages": "power outages|outages|blackouts|without power|without electricity|"
    "lost power|power cuts",
    "buildings": "buildings|structures|building",
    "jobs": "jobs|layoffs|job cuts|positions",
    "ammunition rounds": "rounds|rounds of ammunition|ammunition rounds|shells|"
    "artillery shells|artillery rounds",
    "munitions": "munitions|ammunition|weapons",
    "missiles": "missiles|missile|rockets|ballistic missiles|cruise missiles",
    "drones": "drones|drone|uavs|unmanned aerial vehicles",
    "aircraft": "aircraft|planes|jets|warplanes|fighter jets|helicopters",
    "tanks": "tanks|armoured vehicles|armored vehicles",
    "military units": "units|military units|brigades|battalions|divisions|regiments|contingents",
    "military sites": "military grounds|training grounds|grounds|bases|military bases|"
    "military sites|training sites|camps",
    "territory": "territory|land|area|acres|hectares|soil|forest|forests|farmland|woodland|"
    "bushland|scrubland|grassland|cropland",
    "territory burned": "burned area|burn area|acres burned|hectares burned|area burned|"
    "land burned|scorched",
    "distance": "distance|miles|kilometers|kilometres|away",
    "depth": "depth|deep",
    "length": "length|long|span",
    "width": "width|wide|breadth",
    "height": "height|tall",
    "water level": "water level|water levels|river level|river levels|flood level|"
    "flood levels|level of the river|level of the water|floodwaters|high-water mark",
    "containment": "containment|contained",
    "inflation": "inflation|inflation rate|consumer prices|price growth|cpi",
    # a measure of its own, published beside the headline rate
    "core inflation": "core inflation|underlying inflation|core cpi|core prices",
    "unemployment rate": "unemployment|unemployment rate|jobless rate|joblessness",
    "interest rate": "interest rate|interest rates|policy rate|benchmark rate|base rate",
    # any other rate, singular or plural ("mortgage rates averaged", "the mortgage rate")
    "rate": "rate|rates",
    # a change with no measure named, or of the whole economy (GDP); a change of a named
    # measure is "<measure> growth"/"<measure> decline" (`change_of`)
    "growth": "growth|gdp growth|economic growth|rise|increase|gain|jump|surge",
    "decline": "decline|fall|drop|slump|plunge|slide|contraction",
    "share price": "share price|share prices|stock price|stock prices",
    # a good's price level ("the average house price", "prices averaged"); its change is the
    # bare growth/decline (`quantities.change_of`)
    "price": "price|prices",
    "revenue": "revenue|revenues|sales|turnover",
    "profit": "profit|profits|net income|earnings",
    "losses": "losses|loss|net loss",
    "aid": "aid|assistance|military aid|humanitarian aid|aid package|package|relief|"
    "humanitarian funding|emergency funding|humanitarian assistance|emergency aid",
    "cost": "cost|costs|price tag|spending|expenditure",
    "damage": "damage|damages|economic losses|insured losses",
    "funding": "funding|funds|fund|investment|investments|budget|financing|grants|loans|loan",
    "market value": "market value|market capitalisation|market capitalization|valuation|market cap",
    "debt": "debt|liabilities",
    # a year's gap between spending and income, not what is owed: a 3% deficit and a 110%
    # debt are two facts
    "deficit": "deficit|deficits|budget gap",
    "value": "value|worth|deal value|contract value",
    "savings": "savings|cost savings|synergies|cost synergies",
    "fine": "fine|fines|penalty|penalties",
    "harvest": "harvest|harvests|crop|crops|grain crop|wheat crop",
    # what a mine, a factory or a country produces over a period, whichever word
    "production": "production|output",
    "attendance": "attendance|attendances|spectators|fans|gate",
    "wages": "wages|wage|salary|salaries|weekly wage|weekly wages|pay packet",
    "fees": "fees|fee|charges|tuition",
    "sentence": "sentence|sentences|prison sentence|jail sentence|prison term|jail term|"
    "custodial sentence",
    "approval": "approval|approval rating|favourability|favorability",
    "share": "share|stake|proportion|percentage|percent|vote share|share of the vote|"
    "of the vote|of the votes|of votes cast|of the votes cast",
    "efficacy": "efficacy|effective|effectiveness",
    "magnitude": "magnitude|earthquake|quake|tremor|magnitude quake",
    "aftershocks": "aftershocks|aftershock",
    "wind speed": "winds|wind speed|gusts|sustained winds",
    "rainfall": "rainfall|rain|precipitation",
    "snowfall": "snowfall|snow",
    "temperature": "temperature|temperatures",
    "air quality index": "air quality index|aqi|quality index|air quality",
    "weight": "weight|tons|tonnes|kilograms|pounds",
    "duration": "days|weeks|months|years|hours|duration",
}
