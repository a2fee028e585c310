"""How a cited passage is written: in a footnote, in the text, and in a reference list.

Three styles:
- "notes" (default), after House of Commons Library briefings: every footnote is a full
  reference (author or publisher, title, date, page, URL [accessed date]) followed by the
  quoted passage, so any note can be checked on its own;
- "oscola": the Oxford standard for legal citation: full reference on first citation, then
  "ibid" for the note immediately before, or "Author (n 3) 12" back to the first note;
  pinpoints are bare page numbers and URLs go in angle brackets;
- "harvard": author-date in the text, "(Northfield Clinical Commissioning Group 2015, p. 2)",
  with a reference list at the end. Footnotes carry only the quoted passage: Harvard itself
  has no notes, but a briefing's value is that every statement can be checked against its
  words, so the quotes stay one glance away without cluttering the sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evidence_pack.core.briefing.rich_text import Segment
from evidence_pack.core.briefing.wording import date_text, dates_text, day_text, year_of
from evidence_pack.core.errors import InvalidValue
from evidence_pack.core.models import Source

STYLE_NAMES = ("notes", "oscola", "harvard")

# A cited passage is evidence, but a whole page pasted into a note helps nobody.
MAX_QUOTE_CHARS = 700

# Kinds whose numbered units are printed pages; the others are sections of an article.
_PAGED_KINDS = ("pdf", "txt")
_ARTICLE_KINDS = ("html", "mhtml")


@dataclass(frozen=True)
class PassageRef:
    """One cited passage: where it is and what it says."""

    source: Source
    page: int
    page_label: str | None
    quote: str


def page_locator(source: Source, page: int, label: str | None, *, bare: bool = False) -> str:
    """ "p. 12" (the printed label when the PDF has one), "section 3", or "" when the
    source is one undivided article."""
    if source.kind in _PAGED_KINDS:
        number = (label or "").strip() or str(page)
        return number if bare else f"p. {number}"
    if source.page_count > 1:
        return f"s {page}" if bare else f"section {page}"
    return ""


def pages_text(source: Source, pages: list[tuple[int, str | None]]) -> str:
    """Every place cited in one source: "pp. 2, 3", "p. iv", "sections 1, 4" or ""."""
    if source.kind in _PAGED_KINDS:
        names = [(label or "").strip() or str(n) for n, label in pages]
        return f"{'p.' if len(names) == 1 else 'pp.'} {', '.join(names)}" if names else ""
    if source.page_count > 1 and pages:
        names = [str(n) for n, _ in pages]
        return f"{'section' if len(names) == 1 else 'sections'} {', '.join(names)}"
    return ""


def quote_text(quote: str, marks: tuple[str, str] = ("“", "”")) -> str:
    text = " ".join(quote.split())
    if len(text) > MAX_QUOTE_CHARS:
        cut = text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0]
        text = f"{cut} […]"
    return f"{marks[0]}{text}{marks[1]}"


def _who(source: Source) -> str | None:
    return (source.author or "").strip() or (source.publisher or "").strip() or None


def _publisher_if_different(source: Source) -> str | None:
    publisher = (source.publisher or "").strip()
    if publisher and publisher != (source.author or "").strip():
        return publisher
    return None


def _title(source: Source) -> str:
    return (source.title or "").strip() or source.file_name


def _url_segments(source: Source, *, oscola: bool = False) -> list[Segment | str]:
    if not source.url:
        return []
    accessed = day_text(source.accessed)
    if oscola:
        out: list[Segment | str] = [" <", Segment(source.url, url=source.url), ">"]
        if accessed:
            out.append(f" accessed {accessed}")
        return out
    out = [", ", Segment(source.url, url=source.url)]
    if accessed:
        out.append(f" [accessed {accessed}]")
    return out


class CitationStyle:
    """Base: subclasses write notes, in-text citations and reference-list entries."""

    name = ""
    in_text = False  # author-date citations in the sentence
    reference_list = False

    def note(self, ref: PassageRef, note_number: int) -> list[Segment | str]:
        raise NotImplementedError

    def cite_in_text(self, refs: Sequence[PassageRef]) -> str:
        return ""

    def references(self, sources: Iterable[Source]) -> list[list[Segment | str]]:
        return []


class NotesStyle(CitationStyle):
    name = "notes"

    def note(self, ref: PassageRef, note_number: int) -> list[Segment | str]:
        return [*full_reference(ref), ". ", quote_text(ref.quote)]


def full_reference(ref: PassageRef) -> list[Segment | str]:
    """Author/publisher, title, publisher, date, page, URL [accessed date]."""
    s = ref.source
    out: list[Segment | str] = []
    who = _who(s)
    if who:
        out.append(f"{who}, ")
    if s.kind in _ARTICLE_KINDS:
        out.append(f"‘{_title(s)}’")
    else:
        out.append(Segment(_title(s), italic=True))
    publisher = _publisher_if_different(s)
    if publisher and publisher != who:
        out.append(f", {publisher}")
    out.append(f", {dates_text(s.published, s.updated)}")
    where = page_locator(s, ref.page, ref.page_label)
    if where:
        out.append(f", {where}")
    out.extend(_url_segments(s))
    return out


class OscolaStyle(CitationStyle):
    name = "oscola"

    def __init__(self) -> None:
        super().__init__()
        self._first_note: dict[int, int] = {}
        self._previous_source: int | None = None

    def note(self, ref: PassageRef, note_number: int) -> list[Segment | str]:
        s = ref.source
        pin = page_locator(s, ref.page, ref.page_label, bare=True)
        quote = [". ", quote_text(ref.quote, ("‘", "’"))]
        if self._previous_source == s.id:
            cite: list[Segment | str] = ["ibid" + (f" {pin}" if pin else "")]
        elif s.id in self._first_note:
            short = _who(s) or _title(s)
            cite = [f"{short} (n {self._first_note[s.id]})" + (f" {pin}" if pin else "")]
        else:
            self._first_note[s.id] = note_number
            cite = self._first(s, pin)
        self._previous_source = s.id
        return [*cite, *quote]

    def _first(self, s: Source, pin: str) -> list[Segment | str]:
        out: list[Segment | str] = []
        who = _who(s)
        if who:
            out.append(f"{who}, ")
        if s.kind in _ARTICLE_KINDS:
            out.append(f"‘{_title(s)}’")
        else:
            out.append(Segment(_title(s), italic=True))
        publisher = _publisher_if_different(s)
        when = dates_text(s.published, s.updated, undated="undated", lead=False)
        inside = f"{publisher}, {when}" if publisher and publisher != who else when
        out.append(f" ({inside})")
        if pin:
            out.append(f" {pin}")
        out.extend(_url_segments(s, oscola=True))
        return out


_ORGANISATION_WORDS = {
    "authority", "board", "borough", "ccg", "college", "commission", "committee", "council",
    "department", "foundation", "gazette", "group", "inc", "limited", "llp", "ltd", "ministry",
    "nhs", "office", "plc", "service", "services", "society", "trust", "university",
}  # fmt: skip
_NAME_WORD = re.compile(r"^[A-Z][a-z'’\-]+\.?$")


def _person_name(author: str) -> tuple[str, str] | None:
    """(surname, initials) when `author` looks like one person's name: two or three
    capitalised words, none of them an organisation word."""
    words = author.split()
    if not 2 <= len(words) <= 3:
        return None
    if any(not _NAME_WORD.match(w) or w.lower().strip(".") in _ORGANISATION_WORDS
           for w in words):
        return None
    initials = " ".join(f"{w[0]}." for w in words[:-1])
    return words[-1], initials


class HarvardStyle(CitationStyle):
    name = "harvard"
    in_text = True
    reference_list = True

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        super().__init__()
        self._labels: dict[int, tuple[str, str]] = {}
        self.prepare(sources)

    def prepare(self, sources: Iterable[Source]) -> None:
        """Give each source its author-date label, with 2015a/2015b where two collide."""
        groups: dict[tuple[str, str], list[Source]] = defaultdict(list)
        for s in sources:
            groups[(self._author_key(s), year_of(s.published) or "n.d.")].append(s)
        self._labels.clear()
        for (author, year), members in groups.items():
            members.sort(key=lambda s: (_title(s).lower(), s.id))
            for i, s in enumerate(members):
                suffix = chr(ord("a") + i) if len(members) > 1 and i < 26 else ""
                self._labels[s.id] = (author, f"{year}{suffix}")

    def _author_key(self, s: Source) -> str:
        who = _who(s)
        if who is None:
            return _title(s)
        person = _person_name(who)
        return person[0] if person else who

    def label(self, s: Source) -> tuple[str, str]:
        if s.id not in self._labels:
            self._labels[s.id] = (self._author_key(s), year_of(s.published) or "n.d.")
        return self._labels[s.id]

    def locator(self, ref: PassageRef) -> str:
        author, year = self.label(ref.source)
        where = page_locator(ref.source, ref.page, ref.page_label)
        return f"{author} {year}" + (f", {where}" if where else "")

    def cite_in_text(self, refs: Sequence[PassageRef]) -> str:
        seen: list[str] = []
        for ref in refs:
            text = self.locator(ref)
            if text not in seen:
                seen.append(text)
        return f"({'; '.join(seen)})" if seen else ""

    def note(self, ref: PassageRef, note_number: int) -> list[Segment | str]:
        return [f"{self.locator(ref)}: ", quote_text(ref.quote)]

    def references(self, sources: Iterable[Source]) -> list[list[Segment | str]]:
        entries = []
        for s in sources:
            author, year = self.label(s)
            who = _who(s)
            person = _person_name(who) if who else None
            name = f"{person[0]}, {person[1]}" if person else (who or "")
            entry: list[Segment | str] = []
            if name:
                entry.append(f"{name} ({year}) ")
            if s.kind in _ARTICLE_KINDS:
                entry.append(f"‘{_title(s)}’")
            else:
                entry.append(Segment(_title(s), italic=True))
            if not name:
                entry.append(f" ({year})")
            publisher = _publisher_if_different(s)
            if publisher and publisher != who:
                entry.append(f", {publisher}")
            if s.published and s.published.precision == "day":
                entry.append(f", {date_text(s.published)}")
            if s.updated:
                entry.append(f" (updated {date_text(s.updated)})")
            entry.append(".")
            if s.url:
                entry.extend([" Available at: ", Segment(s.url, url=s.url)])
                accessed = day_text(s.accessed)
                entry.append(f" (Accessed: {accessed})." if accessed else ".")
            entries.append((author.lower(), year, entry))
        entries.sort(key=lambda e: (e[0], e[1]))
        return [e[2] for e in entries]


def make_style(name: str, sources: Iterable[Source] = ()) -> CitationStyle:
    key = (name or "notes").strip().lower()
    if key == "notes":
        return NotesStyle()
    if key == "oscola":
        return OscolaStyle()
    if key == "harvard":
        return HarvardStyle(sources)
    raise InvalidValue(f"unknown citation style {name!r}; choose one of: {', '.join(STYLE_NAMES)}")
