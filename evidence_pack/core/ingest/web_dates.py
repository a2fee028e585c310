"""When a saved web page was first published and last updated, and why we think so.

A page carries its dates in many places, each wrong on some sites: JSON-LD (`datePublished`,
`dateModified`), Open Graph and article meta tags, `itemprop` microdata, `<time>` elements,
a generic `<meta name="date">` (often the CMS's last save), a date in the address, and the
visible byline ("Veröffentlicht am 16.08.2019", "Published 3 March 2016", "Last updated:
August 2023"). htmldate's extensive search weighs most of these with its own heuristics.
Every signal is collected with its name; `decide_web_dates` then takes one decision for
each of published and updated, and says which signals it rests on.

The order of trust, first to last, for the publication date:
1. an explicit published marker that the page's own structured data and visible text do
   not contradict: JSON-LD/microdata/Open Graph `datePublished`, confirmed by the byline,
   the address or htmldate;
2. the visible byline labelled as publication ("Published", "Veröffentlicht", "Publié",
   "Posted", "Written"), which is what a reader of the page sees;
3. the explicit published marker alone;
4. a full date in the address;
5. htmldate's extensive search (which also reads the generic tags and the page text).
Metadata that names itself a modification (`dateModified`, `article:modified_time`,
`og:updated_time`, "Last updated", "Stand") never becomes the publication date; it is the
candidate for the last update, which is kept only when it is later than publication.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from evidence_pack.core.ingest.stated_dates import (
    StatedDate,
    find_stated_dates,
    first_stated_date,
    plausible,
)


@dataclass(frozen=True)
class Signal:
    value: str  # ISO day (or month, for a visible "Last updated: August 2023")
    kind: str  # "published", "updated" or "generic" (a date that does not say which)
    name: str  # where it was read: "JSON-LD datePublished", "byline 'Published'"
    basis: str  # metadata, byline, address, text


@dataclass(frozen=True)
class DateDecision:
    value: str  # ISO at its precision
    basis: str  # metadata, byline, address, text
    reason: str  # "JSON-LD datePublished, agreeing with the byline"


@dataclass(frozen=True)
class WebDates:
    published: DateDecision | None
    updated: DateDecision | None
    signals: tuple[Signal, ...]


# meta name/property/itemprop values (lower case) and what they date
_PUBLISHED_META = {
    "article:published_time", "article:published", "og:published_time",
    "og:article:published_time", "article.published", "datepublished", "date_published",
    "publishdate", "publish-date", "publish_date", "published_time", "pubdate",
    "dc.date.issued", "dcterms.issued", "citation_publication_date", "citation_date",
    "prism.publicationdate", "parsely-pub-date", "sailthru.date", "article_date_original",
    "originalpublicationdate", "original-publish-date", "rnews:datepublished", "og:pubdate",
    "bt:pubdate", "dc.date.created", "dcterms.created", "datecreated", "date.created",
    "article:post_date", "release_date", "displaydate", "cxenseparse:recs:publishtime",
}  # fmt: skip
_MODIFIED_META = {
    "article:modified_time", "article:modified", "og:updated_time", "datemodified",
    "date_modified", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod",
    "last_modified", "modified", "revised", "last_updated", "lastupdated", "updated_time",
    "article:updated_time", "parsely-updated", "dateupdated", "date.modified",
}  # fmt: skip
_GENERIC_META = {"date", "dc.date", "dcterms.date", "dc:date", "article:date", "datetime",
                 "timestamp", "created", "creation_date"}

_ARTICLE_TYPES = re.compile(
    r"article|posting|report|review|story|blog|recipe|video|podcast|episode|release|"
    r"creativework|analysis|opinion|liveblog|qapage|howto", re.IGNORECASE)

# Visible labels, in the languages the pages come in. Updated labels are tried first, so
# "Zuletzt aktualisiert" is an update and not a publication.
_UPDATED_LABEL = re.compile(
    r"(?:last\s+(?:updated|modified|reviewed|revised|edited)|page\s+last\s+(?:updated|reviewed)"
    r"|(?<![\w-])updated(?:\s+on|\s+at)?|modified(?:\s+on)?|revised(?:\s+on)?"
    r"|zuletzt\s+(?:aktualisiert|geändert|bearbeitet|überarbeitet)|aktualisiert(?:\s+am)?"
    r"|geändert\s+am"
    r"|(?<![\w-])stand(?=\s*:)|letzte\s+änderung|mis\s+à\s+jour(?:\s+le)?|actualizado(?:\s+el)?"
    r"|aggiornato(?:\s+il)?|bijgewerkt(?:\s+op)?|atualizado(?:\s+em)?)"
    r"\s*[:\-–|]?\s*", re.IGNORECASE)
_PUBLISHED_LABEL = re.compile(
    r"(?:(?:first\s+)?published(?:\s+on|\s+at)?|posted(?:\s+on|\s+at)?|written(?:\s+on)?"
    r"|released(?:\s+on)?|issued(?:\s+on)?|date\s+published|publication\s+date"
    r"|veröffentlicht(?:\s+am)?|erschienen(?:\s+am)?|erstellt(?:\s+am)?|datum"
    r"|publié(?:\s+le)?|publicado(?:\s+el)?|pubblicato(?:\s+il)?|gepubliceerd(?:\s+op)?"
    r"|(?<![\w-])date)"
    r"\s*[:\-–|]?\s*", re.IGNORECASE)
# "von Marianne am 20.09.2020", "By Jane Smith | March 3, 2016", "Redaktion: ... 05.02.2020"
_BY_LABEL = re.compile(r"(?:(?<![\w-])by|(?<![\w-])von|(?<![\w-])par|(?<![\w-])door)\s+"
                       r"[^\n]{2,60}?(?:\s+am|\s+le|\s+on|\s*[|,·•–-])\s*", re.IGNORECASE)
# How far from the start of a label the date may stand ("Published: Monday 3 March 2016").
_LABEL_REACH = 40
_ADDRESS_DAY = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[/_-]?([01]\d)[/_-]?([0-3]\d)(?!\d)")
_ADDRESS_DAY_SPLIT = re.compile(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)(?:[/?#]|\.html?|$)")


def web_dates(html: bytes | str, url: str | None = None, *, extensive: bool = True,
              extra: Iterable[Signal] = ()) -> WebDates:
    """Collect every signal from a page (plus `extra` ones the caller read, such as
    trafilatura's date) and decide both dates."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # lxml raises several types on hopeless markup
        extra = list(extra)
        return WebDates(*decide_web_dates(extra), tuple(extra))
    signals = list(collect_signals(tree, url))
    signals.extend(_htmldate_signals(html, extensive))
    signals.extend(extra)
    published, updated = decide_web_dates(signals)
    return WebDates(published, updated, tuple(signals))


def collect_signals(tree: Any, url: str | None = None) -> Iterator[Signal]:
    yield from _json_ld(tree)
    yield from _meta_tags(tree)
    yield from _microdata(tree)
    yield from _time_elements(tree)
    yield from _address(tree, url)
    yield from _visible_lines(tree)


def decide_web_dates(signals: Iterable[Signal]) -> tuple[DateDecision | None,
                                                         DateDecision | None]:
    signals = [s for s in signals if plausible(s.value)]
    published = _decide_published(signals)
    updated = _decide_updated(signals, published)
    return published, updated


# ---- the decision ----------------------------------------------------------------------


def _decide_published(signals: list[Signal]) -> DateDecision | None:
    marked = [s for s in signals if s.kind == "published" and s.basis == "metadata"]
    # dateCreated and uploadDate date the record or the file more often than the article
    explicit = _first_of_each([s for s in marked if not s.name.startswith(_CREATED_NAMES)]
                              or marked)
    bylines = [s for s in signals if s.kind == "published" and s.basis == "byline"]
    labelled = [s for s in bylines if s.name not in _WEAK_BYLINES]
    address = [s for s in signals if s.basis == "address" and len(s.value) == 10]
    found = [s for s in signals if s.basis == "htmldate" and s.kind == "published"]
    everything = [*explicit, *bylines, *address, *found]
    if labelled:
        return _decision(labelled[0], "byline", everything)
    marked_value = _consensus(explicit, [*bylines, *address, *found])
    if marked_value is not None:
        main = _first(explicit, marked_value)
        if address and address[0].value != marked_value and (
            any(f.value == address[0].value for f in found)
            or _one_day_apart(address[0].value, marked_value)
        ):
            # a timestamp in UTC can fall on the next or previous day; the address and
            # the page's other dates were written in the newsroom's own time zone
            return _decision(address[0], "address", everything,
                             f"; {main.name} says {marked_value}")
        return _decision(main, "metadata", everything)
    if address:
        return _decision(address[0], "address", everything)
    if found:
        in_metadata = any(s.basis == "metadata" and s.value == found[0].value for s in signals)
        return _decision(found[0], "metadata" if in_metadata else "text", everything)
    if bylines:
        return _decision(bylines[0], "byline", everything)
    return None


_CREATED_NAMES = ("JSON-LD dateCreated", "JSON-LD uploadDate", "itemprop datecreated",
                  "<meta dc.date.created>", "<meta dcterms.created>", "<meta datecreated>")
_BYLINE_AFTER_AUTHOR = "the date after the author's name"
_WEAK_BYLINES = (_BYLINE_AFTER_AUTHOR, "the visible line 'Date'", "the visible line 'Datum'",
                 "the visible line 'date'", "the visible line 'datum'")


def _decision(main: Signal, basis: str, signals: list[Signal], extra: str = "") -> DateDecision:
    agreeing = [s for s in signals if s.value == main.value and s is not main]
    return DateDecision(main.value, basis, _because(main, agreeing) + extra)


def _one_day_apart(a: str, b: str) -> bool:
    import datetime as dt

    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) == 1


def _decide_updated(signals: list[Signal], published: DateDecision | None) -> DateDecision | None:
    after = published.value if published else ""
    if published is not None:
        # a publication timestamp a day off the chosen date (another time zone) is the
        # same publication; a modification stamped the same day is no update
        after = max([after, *(s.value for s in signals if s.kind == "published"
                              and s.basis == "metadata" and len(s.value) == len(after) == 10
                              and _one_day_apart(s.value, after))])
    # the first of each kind of marker: the page's own, not the teasers listed beside it
    modified = _first_of_each([s for s in signals
                               if s.kind == "updated" and s.basis == "metadata"])
    visible = [s for s in signals if s.kind == "updated" and s.basis == "byline"][:1]
    # a visible "Last updated" line is what the reader is told; metadata may be a re-save
    for group, basis in ((visible, "byline"), (modified, "metadata")):
        later = [s for s in group if _later(s.value, after)]
        if later:
            best = max(later, key=lambda s: s.value)
            others = [s for s in signals if s.value == best.value and s is not best
                      and s.kind == "updated"]
            return DateDecision(best.value, basis, _because(best, others))
    return None


def _later(value: str, than: str) -> bool:
    """Strictly later, comparing at the coarser precision (August 2023 is not later than
    12 August 2023)."""
    if not than:
        return True
    n = min(len(value), len(than))
    return value[:n] > than[:n]


def _first_of_each(signals: list[Signal]) -> list[Signal]:
    """One signal per kind of marker: a page's JSON-LD or meta tags also date the related
    articles it lists, and the page's own comes first."""
    seen: set[str] = set()
    out = []
    for s in signals:
        name = s.name.split(" (")[0]
        if name not in seen:
            seen.add(name)
            out.append(s)
    return out


def _consensus(signals: list[Signal], others: list[Signal]) -> str | None:
    """The value most kinds of explicit marker give; a tie goes to the value the page's
    other signals confirm, then to the first marker read."""
    if not signals:
        return None
    counts = Counter(s.value for s in signals)
    confirmed = Counter(s.value for s in others)
    order = {s.value: n for n, s in reversed(list(enumerate(signals)))}
    return max(counts, key=lambda v: (counts[v], confirmed[v], -order[v]))


def _first(signals: list[Signal], value: str) -> Signal:
    return next(s for s in signals if s.value == value)


def _because(main: Signal, others: Iterable[Signal]) -> str:
    names = list(dict.fromkeys(o.name for o in others if o.name != main.name))
    if not names:
        return main.name
    return f"{main.name}, agreeing with {_listed(names)}"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ---- signals -------------------------------------------------------------------------


def _json_ld(tree: Any) -> Iterator[Signal]:
    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        text = (script.text or "").strip()
        if not text:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            yield from _json_ld_by_pattern(text)
            continue
        objects = list(_json_objects(data))
        # the article's own dates, not a comment's or a breadcrumb's; a bare WebPage only
        # when the page has nothing more specific
        primary = [o for o in objects if _ARTICLE_TYPES.search(_type_of(o))]
        for obj in primary or [o for o in objects if "webpage" in _type_of(o).lower()]:
            kind_name = _type_of(obj) or "item"
            for key, kind in (("datePublished", "published"), ("dateCreated", "published"),
                              ("uploadDate", "published"), ("dateModified", "updated")):
                value = _iso_day(obj.get(key))
                if value:
                    yield Signal(value, kind, f"JSON-LD {key} ({kind_name})", "metadata")


def _json_ld_by_pattern(text: str) -> Iterator[Signal]:
    # broken JSON (trailing commas, HTML entities) still names its dates
    for key, kind in (("datePublished", "published"), ("dateModified", "updated")):
        m = re.search(rf'"{key}"\s*:\s*"([^"]+)"', text)
        value = _iso_day(m.group(1)) if m else None
        if value:
            yield Signal(value, kind, f"JSON-LD {key}", "metadata")


def _json_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in data:
                yield from _json_objects(data[key], depth + 1)


def _type_of(obj: dict[str, Any]) -> str:
    kind = obj.get("@type", "")
    if isinstance(kind, list):
        kind = " ".join(str(k) for k in kind)
    return str(kind)


def _meta_tags(tree: Any) -> Iterator[Signal]:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        if not key:
            continue
        value = _iso_day(meta.get("content"))
        if not value:
            continue
        label = f"<meta {key}>"
        if key in _PUBLISHED_META:
            yield Signal(value, "published", label, "metadata")
        elif key in _MODIFIED_META:
            yield Signal(value, "updated", label, "metadata")
        elif key in _GENERIC_META:
            yield Signal(value, "generic", label, "metadata")


def _microdata(tree: Any) -> Iterator[Signal]:
    for element in tree.xpath("//*[@itemprop]"):
        if element.tag == "meta":
            continue  # read with the meta tags
        prop = (element.get("itemprop") or "").strip().lower()
        kind = ("published" if prop in ("datepublished", "datecreated")
                else "updated" if prop == "datemodified" else None)
        if kind is None:
            continue
        value = _iso_day(element.get("datetime") or element.get("content")
                         or element.text_content())
        if value:
            yield Signal(value, kind, f"itemprop {prop}", "metadata")


_PUBLISHED_CLASS = re.compile(r"publish|entry-date|post-date|create|pubdate|dateline|"
                              r"article[-_]date|date[-_]display", re.IGNORECASE)
_UPDATED_CLASS = re.compile(r"updated|modified|revised", re.IGNORECASE)


def _time_elements(tree: Any) -> Iterator[Signal]:
    """`<time pubdate>` or a `<time>` classed as the publication; WordPress's "updated"
    class is a modification. Unmarked `<time>`s are left to htmldate."""
    for element in tree.iter("time"):
        if element.get("itemprop"):
            continue  # microdata, read above
        value = _iso_day(element.get("datetime")) or _iso_day(element.text_content())
        if not value:
            continue
        classes = " ".join(filter(None, (element.get("class"), element.getparent().get("class")
                                         if element.getparent() is not None else None)))
        if _UPDATED_CLASS.search(classes) and element.get("pubdate") is None:
            yield Signal(value, "updated", "<time class=updated>", "metadata")
        elif element.get("pubdate") is not None or _PUBLISHED_CLASS.search(classes):
            yield Signal(value, "published", "<time> marked as the publication", "metadata")


def _address(tree: Any, url: str | None) -> Iterator[Signal]:
    addresses = [url] if url else []
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        addresses.extend(str(a) for a in tree.xpath(xpath))
    seen = set()
    for address in addresses:
        path = re.sub(r"^[a-z]+://[^/]+", "", address.strip())
        if not path or path in seen:
            continue
        seen.add(path)
        m = _ADDRESS_DAY_SPLIT.search(path) or _ADDRESS_DAY.search(path)
        if m:
            value = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            if _iso_day(value):
                yield Signal(value, "published", "the date in the page's address", "address")
                return


def _visible_lines(tree: Any) -> Iterator[Signal]:
    """Labelled dates in the page's visible text, from a little before the headline."""
    text, start = _visible_text(tree)
    if not text:
        return
    head = text[start:]
    yield from _labelled(head, _UPDATED_LABEL, "updated")
    near = head[:2500]
    published = list(_labelled(near, _PUBLISHED_LABEL, "published"))
    if not published:
        published = list(_labelled(near, _BY_LABEL, "published", name=_BYLINE_AFTER_AUTHOR))
    yield from published[:1]


def _labelled(text: str, label: re.Pattern[str], kind: str, *,
              name: str | None = None) -> Iterator[Signal]:
    for m in label.finditer(text):
        if kind == "published" and _ends_an_updated_label(text, m.start()):
            continue  # "Last posted", "zuletzt erstellt": not the first publication
        window = text[m.end(): m.end() + _LABEL_REACH].split("\n\n")[0]
        date = first_stated_date(window)
        if date is None or not _close(window, date) or not plausible(date.value):
            continue
        if (date.precision == "day" or kind == "updated") and date.year_given:
            word = " ".join(m.group(0).split()).rstrip(":-–| ")
            shown = name or f"the visible line '{_short(word, 30)}'"
            yield Signal(date.value, kind, shown, "byline")


def _ends_an_updated_label(text: str, at: int) -> bool:
    before = text[max(0, at - 25):at].lower()
    return bool(re.search(r"(last|zuletzt|mis à|letzte)\s*$", before))


def _close(window: str, date: StatedDate) -> bool:
    # "Published: Monday, 3 March 2016" and "am 16.08.2019", but not a date three
    # sentences on
    between = window[: date.start]
    return len(between) <= 25 and "." not in between.replace("Mon.", "").strip(" .")[:-1]


def _visible_text(tree: Any) -> tuple[str, int]:
    """The body's text without scripts, styles and templates, and where the headline
    starts in it (a little before, as bylines often sit above the title)."""
    import copy

    body = tree.find(".//body")
    if body is None:
        body = tree
    body = copy.deepcopy(body)
    for bad in body.xpath(".//script|.//style|.//noscript|.//template|.//svg|.//select"):
        bad.drop_tree()
    for block in body.iter():
        if isinstance(block.tag, str) and block.tag in _BLOCKS:
            block.tail = "\n" + (block.tail or "")
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", body.text_content())
    text = re.sub(r"\s*\n\s*", "\n", text)
    start = 0
    heading = body.find(".//h1")
    if heading is not None:
        title = " ".join(heading.text_content().split())
        at = text.find(title[:60]) if title else -1
        if at > 0:
            start = max(0, at - 300)
    return text, start


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "span",
           "time", "header", "section", "article", "footer", "dd", "dt", "a"}


def _htmldate_signals(html: bytes | str, extensive: bool) -> Iterator[Signal]:
    from htmldate import find_date

    for original, kind in ((True, "published"), (False, "updated")):
        try:
            # htmldate prunes the tree it is given, so each call parses the page itself
            value = find_date(html, extensive_search=extensive, original_date=original)
        except Exception:  # htmldate is a heuristic; a failure is no date, not no import
            value = None
        if value:
            yield Signal(value, kind, "htmldate's extensive search" if extensive
                         else "htmldate", "htmldate")


def _iso_day(value: Any) -> str | None:
    """An ISO day from a timestamp or a stated date ("2019-12-09T19:00:49+01:00",
    "22.06.2018 10:20", "24. Januar 2022")."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()[:80]
    m = re.match(r"^((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)(?:$|[T\s_]|\d{4})", text)
    if m:
        candidate = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        dates = find_stated_dates(candidate)
        return dates[0].value if dates and dates[0].precision == "day" else None
    dates = find_stated_dates(text)
    if dates and dates[0].precision == "day" and dates[0].year_given and dates[0].start < 20:
        return dates[0].value
    return None


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
