"""Text clean-up: mojibake repair, whitespace normalisation, boilerplate removal, HTML extraction.

`clean_text` turns raw article text (pasted, scraped, mis-decoded) into the canonical text every
offset of the extraction refers to: paragraphs separated by a blank line ("\\n\\n"), single spaces
inside a paragraph, web chrome removed. `clean_html` pulls the article body and metadata out of a
whole web page with trafilatura, then runs `clean_text` on the body.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from html import unescape as unescape_entities

import msgspec
import trafilatura
from mypy_extensions import mypyc_attr

from service.domain.mojibake import repair_mojibake
from service.domain.published_dates import extract_dates_for_published
from service.domain.sentences import LIST_MARKS

# ---------------------------------------------------------------------------------------------
# Whitespace and invisible characters
# ---------------------------------------------------------------------------------------------

_INVISIBLE_CHARS = "\x00\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Every horizontal space variant (NBSP, thin spaces, ideographic space, tabs, stray controls).
# A lone plain space is left alone (most matches would otherwise replace a space by itself).
_SPACE_CLASS = r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\x01-\x08\x0e-\x1f]"
# One space character read first (the engine skips to it at C speed), then: more of them after
# a plain space, any number after another kind.
_HSPACE = re.compile(_SPACE_CLASS + r"(?:(?<= )" + _SPACE_CLASS + r"+|(?<! )" + _SPACE_CLASS + "*)")
# The class without the plain space: a text holding none of these and no two spaces in a row
# has nothing `_HSPACE` would replace (a lone plain space never matches). None of them is
# printable, so a text printable but for its line breaks needs no search.
_ODD_SPACE = re.compile(_SPACE_CLASS.replace("[ ", "[", 1))
_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Stray markup in text pasted from a page: block tags break lines, other tags vanish, entities
# are decoded. Only tag-shaped runs ("<" + letter) are touched, never "x < 5".
_BLOCK_TAG = re.compile(r"<(?:br|/p|/div|/li|/h[1-6]|p|div|li|h[1-6])(?:\s[^<>]{0,300})?/?>", re.I)
_INLINE_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]{0,300})?/?>")
_ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,10}\d?);")
# Markdown and list markers of pasted text: "## Heading", "* item", "• item", "> quote".
# List items keep one canonical marker ("• "): they are content, not headings (see sentences).
_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}|>)\s+|\*\*|__")
_BULLET = re.compile(rf"^\s{{0,3}}[{LIST_MARKS}](?!\d)\s+")
BULLET = "• "
_TERMINAL = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")


# ---------------------------------------------------------------------------------------------
# Boilerplate lines
#
# A line is web chrome when it is short and reads like a UI label: navigation, share/subscribe
# prompts, comment counters, relative timestamps, image credits, cookie notices. The patterns
# describe the phrase families, anchored at the line start; `_MAX_CHROME_WORDS` keeps them from
# eating real paragraphs that happen to begin with the same word.
# ---------------------------------------------------------------------------------------------

_MAX_CHROME_WORDS = 16
_CHROME_PHRASES = r"""
      (?:top|bottom|back\ to\ top)(?:\ of\ (?:the\ )?page)?$
    | skip\ to\ (?:main\ )?(?:content|navigation)
    | (?:toggle\ )?(?:menu|navigation|search|home|close|open)$
    | (?:more|related|latest|trending|top|popular|recommended|other|featured|editor'?s?)
      \ (?:news|stories|articles|posts|videos|reads|headlines|from\ .+|on\ .+)$
    | (?:related|recommended)(?:\ (?:content|links|topics|coverage|reading))?:?$
    | most\ (?:read|popular|viewed|shared)$
    | you\ (?:may|might)\ (?:also\ )?(?:like|enjoy|be\ interested)
    | (?:read|see|view|show|load|watch)\ (?:more|also|next|full|the\ full|all|comments?|less|
      related|story|article|video|here)\b
    | (?:continue|keep)\ (?:reading|to\ article)
    | (?:click|tap)\ (?:here|to)\b
    | subscribe\b | unsubscribe\b | sign\ (?:up|in|out)\b | log\ ?(?:in|out)\b
    | register\ (?:now|for)\b
    | (?:get|download)\ (?:the|our)\ (?:app|newsletter)
    | (?:join|follow|like)\ us\b | follow\ (?:@|on\b)
    | donate\b | support\ (?:our|local|independent)\b
    | follow\ .{1,40}\ on\ (?:social\ media|twitter|x|facebook|instagram|tiktok|youtube|linkedin|
      threads|bluesky|whatsapp|telegram)\b
    | (?:share|tweet|email|print|pin|copy\ link|save)(?:\ (?:this|the))?(?:\ (?:article|story|post|
      page|link))?(?:\ (?:on|via|to)\ \w+)?:?$
    | (?:advertisement|advertising|sponsored(?:\ content)?|ad|paid\ content|promoted)
      (?:\W{1,5}(?:scroll|continue|story\ continues).{0,40})?$
    | (?:the\ )?(?:story|article)\ continues\ (?:below|after)
    | \(?(?:ap|afp|reuters|getty|epa|aap)?\s?(?:photo|video)s?\s?[/:]
    | watch\s?: | listen(?:\ to\ (?:this|the)\ (?:article|story))?$ | join\ our\b
    | (?:leave\ a\ (?:reply|comment)|post\ a\ comment|add\ (?:a\ )?comment|write\ a\ comment|
      join\ the\ (?:conversation|discussion)|comments?|no\ comments?(?:\ yet)?|show\ comments)
      (?:\ \(?\d{1,6}\)?)?:?(?:\ cancel\ reply)?$
    | \d{1,6}\ (?:comments?|replies|shares?|views?|likes?|responses?)$
    | (?:one|\d{1,5})\ (?:thoughts?|responses?|comments?|replies)\ (?:on|to)\b
    | (?:(?:updated|posted|published|last\ updated|edited)\s*:?\s*)?(?:about\ )?(?:an?|\d{1,3})\s*
      (?:sec(?:ond)?|min(?:ute)?|m|h(?:ou)?r|h|day|d|week|wk|month|mo|year|yr)s?\ ago$
    | (?:\d{1,3}\ )?min(?:ute)?s?\ read$
    | (?:image|photo|picture|video|graphic|illustration|file\ photo)s?
      \s*(?:source|credit|courtesy)?s?\s*:
    | (?:credit|source|photo\ credit)s?\s*:\s*\S.{0,60}$
    | (?:author|authors|about\ the\ author|editor|contributor|written\ by|staff)$
    | discover\ more\ from\b
    | (?:sign\ up|subscribe|register)\ (?:for|to)\ (?:our|the)\b.{0,60}newsletter
    | newsletter$
    | (?:previous|next)\ (?:article|post|story|page)\b
    | (?:tags?|topics?|categories|filed\ under|keywords)\s*:
    | (?:reporting|editing|additional\ reporting|writing)\ by\b.{0,120}$
    | all\ rights\ reserved | copyright\b | ©
    | (?:privacy\ policy|terms\ (?:of\ (?:use|service)|and\ conditions)|cookie\ (?:policy|settings|
      preferences))
    | (?:accept|reject|manage)\ (?:all\ )?(?:cookies|preferences)
    | (?:you\ need\ to\ |please\ )?enable\ javascript | javascript\ is\ (?:disabled|required)
    | your\ browser\ (?:does\ not|doesn't)\ support
"""
# A byline's bio ("Jane Doe is a senior climate correspondent"): it always holds "is a".
_BYLINE_BIO = r"""
      .{0,60}\bis\ an?\ (?:[\w'-]+\ ){0,4}(?:reporter|correspondent|journalist|writer|editor
      |columnist|contributor|intern)\b.{0,80}$
"""
_CHROME = re.compile(f"^(?:{_CHROME_PHRASES}|{_BYLINE_BIO})", re.IGNORECASE | re.VERBOSE)
# The same phrases read case-sensitively, for an ASCII line in lower case: the engine then
# skips an alternative whose first letter differs instead of entering it, and the bio is only
# tried on a line holding "is a". Every letter of the phrases is lower case, and on ASCII text
# IGNORECASE means no more than lower case (its extra folds, "ſ" for "s", "K" for "k", "İ" for
# "i", are not ASCII).
_CHROME_LOWER = re.compile(f"^(?:{_CHROME_PHRASES})", re.VERBOSE)
_BYLINE_BIO_LOWER = re.compile(f"^(?:{_BYLINE_BIO})", re.VERBOSE)
# Unmistakable calls to action, wherever they sit in a short line ("For maps, sign up for our
# alerts.", "X is listener-supported. Donate today.").
_CHROME_ANYWHERE = re.compile(
    r"\b(?:sign\ up\ for\ our|subscribe\ to\ our|download\ our\ app|follow\ us\ on|click\ here|"
    r"donate\ (?:today|now)|support\ (?:local|independent)\ journalism|"
    r"(?:listener|reader|viewer|member)-(?:supported|funded))\b",
    re.IGNORECASE | re.VERBOSE,
)
# Every call to action holds one of these (in lower case): most lines need no search.
_CALL_TO_ACTION_WORDS = (
    " our",
    "us on",
    "click here",
    "donate ",
    "journalism",
    "-supported",
    "-funded",
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s+[|›»>/]\s+|\s*[|›»]\s*")
_SEPARATOR_CHARS = "|›»>/"
_LABEL = re.compile(r"^[^\d.!?]{1,30}$")
# Consent notices run long, so they are recognised by vocabulary rather than by length.
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_CONSENT = re.compile(
    r"\b(?:consent|accept|agree|privacy|personali[sz]e|browsing experience|preferences)\b",
    re.IGNORECASE,
)
_SITE_VOICE = re.compile(r"\b(?:we|our|you|your|this (?:web)?site)\b", re.IGNORECASE)
_SYMBOLS_ONLY = re.compile(r"^[\W_]{1,80}$")


def is_boilerplate_line(line: str) -> bool:
    """Tell whether one stripped line is web chrome rather than article content.

    Chrome is a short line (at most 16 words) opening with a UI phrase (share, subscribe, read
    more, comment counters, relative timestamps, image credits, agency taglines ...) or holding
    an unmistakable call to action ("sign up for our", "donate today"); a breadcrumb or footer
    of short labels split by "|" or "›"; a cookie notice in the site's voice of any length up
    to 600 characters; or a line of symbols only.
    """
    if not line or _SYMBOLS_ONLY.match(line):
        return True
    if (
        len(line) <= 600
        and ("ookie" in line or "OOKIE" in line)
        and _COOKIE.search(line)
        and _CONSENT.search(line)
        and _SITE_VOICE.search(line)
    ):
        return True
    if line.count(" ") >= _MAX_CHROME_WORDS:
        return False
    bare = line.lstrip("([").rstrip(")]")
    if _opens_with_chrome(bare) or _calls_to_action(line):
        return True
    # Every separator holds one of these characters: most lines have none and need no split.
    segments = (
        _BREADCRUMB_SEPARATOR.split(line)
        if any(mark in line for mark in _SEPARATOR_CHARS)
        else [line]
    )
    if len(segments) > 1:
        # "NEWS | WORLD", "Home › Europe": every part a short label, or the chrome of a footer
        # ("Follow X on social media | Sign up for our newsletter").
        return all(
            (_LABEL.match(seg) and seg.count(" ") < 3) or _opens_with_chrome(seg)
            for seg in segments
        )
    return False


def _opens_with_chrome(text: str) -> bool:
    """Whether `_CHROME` matches at the start of `text`."""
    if not text.isascii():
        return _CHROME.match(text) is not None
    lower = text.lower()
    return _CHROME_LOWER.match(lower) is not None or (
        "is a" in lower and _BYLINE_BIO_LOWER.match(lower) is not None
    )


def _calls_to_action(line: str) -> bool:
    """Whether `_CHROME_ANYWHERE` finds a call to action in `line`."""
    if line.isascii():
        lower = line.lower()
        if not any(word in lower for word in _CALL_TO_ACTION_WORDS):
            return False
    return _CHROME_ANYWHERE.search(line) is not None


def _unmarked(line: str) -> str:
    # Every mark holds "#", ">", "**" or "__": most lines need no substitution.
    if "#" in line or ">" in line or "**" in line or "__" in line:
        return _MARKUP.sub("", line)
    return line


def _dedupe_key(line: str) -> str:
    folded = line.casefold().replace("’", "'")
    # No space but single plain ones inside (the rest is not printable): the split and join
    # would give it back unchanged, after building a string per word.
    if (
        folded.isprintable()
        and "  " not in folded
        and not folded.startswith(" ")
        and not folded.endswith(" ")
    ):
        return folded
    return " ".join(folded.split())


def _without_bullet(line: str) -> str:
    """`line` with its list marker, if any, made the canonical `BULLET`."""
    # A marker is the first character but for up to three spaces: most lines open otherwise.
    first = line.lstrip()[:1]
    if first and first in LIST_MARKS:
        return _BULLET.sub(BULLET, line)
    return line


def _join_wrapped(lines: list[str]) -> list[str]:
    """Re-join hard-wrapped paragraphs: a line continues when the next one opens in lower case
    or the line ends with a comma (a headline never does either)."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line:
            prev = out[-1]
            if (line[0].islower() and not _TERMINAL.search(prev)) or prev.endswith(","):
                out[-1] = prev + " " + line
                continue
        out.append(line)
    return out


def clean_text(raw: str) -> str:
    """Return the canonical clean text of one article.

    Repairs mojibake, removes NUL and zero-width characters, turns every space variant into a
    plain space, re-joins hard-wrapped lines, drops web-chrome lines (see `is_boilerplate_line`)
    and every later exact repeat of a line (a headline repeated above the body, a pull quote: a
    repeat never adds a claim and would duplicate assertions). Markdown heading and emphasis
    marks go; list items keep one canonical marker, `BULLET` ("• "), so that sentence splitting
    can tell an item from a headline. Each remaining line is a paragraph;
    paragraphs are separated by exactly one blank line ("\\n\\n"), with no leading or trailing
    whitespace.
    """
    text = _INVISIBLE.sub("", raw) if any(c in raw for c in _INVISIBLE_CHARS) else raw
    if "<" in text:
        text = _BLOCK_TAG.sub("\n", text)
        text = _INLINE_TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: unescape_entities(m.group(0)), text)
    text = repair_mojibake(text)
    text = unicodedata.normalize("NFC", text)
    if any(mark in text for mark in ("\r", "\u2028", "\u2029", "\x85")):
        text = _LINE_BREAK.sub("\n", text)
    if "  " in text or (
        not text.replace("\n", " ").isprintable() and _ODD_SPACE.search(text) is not None
    ):
        text = _HSPACE.sub(" ", text)
    # Blank lines only separate paragraphs here; every non-empty line is its own unit.
    lines = _join_wrapped([_without_bullet(_unmarked(line)).strip() for line in text.split("\n")])
    seen: set[str] = set()
    kept: list[str] = []
    for line in lines:
        content = line.removeprefix(BULLET).strip()
        if not content or is_boilerplate_line(content):
            continue
        key = _dedupe_key(content)
        if key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return "\n\n".join(kept)


# ---------------------------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------------------------

_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]{0,40})\s*:\s*(.*)$")


def parse_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split a leading `---` block of `key: value` lines from the body.

    Keys are lower-cased (`published-at` becomes `published_at`), surrounding quotes are removed
    from values. Text without a well-formed block is returned unchanged with an empty dict.
    """
    stripped = raw.lstrip("\ufeff")
    if not stripped.startswith("---"):
        return {}, raw
    lines = stripped.split("\n")
    if lines[0].strip() != "---":
        return {}, raw
    meta: dict[str, str] = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return meta, "\n".join(lines[index + 1 :])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _FRONT_KEY.match(line.strip())
        if match is None:
            return {}, raw
        value = match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[match.group(1).lower().replace("-", "_")] = value
    return {}, raw


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------


@mypyc_attr(native_class=False)
class CleanedPage(msgspec.Struct, frozen=True, kw_only=True):
    """The article a web page holds: clean body text and whatever metadata the page declares."""

    text: str
    title: str | None = None
    author: str | None = None
    published_at: dt.datetime | None = None
    publisher: str | None = None
    url: str | None = None


# Generous cap: larger inputs are mostly inline data, and trafilatura's tree work grows with size.
_MAX_HTML_CHARS = 5_000_000
# trafilatura's tree work grows fast with element count (a 180k-element page takes seconds):
# past this many tags only the fast paragraph baseline runs.
_MAX_TAGS = 40_000
_TITLE = re.compile(r"<title[^>]{0,200}>([^<]{1,300})</title>", re.IGNORECASE)


# Machine-readable publication times (Open Graph / JSON-LD) carry the time and zone that
# trafilatura's date-only metadata drops.
_META_PUBLISHED = re.compile(
    r"""(?:property|name|itemprop)=["'](?:article:published_time|datePublished|pubdate|"""
    r"""publish[-_]?date|dc\.date)["'][^>]{0,40}?content=["']([^"']{8,40})["']"""
    r'|"datePublished"\s*:\s*"([^"]{8,40})"',
    re.IGNORECASE,
)


def _parse_page_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _page_published(html: str, trafilatura_date: object) -> dt.datetime | None:
    """Publication time: page metadata with a time, else trafilatura's date, else a stamp in
    the page text ("Published: 4 November 2025 14:05 GMT")."""
    meta = _META_PUBLISHED.search(html, 0, 200_000)
    if meta is not None:
        found = _parse_page_date(meta.group(1) or meta.group(2))
        if found is not None:
            return found
    if isinstance(trafilatura_date, str):
        found = _parse_page_date(trafilatura_date)
        if found is not None:
            return found
    try:
        page_text = trafilatura.html2txt(html[:200_000])
    except Exception:  # a page that cannot be parsed simply has no stamp
        return None
    return extract_dates_for_published(page_text) if isinstance(page_text, str) else None


def _none_if_blank(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _fallback_text(html: str) -> str:
    """Paragraph text when trafilatura finds no article (odd markup, very short pages)."""
    try:
        _, text, _ = trafilatura.baseline(html)
    except Exception:  # a broken page must degrade to empty text, never raise
        return ""
    return text if isinstance(text, str) else ""


def clean_html(html: str) -> CleanedPage:
    """Extract the article body and metadata of a whole web page, then clean the body.

    trafilatura runs offline with comments and links excluded and `favor_precision` on, so
    navigation, related links and subscribe boxes stay out. When it finds no article body, or
    the page has more than 40,000 tags, the page's paragraph text is used instead
    (trafilatura's baseline). A page without readable
    text (all scripts, empty, unparsable) yields `text == ""`: the caller decides to reject it.
    """
    html = html[:_MAX_HTML_CHARS].replace("\x00", "")
    if not html.strip():
        return CleanedPage(text="")
    meta = _extract(html) if html.count("<") <= _MAX_TAGS else {}
    body = meta.get("text")
    text = clean_text(body) if isinstance(body, str) and body.strip() else ""
    if not text:
        text = clean_text(_fallback_text(html))
    title = _none_if_blank(meta.get("title"))
    if title is None and (found := _TITLE.search(html, 0, 200_000)) is not None:
        title = _none_if_blank(unescape_entities(found.group(1)))
    date_value = meta.get("date")
    return CleanedPage(
        text=text,
        title=clean_text(title) or None if title else None,
        author=_none_if_blank(meta.get("author")),
        published_at=_page_published(html, date_value),
        publisher=_none_if_blank(meta.get("sitename")),
        url=_none_if_blank(meta.get("url")),
    )


def _extract(html: str) -> dict[str, object]:
    """trafilatura's article text and metadata ({} when it finds nothing or fails)."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura/lxml raise many types on hostile markup
        return {}
    if doc is None:
        return {}
    found = doc.as_dict() if hasattr(doc, "as_dict") else doc
    return dict(found) if isinstance(found, dict) else {}
