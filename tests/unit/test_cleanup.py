"""Clean-up: mojibake, whitespace, web chrome, front matter and HTML pages."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest

from service.domain import mojibake
from service.domain.cleanup import (
    clean_html,
    clean_text,
    is_boilerplate_line,
    parse_front_matter,
)
from service.domain.mojibake import repair_mojibake

SEEDS = Path("/work/shared/seeds")
HTML = Path(__file__).parent.parent / "fixtures" / "html"


def windows_874(data: bytes) -> str:
    """Decode like a browser told the page is windows-874: cp874, cp1252 for bytes cp874 lacks,
    C1 controls for the rest."""
    out = []
    for byte in data:
        one = bytes([byte])
        for codec in ("cp874", "cp1252", "latin-1"):
            try:
                out.append(one.decode(codec))
                break
            except UnicodeDecodeError:
                continue
    return "".join(out)


def seed(name_start: str) -> str:
    (path,) = SEEDS.glob(f"{name_start}_*.txt")
    return path.read_text(encoding="utf-8")


# --- mojibake ------------------------------------------------------------------------------


def test_fast_scan_patterns_find_what_their_plain_alternations_find() -> None:
    """The run and leftover patterns read their first character as one class (for speed):
    on random strings of the characters they care about they match exactly where the plain
    alternations do."""
    lead2, lead3, lead4 = mojibake._LEAD_2, mojibake._LEAD_3, mojibake._LEAD_4
    cont = mojibake._CONT
    plain_run = re.compile(f"(?:{lead2}{cont}|{lead3}{cont}{{2}}|{lead4}{cont}{{3}})+")
    plain_leftover = re.compile(
        r"[ÂÃÅÐÑâ][\u0080-\u00ff\u0152-\u0192\u02c6-\u02dc\u2013-\u2122]|Ã |[\u0080-\u009f]"
    )
    alphabet = [chr(c) for c in range(0x80, 0x100)] + list("€™œ‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜šโ ab")
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert [m.span() for m in mojibake._MOJIBAKE_RUN.finditer(text)] == [
            m.span() for m in plain_run.finditer(text)
        ], text
        assert [m.span() for m in mojibake._LEFTOVER.finditer(text)] == [
            m.span() for m in plain_leftover.finditer(text)
        ], text


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Itโ€™s part of the war", "It’s part of the war"),  # UTF-8 read as cp874 (Thai)
        ("Itâ€™s part of the war", "It’s part of the war"),  # UTF-8 read as cp1252
        ("โ€œQuotedโ€\x9d and โ€”dashes", "“Quoted” and —dashes"),
        ("cafÃ© in SÃ£o Paulo costs â‚¬5", "café in São Paulo costs €5"),
        ("Ã\x83Â©tÃ\x83Â©", "été"),  # encoded twice
        ("ZÃ¼rich â€“ 5Â°C", "Zürich – 5°C"),
        ("VoilÃ  tout", "Voilà tout"),  # a lost byte: left to ftfy
        ("ðŸ”¥ Fire", "🔥 Fire"),
    ],
)
def test_repair_mojibake_fixes_code_page_damage(broken: str, fixed: str) -> None:
    assert repair_mojibake(broken) == fixed


@pytest.mark.parametrize(
    "genuine",
    [
        "ภาษาไทยเป็นภาษาราชการ แรกเริ่ม เธอบอกว่า โรงเรียน ใหม่",
        "แรก",  # cp874 bytes C3 A1 would decode to "á": must stay Thai
        "café, naïve, São Paulo, Zürich, Ærøskøbing, 5°C, €5, “quoted” — dash…",
        "Москва, Київ, Αθήνα, 東京",
    ],
)
def test_repair_mojibake_leaves_genuine_text_alone(genuine: str) -> None:
    assert repair_mojibake(genuine) == genuine


def test_thai_text_double_encoded_through_cp874_is_restored() -> None:
    thai = "กรุงเทพมหานคร ประเทศไทย"
    broken = windows_874(thai.encode("utf-8"))
    assert broken != thai
    assert repair_mojibake(broken) == thai


def test_seed_with_thai_code_page_mojibake_is_repaired() -> None:
    text = clean_text(seed("001"))
    assert "It’s part of the hybrid war" in text
    assert "โ" not in text and "€" not in text


# --- whitespace ----------------------------------------------------------------------------


def test_whitespace_is_normalised_and_paragraphs_separated_by_blank_line() -> None:
    raw = (
        "\ufeffFirst\u00a0paragraph\u200b here.\x00\r\n"
        "\r\n\r\n\t  \r\n"
        "Second   paragraph\u2009with\tspaces.  \u2028Third line.\n"
    )
    expected = "First paragraph here.\n\nSecond paragraph with spaces.\n\nThird line."
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "raw", ["One  two three.", "One\u00a0two three.", "One\x1ftwo three.", "One \ttwo three."]
)
def test_a_run_of_plain_spaces_or_a_lone_odd_space_becomes_one_space(raw: str) -> None:
    # (the space pass runs only when a text holds one of these: each alone must trigger it)
    assert clean_text(raw) == "One two three."


def test_hard_wrapped_lines_are_joined_but_headlines_stay_apart() -> None:
    raw = (
        "Quake toll rises to 310\n"
        "Rescuers pulled 12 survivors from the rubble on Sunday as the\n"
        "death toll rose to 310, officials said.\n"
        "Aid arrives"
    )
    assert clean_text(raw).split("\n\n") == [
        "Quake toll rises to 310",
        "Rescuers pulled 12 survivors from the rubble on Sunday as the death toll rose to 310, "
        "officials said.",
        "Aid arrives",
    ]


def test_markdown_marks_are_removed_and_list_markers_made_canonical() -> None:
    raw = "## Flood toll rises\n\n* 42 dead\n• 12,000 displaced\n- 17 missing\n**Rain** continues."
    assert clean_text(raw).split("\n\n") == [
        "Flood toll rises",
        "• 42 dead",
        "• 12,000 displaced",
        "• 17 missing",
        "Rain continues.",
    ]
    assert clean_text("-5 degrees are expected.") == "-5 degrees are expected."
    assert clean_text("Text.\n- Share this\n- 5 injured\n* 5 injured") == "Text.\n\n• 5 injured"


def test_stray_markup_and_entities_in_pasted_text() -> None:
    raw = "<p>Prices rose 5% &amp; wages fell.</p><p>It&#8217;s <b>bad</b>, x < 5 and y > 3.<br>Ok"
    assert clean_text(raw).split("\n\n") == [
        "Prices rose 5% & wages fell.",
        "It’s bad, x < 5 and y > 3.",
        "Ok",
    ]


def test_clean_text_is_idempotent_on_every_article() -> None:
    raws = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    corpus = Path(__file__).parent.parent / "corpus"
    raws += [parse_front_matter(p.read_text(encoding="utf-8"))[1] for p in corpus.glob("*/*.md")]
    for raw in raws:
        once = clean_text(raw)
        assert once
        assert clean_text(once) == once


def test_empty_and_blank_input_give_empty_text() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\u00a0\n\x00\t") == ""


# --- boilerplate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "top of page",
        "bottom of page",
        "More News",
        "Related stories",
        "Subscribe to get the latest posts sent to your email",
        "Subscribe now to keep reading...",
        "Continue reading",
        "Leave a Reply",
        "Post a Comment",
        "0 Comments",
        "Comments (12)",
        "Updated: 4 days ago",
        "Posted 3 hours ago",
        "5h ago",
        "2 days ago",
        "Image Source : Matt Murphy",
        "Photo credit: Reuters",
        "Share this article",
        "Share on Facebook",
        "Advertisement",
        "Read more",
        "READ MORE: Bank raises rates again",
        "Sign up for our newsletter",
        "Discover more from The Valley Post",
        "One thought on “Election results”",
        "Author",
        "Click here to download the app",
        "5 min read",
        "News › World › Africa",
        "LOCAL NEWS | FIRE",
        "Follow The Beacon on social media | Sign up for our newsletter",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "For live updates, sign up for our breaking news alerts.",
        "The Valley Radio is listener-supported. Donate today.",
        "We use cookies to improve your experience. By continuing to browse you accept our use "
        "of cookies and our privacy policy.",
        "© 2025 Harbor Daily. All rights reserved.",
        "You need to enable JavaScript to run this app.",
        "Advertisement - Scroll to continue",
        "Story continues below advertisement",
        "(AP Photo/Jane Doe)",
        "WATCH: Video shows the moment the bridge fell",
        "Listen to this article",
        "Join our WhatsApp channel",
        "V.E.K. Madhushani is a Jadetimes news reporter covering Russia - Ukrain War.",
        "Jane Doe is a senior climate correspondent based in Nairobi.",
        "* * *",
        "|",
    ],
)
def test_chrome_lines_are_boilerplate(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "NATO Confirms North Korean Troops Deployed in Russia's Kursk Region",
        "Roads and bridges washed away",
        "Share prices fell 3% on Monday.",
        "Subscribers to the service rose to 4.2 million in 2024.",
        "Comments by the minister drew criticism.",
        "Read the room, she told delegates, before voting on a budget that cuts 4,000 jobs "
        "across the health service and closes 12 rural clinics.",
        "Five people died.",
        "The regulator fined the company €40 million for setting advertising cookies without "
        "consent.",
        "Last updated on October 28th, 2024 at 06:09 pm",
        "Maria Esquivel | Coastline Public Radio | July 11, 2025",
        "By Dana Whitfield, Ventura Valley Star",
        "Photos show the bridge collapsed at 4 a.m. on Sunday, killing at least 12 people.",
        "Smith is a former reporter who was jailed for 3 years in 2019 on charges rights groups "
        "called political.",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_later_repeats_of_a_line_are_dropped() -> None:
    raw = "Storm hits coast\n\nStorm hits coast\n\nWinds reached 140 km/h.\n\nStorm  hits coast"
    assert clean_text(raw) == "Storm hits coast\n\nWinds reached 140 km/h."


def test_seed_chrome_is_removed_and_content_kept() -> None:
    text = clean_text(seed("000"))
    for chrome in ("top of page", "bottom of page", "More News", "Updated: 4 days ago", "Image"):
        assert chrome not in text
    assert text.startswith("NATO Confirms North Korean Troops Deployed in Russia's Kursk Region")
    assert text.count("NATO Confirms North Korean Troops Deployed") == 1
    assert "Rising Casualties in a Prolonged Conflict" in text
    assert text.endswith("the escalation of the conflict.")
    tail = clean_text(seed("004"))
    assert "Post a Comment" not in tail and "0 Comments" not in tail
    assert tail.endswith("has not confirmed whether troops have been sent.")


# --- front matter --------------------------------------------------------------------------


def test_front_matter_is_split_from_the_body() -> None:
    raw = (
        "---\n"
        'title: "Floods: 42 dead"\n'
        "publisher: Harbor Daily\n"
        "Published-At: 2025-03-14T08:30:00+00:00\n"
        "url: https://example.org/a?b=c\n"
        "---\n"
        "Body line one.\n"
    )
    meta, body = parse_front_matter(raw)
    assert meta == {
        "title": "Floods: 42 dead",
        "publisher": "Harbor Daily",
        "published_at": "2025-03-14T08:30:00+00:00",
        "url": "https://example.org/a?b=c",
    }
    assert body == "Body line one.\n"


@pytest.mark.parametrize(
    "raw",
    [
        "No front matter here.\n---\ntitle: x\n---\n",
        "---\ntitle: never closed\nBody text",
        "---\nthis line is not a key value pair!\n---\nBody",
        "--- title: inline\nBody",
    ],
)
def test_text_without_a_well_formed_block_is_unchanged(raw: str) -> None:
    assert parse_front_matter(raw) == ({}, raw)


# --- HTML ----------------------------------------------------------------------------------


def test_news_page_body_and_metadata() -> None:
    page = clean_html((HTML / "flood_news.html").read_text(encoding="utf-8"))
    assert page.title == "Floods kill 42 in northern province as rivers burst banks"
    assert page.author == "Amara Okafor"
    assert page.publisher == "Harbor Daily"
    assert page.url == "https://example.org/harbor/2025/03/14/floods-northern-province"
    assert page.published_at == dt.datetime(2025, 3, 14, 8, 30, tzinfo=dt.UTC)
    assert "At least 42 people have died and more than 12,000 have been displaced" in page.text
    assert "Roads and bridges washed away" in page.text
    assert "The meteorological service expects more rain until Sunday." in page.text
    for chrome in (
        "cookies",
        "Subscribe",
        "Related stories",
        "Drought hits cattle",
        "Leave a Reply",
        "Advertisement",
        "Share this article",
        "Sign up",
        "All rights reserved",
        "dataLayer",
        "Skip to content",
    ):
        assert chrome not in page.text


def test_blog_post_without_comments_share_or_subscribe_boxes() -> None:
    page = clean_html((HTML / "wordpress_post.html").read_text(encoding="utf-8"))
    assert page.title == "Hospital strike enters third week as talks stall"
    assert page.author == "Lena Marsh"
    assert page.publisher == "Riverside Ledger"
    assert page.published_at is not None
    assert page.published_at.isoformat() == "2025-05-21T07:45:12+02:00"
    assert "About 2,300 nurses and porters" in page.text
    assert "the ministry has offered 4.5%." in page.text
    for chrome in ("500 people are waiting", "Leave a Reply", "Share this", "Like", "Discover",
                   "Subscribe", "Related", "Teachers vote", "WordPress", "Menu"):  # fmt: skip
        assert chrome not in page.text


def test_page_stamp_in_text_gives_publication_time() -> None:
    page = clean_html((HTML / "market_wire.html").read_text(encoding="utf-8"))
    assert page.published_at == dt.datetime(2025, 11, 4, 14, 5, tzinfo=dt.UTC)
    assert "Brent crude jumped 6% to $91.40 a barrel" in page.text
    assert "Read more" not in page.text and "Reporting by" not in page.text
    assert "Most read" not in page.text and "Log in" not in page.text


def test_page_of_scripts_only_gives_empty_text() -> None:
    page = clean_html((HTML / "scripts_only.html").read_text(encoding="utf-8"))
    assert page.text == ""


def test_broken_html_still_gives_its_paragraphs() -> None:
    page = clean_html((HTML / "broken.html").read_text(encoding="utf-8"))
    assert "police putting the crowd at 20,000 and organisers at 85,000" in page.text
    assert "from 62 to 64 by 2030" in page.text


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "\x00\x00", "<<<>>>", "<p>"])
def test_empty_or_garbage_pages_give_empty_text(html: str) -> None:
    assert clean_html(html).text == ""


def test_huge_page_is_handled() -> None:
    paragraphs = "".join(
        f"<p>Officials said {i:,} homes were damaged and {i % 97} schools closed in district "
        f"{i} on Tuesday, as crews worked to restore power to customers.</p>\n"
        for i in range(1, 6_001)
    )
    html = f"<html><body><article><h1>Storm damage</h1>{paragraphs}</article></body></html>"
    page = clean_html(html)
    assert "Officials said 1 homes were damaged" in page.text
    assert page.text.count("\n\n") > 1_000


def test_page_bloated_with_markup_falls_back_to_its_paragraphs() -> None:
    chrome = '<div class="icon"><svg><path d="M0 0"/></svg></div>' * 12_000
    article = "".join(
        f"<p>Officials said {i} homes were damaged in district {i} on Tuesday.</p>"
        for i in range(1, 40)
    )
    html = (
        "<html><head><title>Storm damages homes &amp; roads</title></head><body>"
        f"{chrome}<article>{article}</article></body></html>"
    )
    page = clean_html(html)
    assert page.title == "Storm damages homes & roads"
    assert "Officials said 7 homes were damaged in district 7 on Tuesday." in page.text
