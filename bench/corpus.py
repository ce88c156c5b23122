"""A deterministic synthetic news corpus for the benchmarks.

`build_corpus(n, seed)` returns `n` articles. Articles come in *events* (an earthquake, a flood,
a protest, an outbreak, an election, a market sell-off) that happen in a place of the shipped
knowledge base (a region or city and its country). Each event is covered by several outlets over
one to three days; every article states about ten figures with a mix of every qualifier
("at least", "about", "between ... and ...", "more than", "up to", "fewer than", exact), most
of them attributed ("the health ministry said", "according to the Red Cross", a named
spokesperson), dated relatively ("on Monday", "on Tuesday") against the article's publication
time. Outlets agree on some figures, round others, contradict each other on a few, and update
their own figures on later days, so the facts get every verdict.

Nothing here is random at run time: the same `(n, seed)` always gives the same articles, so a
benchmark run can be repeated and its extraction cached.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from functools import cache

import msgspec

from service.domain.knowledge import KnowledgeBase
from service.domain.model import EntityKind


class Article(msgspec.Struct, frozen=True, kw_only=True):
    """One synthetic article, shaped like a POST /sources body."""

    text: str
    title: str
    publisher: str
    author: str
    published_at: dt.datetime

    def payload(self) -> dict[str, str]:
        """The article as a POST /sources JSON body."""
        return {
            "text": self.text,
            "title": self.title,
            "publisher": self.publisher,
            "author": self.author,
            "published_at": self.published_at.isoformat(),
        }


OUTLETS = (
    "Meridian Wire", "The Northgate Post", "Harbour Gazette", "Civic Desk", "Lakeshore Times",
    "Continental Observer", "Global Dispatch", "The Daily Ledger", "Eastern Herald",
    "Morning Chronicle", "Valley Courier", "Atlas News",
)  # fmt: skip
FIRST = (
    "Maria", "Ahmed", "Elena", "Kenji", "Amara", "Lucas", "Priya", "Tomasz", "Fatima", "Diego",
    "Ingrid", "Chen", "Olga", "Samuel", "Leila", "Marco", "Aisha", "Pavel", "Nadia", "Jonas",
)  # fmt: skip
LAST = (
    "Okafor", "Lindqvist", "Moreau", "Haddad", "Tanaka", "Kowalski", "Ferreira", "Novak",
    "Rahman", "Castillo", "Petrov", "Mensah", "Keller", "Sato", "Duarte", "Hussain", "Varga",
    "Brennan", "Adeyemi", "Larsen",
)  # fmt: skip
BODIES = (
    "the health ministry", "the interior ministry", "the civil defence agency", "local officials",
    "the regional governor's office", "police", "the emergency services",
    "the national disaster agency",
)  # fmt: skip
ORGS = (
    "the Red Cross", "the United Nations", "the World Health Organization", "UNICEF",
    "Doctors Without Borders", "the World Food Programme", "OCHA", "Amnesty International",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Each topic: headline verb, then (quantity sentence template, base value range) pairs. `{fig}`
# is the figure phrase, `{place}` the event's place, `{who}` the attribution.
TOPICS: dict[str, tuple[str, tuple[tuple[str, int, int], ...]]] = {
    "earthquake": (
        "Earthquake kills {fig} in {place}",
        (
            ("The earthquake killed {fig} people in {place} {when}, {who} said.", 40, 3000),
            ("{fig} people were injured, according to {who}.", 200, 9000),
            ("{who_cap} said {fig} buildings had collapsed across {place}.", 50, 2000),
            ("Some {fig} residents were evacuated from {place} {when}, {who} said.", 1000, 60000),
            ("{fig} rescue workers had been sent to the region, according to {who}.", 300, 9000),
        ),
    ),
    "flood": (
        "Floods leave {fig} dead in {place}",
        (
            ("Flooding killed {fig} people in {place} {when}, {who} said.", 10, 800),
            ("{fig} people were displaced by the floods, according to {who}.", 2000, 200000),
            ("{who_cap} said {fig} homes had been destroyed in {place}.", 100, 20000),
            ("{fig} hectares of farmland were under water, {who} said.", 1000, 90000),
            ("Rescuers evacuated {fig} people from {place} {when}, {who} said.", 500, 40000),
        ),
    ),
    "protest": (
        "Thousands protest in {place}",
        (
            ("{fig} people marched through {place} {when}, {who} said.", 2000, 300000),
            ("{fig} people were arrested in {place}, according to {who}.", 10, 900),
            ("{fig} police officers were injured in the clashes, {who} said.", 5, 300),
            ("{who_cap} said {fig} people were treated in hospital after the march.", 5, 400),
        ),
    ),
    "outbreak": (
        "Cholera outbreak spreads in {place}",
        (
            ("Doctors recorded {fig} cholera cases in {place} {when}, {who} said.", 100, 30000),
            ("The outbreak has killed {fig} people in {place}, according to {who}.", 5, 900),
            ("{who_cap} said {fig} vaccine doses had been delivered to {place}.", 10000, 900000),
            ("{fig} patients were admitted to hospital in {place}, {who} said.", 50, 5000),
        ),
    ),
    "election": (
        "Polls close in {place} regional vote",
        (
            ("Turnout in {place} was {fig} {when}, {who} said.", 35, 80),
            ("{fig} voters cast ballots in {place}, according to {who}.", 50000, 3000000),
            ("{who_cap} said {fig} polling stations opened in {place}.", 200, 9000),
            ("{fig} observers monitored the vote in {place}, {who} said.", 50, 3000),
        ),
    ),
    "budget": (
        "{place} approves budget",
        (
            ("Lawmakers in {place} approved spending of {fig} {when}, {who} said.", 50, 9000),
            ("{fig} jobs will be cut in {place}, according to {who}.", 100, 5000),
            ("{who_cap} said {fig} schools in {place} would get new funding.", 20, 900),
        ),
    ),
}
FILLER = (
    "Television footage showed crowds gathering in the streets of {place}.",
    "The government said it would publish a fuller account once the situation was clearer.",
    "Residents described scenes of confusion as officials tried to reach outlying districts.",
    '"We have never seen anything like this," said {person}, a local shopkeeper.',
    "Neighbouring countries offered help, and aid convoys were expected within days.",
    "Officials cautioned that the figures were provisional and could change.",
)


@cache
def places() -> tuple[tuple[str, str], ...]:
    """(place name, country name) pairs from the shipped knowledge base, in a stable order."""
    kb = KnowledgeBase.shipped()
    countries = {e.key: e.name for e in kb if e.kind == EntityKind.COUNTRY}
    pairs = sorted(
        (e.name, countries[e.parent])
        for e in kb
        if e.kind == EntityKind.PLACE
        and e.parent in countries
        and e.name.replace(" ", "").replace("-", "").isalpha()
        and e.name[0].isupper()
        and len(e.name) > 3
    )
    return tuple(pairs)


def _figure(rng: random.Random, value: int, *, percent: bool, money: bool) -> str:
    """A phrase that `value` satisfies, with a qualifier picked from every kind."""

    def number(v: float) -> str:
        v = max(1, int(v))
        if percent:
            return f"{min(v, 99)}%"
        return f"${v} million" if money else f"{v:,}"

    roll = rng.random()
    if roll < 0.35:
        return number(value)
    if roll < 0.50:
        return f"about {number(_round(value))}"
    if roll < 0.62:
        return f"at least {number(_round(value, down=True))}"
    if roll < 0.72:
        return f"more than {number(_round(value * 0.9, down=True))}"
    if roll < 0.80:
        return f"up to {number(_round(value * 1.1, up=True))}"
    if roll < 0.86:
        fewer = "less" if percent or money else "fewer"
        return f"{fewer} than {number(_round(value * 1.2, up=True))}"
    low, high = _round(value * 0.8, down=True), _round(value * 1.2, up=True)
    if percent:
        return f"between {low}% and {min(high, 99)}%"
    if money:
        return f"between ${low} million and ${high} million"
    return f"between {low:,} and {high:,}"


def _round(value: float, *, down: bool = False, up: bool = False) -> int:
    """Two significant digits, as reporters round (down for "at least", up for "up to")."""
    step = int(10 ** max(0, len(str(int(value))) - 2))
    if down:
        return max(1, int(value // step) * step)
    if up:
        return max(1, -int(-value // step) * step)
    return max(1, round(value / step) * step)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _events(seed: int) -> Iterator[tuple[random.Random, str, str, str, dt.datetime]]:
    rng = random.Random(seed)
    pool = places()
    start = dt.datetime(2023, 1, 2, 6, 0, tzinfo=dt.UTC)
    number = 0
    while True:
        topic = rng.choice(sorted(TOPICS))
        place, country = rng.choice(pool)
        moment = start + dt.timedelta(days=rng.randrange(900), minutes=rng.randrange(600))
        yield random.Random(f"{seed}:{number}"), topic, place, country, moment
        number += 1


def _article(
    rng: random.Random,
    topic: str,
    place: str,
    country: str,
    day: int,
    outlet: str,
    published: dt.datetime,
    truths: list[int],
    spokespeople: list[str],
) -> Article:
    headline, rows = TOPICS[topic]
    where = f"{place}, {country}" if rng.random() < 0.5 else place
    weekday = WEEKDAYS[published.weekday()]
    sentences: list[str] = []
    figures: list[str] = []
    # About ten figures: every quantity of the topic, then repeats that restate them in other words.
    order = list(range(len(rows))) * 3
    rng.shuffle(order)
    for index in order[:10]:
        template, _low, _high = rows[index]
        truth = truths[index] + truths[index] * day // 4  # later days report higher tolls
        roll = rng.random()
        if roll < 0.06:
            value = int(truth * rng.choice((0.5, 1.6, 2.2)))  # a figure that conflicts
        elif roll < 0.45:
            value = _round(truth)
        else:
            value = truth
        percent = topic == "election" and index == 0
        money = topic == "budget" and index == 0
        figure = _figure(rng, value, percent=percent, money=money)
        figures.append(figure)
        who_roll = rng.random()
        if who_roll < 0.4:
            who = rng.choice(BODIES)
        elif who_roll < 0.7:
            who = rng.choice(ORGS)
        else:
            who = f"{rng.choice(spokespeople)}, a spokesperson for {rng.choice(BODIES)}"
        other_day = "on Sunday" if weekday != "Sunday" else "on Saturday"
        when = rng.choice((f"on {weekday}", other_day, ""))
        text = (
            template.format(
                fig=figure, place=place, who=who, who_cap=who[0].upper() + who[1:], when=when
            )
            .replace("  ", " ")
            .replace(" ,", ",")
        )
        sentences.append(text[0].upper() + text[1:])
        if rng.random() < 0.35:
            sentences.append(rng.choice(FILLER).format(place=place, person=_person(rng)))
    title = headline.format(fig=figures[0].removeprefix("about "), place=place)
    author = _person(rng)
    dateline = f"{place.upper()}, {published:%B} {published.day} ({outlet.split()[-1]}) - "
    paragraphs = [title, f"By {author}", dateline + sentences[0]]
    paragraphs += [" ".join(sentences[i : i + 2]) for i in range(1, len(sentences), 2)]
    paragraphs.append(f"The {topic} in {where} was the worst in the region in years.")
    return Article(
        text="\n\n".join(paragraphs) + "\n",
        title=title,
        publisher=outlet,
        author=author,
        published_at=published,
    )


def iter_corpus(n: int, seed: int = 20241028) -> Iterator[Article]:
    """The first `n` articles of the corpus of `seed` (a prefix of any larger corpus)."""
    made = 0
    for rng, topic, place, country, moment in _events(seed):
        _headline, rows = TOPICS[topic]
        truths = [rng.randrange(low, high) for _t, low, high in rows]
        outlets = rng.sample(OUTLETS, rng.randint(3, 6))
        spokespeople = [_person(rng) for _ in range(2)]
        for day in range(rng.randint(1, 3)):
            for outlet in outlets:
                if day and rng.random() < 0.4:
                    continue  # not every outlet follows the story every day
                published = moment + dt.timedelta(days=day, minutes=rng.randrange(720))
                yield _article(
                    rng, topic, place, country, day, outlet, published, truths, spokespeople
                )
                made += 1
                if made >= n:
                    return


def build_corpus(n: int, seed: int = 20241028) -> list[Article]:
    """`n` articles; the same `(n, seed)` always gives the same list."""
    return list(iter_corpus(n, seed))


def extra_articles(n: int, seed: int = 777) -> list[Article]:
    """Articles outside every corpus (another seed): what the ingest benchmark sends."""
    return build_corpus(n, seed)
