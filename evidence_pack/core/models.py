"""Plain data passed between the core and its callers (CLI, UI, export)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Any

# "reference": a bibliographic record imported from RIS or CSL-JSON, with no document text;
# "image": a photo or scan (.png, .jpg, .tif) read by OCR, one page per frame.
SOURCE_KINDS = ("pdf", "html", "mhtml", "docx", "txt", "md", "image", "reference")
# What councillors receive besides those: email (attachments become linked sources), office
# documents, spreadsheets (each sheet a section, each row a line) and slides (a slide a page).
RECEIVED_KINDS = ("eml", "msg", "odt", "doc", "rtf", "xlsx", "xls", "ods", "csv", "pptx",
                  "ppt", "odp", "ics")

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class DateValue:
    """A calendar date kept at its true precision.

    `value` is a TIMEX3-style value ("2015-01-08", "2015-01", "2015"); `earliest` and
    `latest` are the ISO days bounding the interval it denotes.
    """

    value: str
    precision: str
    earliest: str
    latest: str
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER
    label: str | None = None  # the wording it came from, e.g. "late 2014"

    @classmethod
    def from_iso(cls, text: str) -> DateValue:
        """Build from "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a longer timestamp is cut to its day)."""
        m = _ISO_PARTIAL.match(text.strip()[:10])
        if not m:
            raise ValueError(f"not an ISO date: {text!r}")
        year, month, day = m.group(1), m.group(2), m.group(3)
        y = int(year)
        if day:
            # validates the day against the month
            from datetime import date

            date(y, int(month), int(day))
            iso = f"{year}-{month}-{day}"
            return cls(iso, "day", iso, iso)
        if month:
            mo = int(month)
            if not 1 <= mo <= 12:
                raise ValueError(f"not an ISO date: {text!r}")
            last = calendar.monthrange(y, mo)[1]
            return cls(
                f"{year}-{month}", "month", f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
            )
        return cls(year, "year", f"{year}-01-01", f"{year}-12-31")

    def to_dict(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {
            "value": self.value,
            "precision": self.precision,
            "earliest": self.earliest,
            "latest": self.latest,
        }
        if self.mod:
            out["mod"] = self.mod
        if self.label:
            out["label"] = self.label
        return out

    def overlaps(self, other: DateValue) -> bool:
        """True when the two intervals share at least one day (ISO strings sort as dates)."""
        return self.earliest <= other.latest and other.earliest <= self.latest


# Where a source's date came from: file or page metadata, a visible byline or dateline, the
# document's own text (a cover date, an edit note), its web address, or the user.
DATE_BASES = ("metadata", "byline", "text", "address", "user")


@dataclass(frozen=True)
class DatedPassage:
    """Text written on its own date, after the first publication: a dated edit note ("EDIT
    FEB 2016:", "Update, 3 March:") and the paragraphs it covers. `start`/`end` index the
    page text."""

    page: int
    start: int
    end: int
    written: str  # ISO at its precision: 2016-02, 2016-03-03
    wording: str  # the note's marker as the page has it

    def to_dict(self) -> dict[str, Any]:
        return {"page": self.page, "start": self.start, "end": self.end,
                "written": self.written, "wording": self.wording}


@dataclass(frozen=True)
class WrittenOn:
    """When a passage was written: its edit note's date, or the source's publication."""

    date: DateValue | None
    note: str | None = None  # the edit note's wording; None for the first publication
@dataclass(frozen=True)
class OcrWord:
    """One word read by OCR: `text[start:end]` of its page, and where it is on the page.

    Coordinates are fractions (0..1) of the page's width and height, from its top-left
    corner, on the page as it is displayed (a PDF page after its /Rotate, an image after
    its EXIF orientation), so a viewer can draw them over a render at any resolution.
    """

    start: int
    end: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    confidence: float  # 0..100


@dataclass(frozen=True)
class PageOcr:
    """How a page without a text layer was read (see core/ocr/boxes.py for storage)."""

    engine: str  # e.g. "tesseract 5.5.4 eng"
    confidence: float  # mean word confidence, 0..100
    words: tuple[OcrWord, ...] = ()
    rotation: int = 0  # degrees the page image was turned clockwise to read it upright
    skew: float = 0.0  # degrees of skew corrected (counter-clockwise) after that
    dpi: float = 0.0  # resolution the page was read at (rendered, or the image's own scaled)
    # A photographed page straightened before reading: its corners on the page as displayed
    # (top-left, top-right, bottom-right, bottom-left as read; fractions x0, y0, ... y3)
    straightened_from: tuple[float, ...] | None = None
    # The page image was a mirror image (text reversed left to right: a transparency scanned
    # from its back, a PDF page drawn flipped), so it was flipped back before reading; the
    # boxes are still on the page as displayed.
    mirrored: bool = False
    low_confidence: bool = False
    note: str | None = None  # why a page could not be read, when it could not


@dataclass
class ParsedPage:
    """One unit of a parsed document: a PDF page or an article/document section."""

    number: int  # 1-based position in the document
    text: str
    label: str | None = None  # printed page label ("iv", "A-3") or section heading
    heading: str | None = None
    ocr: PageOcr | None = None  # set when the text was read from the page image


@dataclass
class ParsedDocument:
    """What an ingest parser extracts from one file, before it is stored."""

    kind: str
    pages: list[ParsedPage]
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None  # ISO "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    accessed: str | None = None  # ISO date the web page was saved, when known
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # how each date was decided: one of DATE_BASES, and a sentence naming the signals
    published_basis: str | None = None
    published_reason: str | None = None
    updated: str | None = None  # the last update stated, when later than `published`
    updated_basis: str | None = None
    updated_reason: str | None = None
    accessed_basis: str | None = None
    dated_passages: list[DatedPassage] = field(default_factory=list)
    # Files this one carries (an email's attachments, a .zip's members): each is imported
    # as a source of its own, linked to this one.
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class Attachment:
    """A file found inside another (email attachment, archive member), as its bytes."""

    name: str  # the file name it was sent under, as the sender gave it
    data: bytes
    content_type: str | None = None
    inside: str | None = None  # the archive it came out of, e.g. "papers.zip"


@dataclass(frozen=True)
class Source:
    id: int
    kind: str
    title: str
    author: str | None
    publisher: str | None
    url: str | None
    published: DateValue | None
    accessed: str | None
    imported_at: str
    file_name: str
    sha256: str
    file_size: int
    page_count: int
    status: str  # "imported" or "warnings"
    warnings: tuple[str, ...]
    meta: dict[str, Any]
    published_basis: str | None = None
    published_reason: str | None = None
    updated: DateValue | None = None
    updated_basis: str | None = None
    updated_reason: str | None = None
    accessed_basis: str | None = None
    dated_passages: tuple[DatedPassage, ...] = ()
    parent_id: int | None = None  # the email this file was attached to

    def written_on(self, page: int, start: int, end: int | None = None) -> WrittenOn:
        """When the text at [start, end) of a page was written: inside a dated edit note,
        on the note's date; anywhere else, on the publication date."""
        end = start + 1 if end is None else max(end, start + 1)
        for passage in self.dated_passages:
            if passage.page == page and passage.start < end and start < passage.end:
                try:
                    return WrittenOn(DateValue.from_iso(passage.written), passage.wording)
                except ValueError:
                    break
        return WrittenOn(self.published)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "parent": self.parent_id,
            "kind": self.kind,
            "title": self.title,
            "author": self.author,
            "publisher": self.publisher,
            "url": self.url,
            "published": _dated(self.published, self.published_basis, self.published_reason),
            "updated": _dated(self.updated, self.updated_basis, self.updated_reason),
            "edits": [p.to_dict() for p in self.dated_passages],
            "accessed": self.accessed,
            "accessed_basis": self.accessed_basis,
            "imported_at": self.imported_at,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "file_size": self.file_size,
            "pages": self.page_count,
            "status": self.status,
            "warnings": list(self.warnings),
            "meta": self.meta,
        }


def _dated(value: DateValue | None, basis: str | None,
           reason: str | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {**value.to_dict(), "basis": basis, "reason": reason}


@dataclass(frozen=True)
class Page:
    source_id: int
    number: int
    label: str | None
    heading: str | None
    text: str
    # mean OCR word confidence (0..100) when the text was read from the page image
    ocr_confidence: float | None = None


@dataclass(frozen=True)
class SearchHit:
    source_id: int
    title: str
    page: int
    page_label: str | None
    score: float
    snippet: str
    # (start, end) offsets into `snippet` of each matched term, for display
    highlights: tuple[tuple[int, int], ...] = ()
    kind: str = ""  # the source's kind: a PDF has pages, a web page or Word file sections

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "title": self.title,
            "kind": self.kind,
            "page": self.page,
            "page_label": self.page_label,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass(frozen=True)
class SearchResults:
    total: int
    hits: list[SearchHit]

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "hits": [h.to_dict() for h in self.hits]}


CLAIM_STATUSES = ("draft", "checked", "disputed")
STANCES = ("supports", "contradicts", "context")


@dataclass(frozen=True)
class Citation:
    """A quoted passage cited as evidence for a claim. `start`/`end` index the page text."""

    id: int
    claim_id: int
    source_id: int
    page: int
    start: int
    end: int
    quote: str
    stance: str
    note: str
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim_id": self.claim_id,
            "source_id": self.source_id,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "stance": self.stance,
            "note": self.note,
            "created_at": self.created_at,
        }


@dataclass(frozen=True)
class Claim:
    id: int
    statement: str
    event: DateValue | None
    event_origin: str | None  # "user" or "citation"
    tags: tuple[str, ...]
    status: str
    notes: str
    questions: str
    created_at: str
    updated_at: str
    citations: tuple[Citation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement": self.statement,
            "event": self.event.to_dict() if self.event else None,
            "event_origin": self.event_origin,
            "tags": list(self.tags),
            "status": self.status,
            "notes": self.notes,
            "questions": self.questions,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "citations": [c.to_dict() for c in self.citations],
        }
