"""Sentence segmentation: boundaries, abbreviations, headings and offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.domain.cleanup import clean_html, clean_text, parse_front_matter
from service.domain.sentences import split_sentences

SEEDS = Path("/work/shared/seeds")
ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus"
HTML = ROOT / "fixtures" / "html"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def article_texts() -> list[str]:
    found = [clean_text(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    found += [
        clean_text(parse_front_matter(p.read_text(encoding="utf-8"))[1])
        for p in sorted(CORPUS.glob("*/*.md"))
    ]
    found += [clean_html(p.read_text(encoding="utf-8")).text for p in sorted(HTML.glob("*.html"))]
    return [text for text in found if text]


def test_offsets_point_into_the_text_on_every_article() -> None:
    for text in article_texts():
        spans = split_sentences(text)
        assert spans, text[:80]
        previous_end = 0
        for span in spans:
            assert text[span.start : span.end] == span.text
            assert span.text == span.text.strip() and span.text
            assert span.start >= previous_end
            previous_end = span.end
        # Every character outside the sentences is a space or a list marker.
        outside = list(text)
        for span in spans:
            outside[span.start : span.end] = [" "] * (span.end - span.start)
        assert set("".join(outside)) <= set(" \n•")


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. Department of Defense said 3,000 troops had arrived.",
        "Rutte said in an Oct. 28 press statement that units had moved.",
        "Dr. Halima Yusuf and Gen. Mark Milley met Mr. Jones and Mrs. Lee on St. Mark's Road.",
        "The vote on Resolution No. 5 passed at 9 a.m. local time on Monday.",
        "V.E.K. Madhushani is a reporter covering the war.",
        "J. Smith and A. B. Jones wrote the report.",
        "Inflation rose to 3.5% from 2.9%, and the index gained 1.25 points.",
        "He cited Fig. 3 and Vol. 2 of the report, pp. 14-16, vs. last year's edition.",
        "Sales at Acme Inc. rose, the company said.",
        "“Is it over?” she asked.",
        "“We will rebuild,” he said. ",
        "Officials said the toll would rise... perhaps sharply.",
        "The U.S.-led coalition struck 12 targets.",
    ],
)
def test_abbreviations_and_decimals_do_not_end_sentences(sentence: str) -> None:
    assert texts(sentence) == [sentence.strip()]


def test_sentence_boundaries() -> None:
    text = (
        "Troops arrived in the U.S. The deployment began on Monday. "
        "“It is likely,” Singh said. “We don’t have more details.” "
        'He added: "No comment." Then he left! Why? Nobody knows… Talks resume on Friday. '
        "It was No. The answer was no."
    )
    assert texts(text) == [
        "Troops arrived in the U.S.",
        "The deployment began on Monday.",
        "“It is likely,” Singh said.",
        "“We don’t have more details.”",
        'He added: "No comment."',
        "Then he left!",
        "Why?",
        "Nobody knows…",
        "Talks resume on Friday.",
        "It was No.",
        "The answer was no.",
    ]


def test_wire_style_article() -> None:
    text = (
        "WASHINGTON, Sept. 5 (Reuters) - The U.S. economy added 142,000 jobs in August, the "
        "Labor Department said on Friday. The unemployment rate fell to 4.2% from 4.3% in July. "
        "Sen. Elizabeth Warren and Gov. Gavin Newsom, D-Calif., criticized the Fed. "
        "Markets opened at 9:30 a.m. ET. The S&P 500 rose 0.5%. "
        "Economists polled by Reuters had forecast 165,000 jobs, according to Jan. 3 data from "
        "Moody's Analytics Inc. Shares fell 2% in Washington, D.C. The dollar slipped."
    )
    assert texts(text) == [
        "WASHINGTON, Sept. 5 (Reuters) - The U.S. economy added 142,000 jobs in August, the "
        "Labor Department said on Friday.",
        "The unemployment rate fell to 4.2% from 4.3% in July.",
        "Sen. Elizabeth Warren and Gov. Gavin Newsom, D-Calif., criticized the Fed.",
        "Markets opened at 9:30 a.m. ET.",
        "The S&P 500 rose 0.5%.",
        "Economists polled by Reuters had forecast 165,000 jobs, according to Jan. 3 data from "
        "Moody's Analytics Inc.",
        "Shares fell 2% in Washington, D.C.",
        "The dollar slipped.",
    ]


def test_trailing_credit_in_brackets_stays_with_its_sentence() -> None:
    text = "Putin meets Kim in Pyongyang on June 18, 2024. (Office of the President/Released)"
    assert texts(text) == [text]


def test_headlines_are_their_own_sentences_and_flagged() -> None:
    text = (
        "Floods kill 42 in northern province\n\n"
        "At least 42 people died, officials said.\n\n"
        "Roads and bridges washed away\n"
        "Officials estimate 3,400 homes were destroyed. Damage was put at $35 million.\n\n"
        "North Korean Troops Reportedly Sent to Kursk."
    )
    spans = split_sentences(text)
    assert [(s.text, s.is_heading) for s in spans] == [
        ("Floods kill 42 in northern province", True),
        ("At least 42 people died, officials said.", False),
        ("Roads and bridges washed away", True),
        ("Officials estimate 3,400 homes were destroyed.", False),
        ("Damage was put at $35 million.", False),
        ("North Korean Troops Reportedly Sent to Kursk.", False),
    ]


def test_list_items_are_content_without_their_markers() -> None:
    text = (
        "Key points\n\n• 2,600 people have died\n\n• 9,800 injured. Many seriously.\n\n"
        "1. Revenue rose"
    )
    spans = split_sentences(text)
    assert [(s.text, s.is_heading) for s in spans] == [
        ("Key points", True),
        ("2,600 people have died", False),
        ("9,800 injured.", False),
        ("Many seriously.", False),
        ("Revenue rose", False),
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_paragraph_breaks_always_end_sentences() -> None:
    text = "The toll stood at 12 according to the U.S.\n\nArmy officials said rescue work continued"
    assert texts(text) == [
        "The toll stood at 12 according to the U.S.",
        "Army officials said rescue work continued",
    ]


def test_a_quote_cut_off_without_a_full_stop_is_not_a_heading() -> None:
    text = "“It has long been active,” Lavrov said Monday. “It’s part of the war,”"
    spans = split_sentences(text)
    assert [s.is_heading for s in spans] == [False, False]


def test_seed_sentences() -> None:
    (path,) = SEEDS.glob("001_*.txt")
    text = clean_text(path.read_text(encoding="utf-8"))
    found = texts(text)
    assert "Last updated on October 28th, 2024 at 06:09 pm" in found
    assert (
        "Rutte’s remarks come just days after the U.S. Department of Defense assessed North "
        "Korea had sent as many as 3,000 of its troops to Russia."
    ) in found
    assert "Ukrainian forces first invaded Russia’s Kursk border region in August." in found


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n\n  \n") == []
