"""The general table of public-body types read by `agencies`: how text names each type and
which words in a known body's names make it one. Per type, never per country.
"""

from __future__ import annotations

# type key -> (display name, phrases naming the type in text, word groups naming it in a
# knowledge-base body's names: every word of one group must occur in one alias).
AGENCY_TYPES: dict[str, tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]] = {
    "health-ministry": (
        "Health Ministry",
        ("health ministry", "ministry of health", "health department", "department of health"),
        (("health", "ministry"), ("department", "health")),
    ),
    "interior-ministry": (
        "Interior Ministry",
        ("interior ministry", "ministry of interior", "ministry of the interior", "home office"),
        (("interior", "ministry"), ("home", "office")),
    ),
    "defence-ministry": (
        "Defence Ministry",
        (
            "defence ministry",
            "defense ministry",
            "ministry of defence",
            "ministry of defense",
            "defense department",
        ),
        (("defence", "ministry"), ("defense", "ministry"), ("department", "defense")),
    ),
    "foreign-ministry": (
        "Foreign Ministry",
        ("foreign ministry", "ministry of foreign affairs", "foreign office"),
        (("foreign", "ministry"), ("foreign", "office"), ("state", "department")),
    ),
    "finance-ministry": (
        "Finance Ministry",
        ("finance ministry", "ministry of finance", "treasury"),
        (("finance", "ministry"), ("treasury",)),
    ),
    "police": ("Police", ("police", "police force", "national police"), (("police",),)),
    "coast-guard": ("Coast Guard", ("coast guard", "coastguard"), (("coast", "guard"),)),
    "disaster-agency": (
        "Disaster Agency",
        (
            "disaster agency",
            "disaster management agency",
            "disaster management authority",
            "disaster response agency",
            "emergency management agency",
            "emergency management authority",
            "civil protection agency",
            "civil defence agency",
            "civil defense agency",
        ),
        (("disaster",), ("emergency", "management"), ("civil", "protection")),
    ),
    "weather-service": (
        "Weather Service",
        (
            "weather service",
            "weather bureau",
            "weather agency",
            "meteorological agency",
            "meteorological service",
            "meteorological office",
            "met office",
        ),
        (("weather",), ("meteorological",), ("met", "office")),
    ),
    "central-bank": (
        "Central Bank",
        ("central bank",),
        (("central", "bank"), ("federal", "reserve"), ("reserve", "bank"), ("bundesbank",)),
    ),
    "statistics-office": (
        "Statistics Office",
        (
            "statistics office",
            "statistics agency",
            "statistics bureau",
            "statistical office",
            "statistical agency",
            "statistics authority",
            "census bureau",
        ),
        (("statistics",), ("statistical",), ("census",)),
    ),
    "electoral-commission": (
        "Electoral Commission",
        ("electoral commission", "election commission", "electoral authority", "election body"),
        (("election", "commission"), ("electoral",)),
    ),
    "fire-service": (
        "Fire Service",
        ("fire service", "fire agency", "fire department", "fire authority", "fire brigade"),
        (("fire",),),
    ),
    "armed-forces": (
        "Armed Forces",
        ("army", "military", "armed forces"),
        (("army",), ("military",), ("armed", "forces"), ("defense", "forces")),
    ),
}

# Further ministries named "<topic> ministry" / "ministry of <topic>"; spellings that name the
# same topic share one type ("labor" = "labour").
_MINISTRY_TOPICS: dict[str, tuple[str, ...]] = {
    "economy": ("economy", "economic affairs"),
    "trade": ("trade", "commerce"),
    "education": ("education",),
    "environment": ("environment",),
    "agriculture": ("agriculture",),
    "energy": ("energy",),
    "transport": ("transport", "transportation"),
    "justice": ("justice",),
    "labour": ("labour", "labor"),
    "emergencies": ("emergencies", "emergency situations"),
    "information": ("information",),
}
for _topic, _names in _MINISTRY_TOPICS.items():
    AGENCY_TYPES[f"{_topic}-ministry"] = (
        f"{_topic.title()} Ministry",
        tuple(p for n in _names for p in (f"{n} ministry", f"ministry of {n}")),
        tuple((n.split()[0], "ministry") for n in _names),
    )

# Further services of a state that publish figures of their own.
AGENCY_TYPES.update(
    {
        "navy": ("Navy", ("navy",), (("navy",),)),
        "air-force": ("Air Force", ("air force",), (("air", "force"),)),
        "border-guard": (
            "Border Guard",
            ("border guard", "border guards", "border police", "border force"),
            (("border",),),
        ),
        "ambulance-service": (
            "Ambulance Service",
            ("ambulance service", "emergency services", "emergency service"),
            (("ambulance",),),
        ),
        "prosecutors-office": (
            "Prosecutor's Office",
            ("prosecutor's office", "prosecutors' office", "prosecutor general's office"),
            (("prosecutor",),),
        ),
    }
)
