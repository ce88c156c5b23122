"""The assertions of one sentence's figures: each figure read (`assertions.read_figure`,
`results_readings`, `gatherings`), dated (`figure_dates`) and attributed (the reporting event
that governs it, else the source the sentence inherits), with the little state that crosses
sentences (`ParagraphMemory`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from service.domain.assertions import read_figure
from service.domain.attribution import Attribution, attribution_for
from service.domain.counted import CARRIED_DIMENSIONS, unit_fallback
from service.domain.figure_dates import CLAUSE_BOUNDARY, describes_a_place, figure_as_of
from service.domain.figure_filters import is_real_figure
from service.domain.focus import Focus
from service.domain.forecast_cues import projects_to_later_year, replaces_revised_forecast
from service.domain.gatherings import gathering_quantity
from service.domain.model import ExtractedAssertion, NumberMention
from service.domain.number_context import unit_of_part
from service.domain.results_readings import ResultsReading, reread_results_figure
from service.domain.sentence_context import SentenceContext
from service.domain.sentences import SentenceSpan
from service.domain.units import dimension_of

# Every clause boundary holds one of these: most sentences need no boundary scan.
_CLAUSE_MARKS = (";", "while", "whereas", "but")


class ParagraphMemory:
    """Per paragraph: the last counted noun and the subject of each quantity counted; and
    the article's last counted noun."""

    def __init__(self) -> None:
        self.last_noun: dict[int, str] = {}
        self.subjects: dict[int, dict[str, str]] = {}
        self.article_noun: str | None = None
        # The last named mass of each paragraph: a later sentence's tonnage with no noun of
        # its own continues it (a sum or a share does not: "claimed €48m in damages; the
        # court awarded them €12.6m" are two facts, and carrying names there merged them).
        self.last_measure: dict[tuple[int, str], str] = {}


def sentence_assertions(
    ctx: SentenceContext,
    sentence: SentenceSpan,
    figures: Sequence[NumberMention],
    paragraph: int,
    memory: ParagraphMemory,
    inherited: Attribution | None,
    published: dt.date | None,
    focus: Focus,
) -> list[ExtractedAssertion]:
    """The assertions of one sentence's figures, in order."""
    out: list[ExtractedAssertion] = []
    previous_subject: str | None = None
    subjects = memory.subjects.setdefault(paragraph, {})
    boundaries = (
        [
            (m.start(), m.end())
            for m in CLAUSE_BOUNDARY.finditer(ctx.text, sentence.start, sentence.end)
        ]
        if any(mark in sentence.text for mark in _CLAUSE_MARKS)
        else []
    )
    ctx.figure_spans = [(n.start, n.end) for n in figures]
    ctx.earlier_noun = memory.article_noun
    named_here: set[str] = set()  # dimensions a figure of this sentence already had
    for j, number in enumerate(figures):
        if not is_real_figure(ctx.text, number, sentence.start):
            continue
        next_start = figures[j + 1].start if j + 1 < len(figures) else sentence.end
        dimension = dimension_of(number.unit)
        reading = read_figure(
            ctx,
            number,
            next_start,
            previous_subject,
            memory.last_noun.get(paragraph),
            dimension,
            subjects,
            focus.subject,
            focus.place,
            focus.event,
            focus.companies,
        )
        reread = reread_results_figure(
            ctx.text,
            sentence.start,
            number.start,
            number.end,
            number.unit,
            ResultsReading(reading.quantity, reading.is_forecast, reading.location),
        )
        reading.quantity, reading.is_forecast, reading.location = reread
        if reading.quantity == "protesters" and not focus.protest:
            # "a crowd of 82,000" at a match, a trial's "1,200 participants"
            reading.quantity = gathering_quantity(ctx.text, number.start, reading.end)
        if dimension in CARRIED_DIMENSIONS:
            unnamed = unit_fallback(dimension)
            carried = memory.last_measure.get((paragraph, dimension))
            if (
                reading.quantity == unnamed
                and carried is not None
                and dimension not in named_here  # "148,200 tonnes, from 161,000 tonnes"
                and not reading.is_forecast
            ):
                reading.quantity = carried  # "Output ... 61,500 tonnes." "It mined 74,000 tonnes"
            elif reading.quantity != unnamed:
                memory.last_measure[(paragraph, dimension)] = reading.quantity
            named_here.add(dimension)
        ctx.previous_quantity = reading.quantity
        if dimension is None:
            memory.last_noun[paragraph] = reading.quantity
            memory.article_noun = reading.quantity
        if reading.subject is not None:
            subjects[reading.quantity] = reading.subject
            previous_subject = reading.subject
        source = attribution_for(ctx.sources, number.start) or inherited
        if not reading.is_forecast and projects_to_later_year(
            ctx.text, number.start, number.end, published
        ):
            reading.is_forecast = True  # "rising to 139 million by 2050"
        as_of = figure_as_of(
            ctx.text, sentence, number, published, boundaries, reading.quantity, reading.is_forecast
        )
        if dimension == "length" and describes_a_place(ctx, number):
            # "8 miles north of Fillmore": the writer locating something, timeless
            source, as_of = None, None
        end = max(number.end, reading.end)
        subject, location = reading.subject, reading.location
        forecast = reading.is_forecast
        if (
            out
            and dimension is not None
            and dimension == dimension_of(out[-1].unit)
            and _RESTATED.fullmatch(ctx.text, out[-1].end, number.start)
        ):
            # "19 billion reais ($3.7 billion)", "12,400 acres, or 19 square miles": the same
            # figure in another unit, so the same statement (a forecast or not)
            forecast = out[-1].is_forecast
        elif (
            out
            and out[-1].is_forecast
            and replaces_revised_forecast(ctx.text, sentence.start, out[-1].end, number.start)
        ):
            forecast = True  # "cut its forecast to £270 million, from at least £300 million"
        out.append(
            ExtractedAssertion(
                start=number.start,
                end=end,
                text=ctx.text[number.start : end],
                quantity=reading.quantity,
                unit=unit_of_part(ctx.text, number, out),
                low=number.low,
                high=number.high,
                qualifier=number.qualifier,
                subject=subject,
                location=location,
                attributed_to=source.name if source is not None else None,
                attributor=source.attributor if source is not None else None,
                as_of=as_of,
                is_forecast=forecast,
            )
        )
    return out


# What separates a figure from its restatement in another unit: "(" or ", or".
_RESTATED = re.compile(r"\s*(?:\(|,?\s*or\s+(?:about\s+|some\s+|roughly\s+)?)\s*")
