"""Text written after publication: dated edit notes, and "Last updated" lines.

Pages change after they are published. A blog post of February 2015 gains an "EDIT FEB
2016:" paragraph; a news story gets "Update, 3 March: the trust has since said..."; a
correction is appended, "Correction (12/03/2015): an earlier version said...". Those
paragraphs were written on their own date, and relative words inside them ("it has recently
been doing the rounds") mean that date, not the publication's. A page may also say when it
was last changed without saying what changed: "Last updated: August 2023", "Page last
reviewed: 12 March 2023", "Revised 8 February 2016".

Which paragraphs a note covers:
- "EDIT FEB 2016: text..." covers its own paragraph;
- a marker standing alone ("Update, 3 March:") covers the paragraph after it, and, when it
  stands in the second half of the page (an update appended to the article), every
  paragraph after it up to the next note.
A marker whose date has no year ("Update, 3 March:") takes the first such date on or after
publication; without a publication date it cannot be placed and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from evidence_pack.core.ingest.stated_dates import (
    StatedDate,
    first_stated_date,
    place_year,
    plausible,
)
from evidence_pack.core.models import DatedPassage, ParsedPage

_NOTE_LABEL = re.compile(
    r"(?P<label>edit(?:ed)?|updated?|updates|correction|corrected|clarification|"
    r"editor[’']?s\s+note|addendum|postscript|late\s+update|nachtrag|aktualisierung|"
    r"korrektur|mise\s+à\s+jour|actualización|aggiornamento)\b",
    re.IGNORECASE,
)
# what may stand between a note's label and its date: "Update, 3 March", "EDIT (8/2/2016)",
# "Updated on 8 February 2016", "Update as of 3 March"
_BEFORE_DATE = re.compile(r"[\s,:(\[\-–—]*(?:(?:on|at|am|vom|le|du|del|as\s+of|from)\s+)?"
                          r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?", re.IGNORECASE)
# after the date: optional time and closing bracket, then the colon or dash that opens the
# note's text ("EDIT FEB 2016:", "Update (3 March) -", "[Updated 8/2/2016]")
_AFTER_DATE = re.compile(r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:am|pm|gmt|bst|utc)?)?"
                         r"\s*[)\]]?\s*(?P<colon>[:\-–—.]|[)\]])?\s*", re.IGNORECASE)
_LINE_START = re.compile(r"^[ \t>*_#•\[(\-–]*", re.MULTILINE)
# a note's label where a paragraph can start (every paragraph starts a line)
_LABEL_AT_LINE_START = re.compile(_LINE_START.pattern + "(?:" + _NOTE_LABEL.pattern + ")",
                                  re.MULTILINE | re.IGNORECASE)

# "Last updated: August 2023", "Page last reviewed: 12 March 2023", "Revised 8 February 2016"
_UPDATE_LINE = re.compile(
    r"(?:(?:page\s+)?last\s+(?:updated|modified|reviewed|revised|amended|edited)(?:\s+on)?"
    r"|(?<![\w-])(?:updated|revised|amended|modified)(?:\s+on|\s+at)?"
    r"|date\s+of\s+(?:last\s+)?(?:revision|update)|revision\s+date|version\s+date"
    r"|zuletzt\s+(?:aktualisiert|geändert|überarbeitet)(?:\s+am)?|aktualisiert(?:\s+am)?"
    r"|mis\s+à\s+jour(?:\s+le)?|actualizado(?:\s+el)?)"
    r"\s*[:\-–|]?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?",
    re.IGNORECASE,
)
# A line saying when the text was changed is short; "It was updated in March 2016 to
# include..." in a paragraph of prose is not one.
_SHORT_LINE = 160


@dataclass(frozen=True)
class UpdateLine:
    value: str  # ISO at its precision
    wording: str  # "Last updated: August 2023"
    page: int


def find_edit_notes(pages: Iterable[ParsedPage], published: str | None) -> list[DatedPassage]:
    out: list[DatedPassage] = []
    for page in pages:
        out.extend(_page_notes(page, published))
    return out


def find_update_lines(pages: Iterable[ParsedPage]) -> list[UpdateLine]:
    out: list[UpdateLine] = []
    for page in pages:
        for line in page.text.split("\n"):
            if len(line) > _SHORT_LINE:
                continue
            for m in _UPDATE_LINE.finditer(line):
                if _NOTE_LABEL.match(line, m.start()) and _is_note_marker(line, m.start()):
                    continue  # "Update, 3 March: text" is an edit note, not a stamp
                date = first_stated_date(line[m.end(): m.end() + 30])
                if date is None or date.start != 0 or not date.year_given:
                    continue
                if not plausible(date.value):
                    continue
                wording = " ".join(line[m.start(): m.end() + date.end].split())
                out.append(UpdateLine(date.value, wording, page.number))
                break
    return out


def latest_update(lines: Iterable[UpdateLine], notes: Iterable[DatedPassage],
                  after: str | None) -> tuple[str, str] | None:
    """The latest date the text says it was changed, later than `after` (the publication),
    with what says so: ("2016-02-08", "edit note 'EDIT FEB 2016:'")."""
    found: list[tuple[str, str]] = [(line.value, f"the line '{line.wording}'") for line in lines]
    found += [(n.written, f"the edit note '{n.wording}'") for n in notes]
    later = [f for f in found if not after or _later(f[0], after)]
    return max(later, key=lambda f: f[0]) if later else None


def _later(value: str, than: str) -> bool:
    n = min(len(value), len(than))
    return value[:n] > than[:n]


def _page_notes(page: ParsedPage, published: str | None) -> Iterator[DatedPassage]:
    text = page.text
    if not _LABEL_AT_LINE_START.search(text):
        return  # most pages open no line with an edit's label: one scan, not one a paragraph
    paragraphs = _paragraphs(text)
    # paragraph index, start, date written, the marker's wording, whether it stands alone
    notes: list[tuple[int, int, str, str, bool]] = []
    for index, (start, end) in enumerate(paragraphs):
        marker = _marker(text, start, end, published)
        if marker is None:
            continue
        written, wording, alone = marker
        notes.append((index, start, written, wording, alone))
    for n, (index, start, written, wording, alone) in enumerate(notes):
        last = index
        if alone:
            next_note = notes[n + 1][0] if n + 1 < len(notes) else len(paragraphs)
            appended = paragraphs[index][0] >= len(text) / 2
            last = next_note - 1 if appended else min(index + 1, next_note - 1)
        end = paragraphs[max(last, index)][1]
        yield DatedPassage(page.number, start, end, written, wording)


def _marker(text: str, start: int, end: int,
            published: str | None) -> tuple[str, str, bool] | None:
    lead = _LINE_START.match(text, start)
    at = lead.end() if lead else start
    label = _NOTE_LABEL.match(text, at)
    if label is None or label.end() > end:
        return None
    gap = _BEFORE_DATE.match(text, label.end())
    date_at = gap.end() if gap else label.end()
    window = text[date_at: min(end, date_at + 40)]
    date = first_stated_date(window)
    if date is None or date.start != 0:
        return None
    after = _AFTER_DATE.match(text, date_at + date.end)
    if after is None or not after.group("colon"):
        return None  # "Updated 8 February 2016" alone is a stamp, not a note
    alone = after.end() >= end
    if alone and after.group("colon") == ".":
        return None  # "Updated 8 February 2016." ends a line; it opens no note
    placed = _placed(date, published)
    if placed is None:
        return None
    wording = " ".join(text[at: after.end()].split())
    return placed.value, wording, alone


def _is_note_marker(line: str, at: int) -> bool:
    label = _NOTE_LABEL.match(line, at)
    if label is None:
        return False
    gap = _BEFORE_DATE.match(line, label.end())
    date_at = gap.end() if gap else label.end()
    date = first_stated_date(line[date_at: date_at + 40])
    if date is None or date.start != 0:
        return False
    after = _AFTER_DATE.match(line, date_at + date.end)
    return bool(after and after.group("colon") and after.group("colon") in ":-–—)]")


def _placed(date: StatedDate, published: str | None) -> StatedDate | None:
    placed = place_year(date, published)
    if placed is None or not plausible(placed.value):
        return None
    return placed


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, or lines where the text
    has no blank lines (PDF pages)."""
    splitter = re.compile(r"\n\s*\n" if "\n\n" in text else r"\n")
    out = []
    pos = 0
    for m in splitter.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]

