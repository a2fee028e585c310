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
_PAGED_KINDS = ("pdf", "txt", "image")
_ARTICLE_KINDS = ("html", "mhtml", "eml", "msg")  # titles in quotes, not italics
SHEET_KINDS = ("xlsx", "xls", "ods", "csv")  # a page is a run of one sheet's rows
_SLIDE_KINDS = ("pptx", "ppt", "odp")  # a page is a slide
EMAIL_KINDS = ("eml", "msg")


@dataclass(frozen=True)
class PassageRef:
    """One cited passage: where it is and what it says."""

    source: Source
    page: int
    page_label: str | None
    quote: str
    parent: Source | None = None  # the email the source was attached to
    row: int | None = None  # the spreadsheet row the passage is on


def page_locator(source: Source, page: int, label: str | None, *, bare: bool = False,
                 row: int | None = None) -> str:
    """ "p. 12" (the printed label when the PDF has one), "slide 4", "sheet ‘Payments’,
    row 14", "section 3", or "" when the source is one undivided article."""
    return place_of(source.kind, page, label, source.page_count, bare=bare, row=row)


def place_of(kind: str, page: int, label: str | None, page_count: int, *, bare: bool = False,
             row: int | None = None) -> str:
    """What page_locator says, from a source's kind and page count alone (a search hit's)."""
    if kind in _PAGED_KINDS:
        number = (label or "").strip() or str(page)
        return number if bare else f"p. {number}"
    if kind in _SLIDE_KINDS:
        return f"slide {page}"
    if kind in SHEET_KINDS:
        sheet = "" if kind == "csv" or not label else f"sheet ‘{label}’"
        where = ", ".join(p for p in (sheet, f"row {row}" if row else "") if p)
        return where or f"section {page}"
    if page_count > 1:
        return f"s {page}" if bare else f"section {page}"
    return ""


def page_unit(kind: str) -> str:
    """What one of a source's numbered parts is called: "page", "slide" or "section"."""
    if kind in ("pdf", "image"):
        return "page"
    return "slide" if kind in _SLIDE_KINDS else "section"


def pages_text(source: Source, pages: list[tuple[int, str | None]]) -> str:
    """Every place cited in one source: "pp. 2, 3", "p. iv", "slides 1, 4", "sheet
    ‘Payments’", "sections 1, 4" or ""."""
    if source.kind in _PAGED_KINDS:
        names = [(label or "").strip() or str(n) for n, label in pages]
        return f"{'p.' if len(names) == 1 else 'pp.'} {', '.join(names)}" if names else ""
    if source.kind in _SLIDE_KINDS and pages:
        names = [str(n) for n, _ in pages]
        return f"{'slide' if len(names) == 1 else 'slides'} {', '.join(names)}"
    if source.kind in SHEET_KINDS and pages:
        sheets = list(dict.fromkeys(f"‘{label}’" for _, label in pages if label))
        if source.kind == "csv" or not sheets:
            return ""
        return f"{'sheet' if len(sheets) == 1 else 'sheets'} {', '.join(sheets)}"
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


def email_phrase(email: Source, *, dated: bool = True) -> str:
    """ "an email from Jane Officer to Cllr Smith, ‘FOI 1234’, 12 March 2015" (OSCOLA puts
    the date in brackets itself: `dated=False`)."""
    meta = email.meta or {}
    sender = meta.get("sender") or email.author
    recipients = [r for r in meta.get("recipients") or [] if r]
    out = "an email"
    if sender:
        out += f" from {sender}"
    if recipients:
        others = len(recipients) - 1
        out += f" to {recipients[0]}" + (f" and {others} other{'s' if others > 1 else ''}"
                                         if others else "")
    if (email.title or "").strip():
        out += f", ‘{email.title.strip()}’"
    return f"{out}, {date_text(email.published)}" if dated else out


def attachment_phrase(source: Source, parent: Source, *, dated: bool = True) -> str:
    """ "attachment ‘Schedule 4.pdf’ (in ‘papers.zip’) to an email from ..."."""
    meta = source.meta or {}
    name = meta.get("attached_as") or source.file_name
    inside = meta.get("inside")
    where = f" (in ‘{inside.split('/', 1)[0]}’)" if inside else ""
    return f"attachment ‘{name}’{where} to {email_phrase(parent, dated=dated)}"


def _names_only_its_file(source: Source) -> bool:
    """True when the source's title is just its file name: the attachment name says it."""
    title = _title(source).strip().lower()
    name = ((source.meta or {}).get("attached_as") or source.file_name).lower()
    return title in (name, name.rsplit(".", 1)[0])


def _reference_head(s: Source, parent: Source | None,
                    dated: bool = True) -> list[Segment | str]:
    """Who and what: "Author, Title" (an article or email's title in quotes), or for an
    attachment "Author, Title, attachment ‘x.pdf’ to an email from ...", or just
    "Attachment ‘x.pdf’ to an email from ..." when its title is its file name."""
    out: list[Segment | str] = []
    if parent is not None and _names_only_its_file(s):
        phrase = attachment_phrase(s, parent, dated=dated)
        return [phrase[0].upper() + phrase[1:]]
    who = _who(s)
    if s.kind in EMAIL_KINDS:
        sender = (s.meta or {}).get("sender") or who
        recipients = [r for r in (s.meta or {}).get("recipients") or [] if r]
        if sender:
            out.append(f"{sender}, ")
        out.append("email" + (f" to {recipients[0]}" if recipients else "") + ", ")
        out.append(f"‘{_title(s)}’")
    else:
        if who:
            out.append(f"{who}, ")
        if s.kind in _ARTICLE_KINDS:
            out.append(f"‘{_title(s)}’")
        else:
            out.append(Segment(_title(s), italic=True))
    if parent is not None:
        out.append(f", {attachment_phrase(s, parent, dated=dated)}")
    return out


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
    """Author/publisher, title, publisher, date, page, URL [accessed date]; an attachment
    names the email that carried it (whose date stands for the attachment's)."""
    s = ref.source
    out = _reference_head(s, ref.parent)
    who = _who(s)
    publisher = _publisher_if_different(s)
    if publisher and publisher != who:
        out.append(f", {publisher}")
    if ref.parent is None:
        out.append(f", {dates_text(s.published, s.updated)}")
    where = page_locator(s, ref.page, ref.page_label, row=ref.row)
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
        pin = page_locator(s, ref.page, ref.page_label, bare=True, row=ref.row)
        quote = [". ", quote_text(ref.quote, ("‘", "’"))]
        if self._previous_source == s.id:
            cite: list[Segment | str] = ["ibid" + (f" {pin}" if pin else "")]
        elif s.id in self._first_note:
            short = _who(s) or _title(s)
            cite = [f"{short} (n {self._first_note[s.id]})" + (f" {pin}" if pin else "")]
        else:
            self._first_note[s.id] = note_number
            cite = self._first(s, pin, ref.parent)
        self._previous_source = s.id
        return [*cite, *quote]

    def _first(self, s: Source, pin: str, parent: Source | None = None) -> list[Segment | str]:
        out = _reference_head(s, parent, dated=False)
        who = _who(s)
        publisher = _publisher_if_different(s)
        source = parent or s  # an attachment is dated by its email
        when = dates_text(source.published, source.updated, undated="undated", lead=False)
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

    def __init__(self, sources: Iterable[Source] = (),
                 parents: dict[int, Source] | None = None) -> None:
        super().__init__()
        self._labels: dict[int, tuple[str, str]] = {}
        # an attachment is dated and, when it has no author, authored by its email
        self.parents = parents or {}
        self.prepare(sources)

    def prepare(self, sources: Iterable[Source]) -> None:
        """Give each source its author-date label, with 2015a/2015b where two collide."""
        groups: dict[tuple[str, str], list[Source]] = defaultdict(list)
        for s in sources:
            groups[(self._author_key(s), year_of(self._dated(s).published) or "n.d.")].append(s)
        self._labels.clear()
        for (author, year), members in groups.items():
            members.sort(key=lambda s: (_title(s).lower(), s.id))
            for i, s in enumerate(members):
                suffix = chr(ord("a") + i) if len(members) > 1 and i < 26 else ""
                self._labels[s.id] = (author, f"{year}{suffix}")

    def _author_key(self, s: Source) -> str:
        parent = self.parents.get(s.id)
        who = _who(s) or (_who(parent) if parent is not None else None)
        if who is None:
            return _title(s)
        person = _person_name(who)
        return person[0] if person else who

    def _dated(self, s: Source) -> Source:
        return self.parents.get(s.id, s)

    def label(self, s: Source) -> tuple[str, str]:
        if s.id not in self._labels:
            self._labels[s.id] = (self._author_key(s),
                                  year_of(self._dated(s).published) or "n.d.")
        return self._labels[s.id]

    def locator(self, ref: PassageRef) -> str:
        author, year = self.label(ref.source)
        where = page_locator(ref.source, ref.page, ref.page_label, row=ref.row)
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
            parent = self.parents.get(s.id)
            if parent is not None:
                entry.append(f", {attachment_phrase(s, parent)}")
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


def make_style(name: str, sources: Iterable[Source] = (),
               parents: dict[int, Source] | None = None) -> CitationStyle:
    """`parents` maps an attachment's source id to the email that carried it."""
    key = (name or "notes").strip().lower()
    if key == "notes":
        return NotesStyle()
    if key == "oscola":
        return OscolaStyle()
    if key == "harvard":
        return HarvardStyle(sources, parents)
    raise InvalidValue(f"unknown citation style {name!r}; choose one of: {', '.join(STYLE_NAMES)}")
