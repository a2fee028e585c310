"""The publication date a report, board paper or minutes states, against its file metadata.

A PDF's CreationDate is when the file was made, which is the publication date only when the
author exported it on the day. Board packs are assembled and re-saved, reports are printed to
PDF from a browser, scanned or run through an optimiser, and every one of those stamps the
file with its own date. What the document says of itself is better evidence: a cover date
("March 2015"), a "Published:" or "Date:" line, the meeting a board paper was written for,
the meeting minutes record. So:

1. the date the first pages state is preferred over file metadata whenever they disagree
   (basis "text", the reason names both);
2. with no stated date, the metadata date is kept (basis "metadata") unless the file was made
   by a converter, printer driver, scanner or re-saving tool: then its date is when the file
   was converted or saved, not published, and the source stays undated with a warning (a
   browser's print-to-PDF date is kept as the date the page was accessed);
3. "Revised:", "Last updated:" and dated edit notes give the last update (core.ingest.
   edit_notes), for every kind of document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence_pack.core.ingest.edit_notes import find_edit_notes, find_update_lines, latest_update
from evidence_pack.core.ingest.stated_dates import StatedDate, find_stated_dates, plausible
from evidence_pack.core.models import DateValue, ParsedDocument, ParsedPage

# Producers and creators that write the date of a conversion, print, scan or re-save.
_CONVERTERS = re.compile(
    r"print\s*to\s*pdf|microsoft:\s*print|skia/pdf|chromium|headless\s*chrome|wkhtmltopdf|"
    r"cairo|mozilla|firefox|quartz\s*pdfcontext|pdfcreator|bullzip|cutepdf|dopdf|pdf24|"
    r"novapdf|primopdf|ghostscript|ps2pdf|pdftk|qpdf|pypdf|ilovepdf|smallpdf|sejda|pdfsam|"
    r"scansnap|scanner|scan\b|canon|ricoh|xerox|konica|kyocera|sharp\s+mx|hp\s+digital|"
    r"omnipage|abbyy|readiris|paper\s*capture|ocrmypdf|tesseract|img2pdf|imagemagick|"
    r"optimi[sz]|3-heights|compress|annotator|pdf\s*editor",
    re.IGNORECASE)
_BROWSER_PRINT = re.compile(r"skia/pdf|chromium|headless\s*chrome|wkhtmltopdf|mozilla|firefox",
                            re.IGNORECASE)

# Labels before a publication date, and the meeting a paper or minutes belong to.
_PUBLISHED_LABEL = re.compile(
    r"(?:(?:date\s+of\s+)?publication(?:\s+date)?|published(?:\s+on)?|date\s+published|"
    r"issued(?:\s+on)?|date\s+of\s+issue|issue\s+date|report\s+date|date\s+of\s+report|"
    r"dated|date)\s*[:\-–]?\s*", re.IGNORECASE)
# "Governing Body Meeting in Public, 12 March 2015", "Minutes of the meeting held on
# Wednesday 24 June 2015", "Date of meeting: 12 March 2015", "Board meeting - 3 May 2016"
_MEETING_WORD = re.compile(r"\b(?:meeting|minutes)\b", re.IGNORECASE)
_MEETING_REACH = 90
_WEEKDAY = re.compile(r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?", re.IGNORECASE)
# How many lines of the first pages are read: covers and headers sit at the top.
_HEAD_LINES = 45
_PAGES_READ = 2


@dataclass(frozen=True)
class StatedPublication:
    value: str  # ISO at its precision
    wording: str  # the line as the document has it
    kind: str  # "publication", "meeting" or "cover"


def stated_publication(pages: list[ParsedPage]) -> StatedPublication | None:
    """The date the first pages give for the document: a publication line, then the
    meeting it was written for, then a cover line that is only a date."""
    lines = [line.strip() for page in pages[:_PAGES_READ]
             for line in page.text.split("\n")[:_HEAD_LINES] if line.strip()]
    for finder, kind in ((_labelled_publication, "publication"), (_meeting, "meeting"),
                         (_cover_line, "cover")):
        for line in lines:
            found = finder(line)
            if found is not None and plausible(found.value):
                return StatedPublication(found.value, _short(line), kind)
    return None


def _labelled_publication(line: str) -> StatedDate | None:
    if len(line) > 120:
        return None
    for m in _PUBLISHED_LABEL.finditer(line):
        if m.start() > 3:  # the label opens the line ("Published: March 2015")
            break
        return _date_at(line, m.end())
    return None


def _meeting(line: str) -> StatedDate | None:
    """The first date after "meeting" or "minutes" on a heading-length line."""
    if len(line) > 200:
        return None
    m = _MEETING_WORD.search(line)
    if m is None:
        return None
    dates = find_stated_dates(line[m.end(): m.end() + _MEETING_REACH])
    return dates[0] if dates and dates[0].year_given else None


def _cover_line(line: str) -> StatedDate | None:
    """A line that is a date and nothing else: "March 2015", "Thursday 12 March 2015"."""
    if len(line) > 40:
        return None
    rest = _WEEKDAY.sub("", line).strip(" .,")
    dates = find_stated_dates(rest)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end >= len(rest) - 1:
        return dates[0] if dates[0].year_given else None
    return None


def _date_at(line: str, at: int) -> StatedDate | None:
    rest = _WEEKDAY.sub("", line[at:at + 60])
    dates = find_stated_dates(rest)
    if dates and dates[0].start <= 2 and dates[0].year_given:
        return dates[0]
    return None


def settle_file_dates(doc: ParsedDocument, metadata_date: str | None, *,
                      producer: str = "") -> None:
    """Choose a PDF's or Word file's publication date: what it states, else its metadata,
    unless the metadata is a conversion's or a re-save's."""
    stated = stated_publication(doc.pages)
    converted = bool(producer and _CONVERTERS.search(producer))
    if stated is not None:
        said = {"publication": "the document says", "meeting": "its meeting date is",
                "cover": "the cover says"}[stated.kind]
        reason = f"{said} '{stated.wording}'"
        if metadata_date and _agree(stated.value, metadata_date):
            reason += f", agreeing with the file's metadata ({metadata_date})"
        elif metadata_date:
            reason += (f"; the file's metadata says {metadata_date}"
                       + (f", when it was converted or saved ({producer})" if converted
                          else ", but the document's own date is preferred"))
        doc.published, doc.published_basis, doc.published_reason = stated.value, "text", reason
    elif metadata_date and not converted:
        doc.published, doc.published_basis = metadata_date, "metadata"
        doc.published_reason = "the file's metadata (no date is stated on its first pages)"
    else:
        doc.published = doc.published_basis = doc.published_reason = None
        if metadata_date:
            doc.meta["metadata_date_ignored"] = metadata_date
            doc.warnings.append(
                f"no publication date: the file's date ({metadata_date}) is when it was "
                f"converted or saved by {producer}, and no date is stated on its first "
                "pages; set it in Edit details")
            if _BROWSER_PRINT.search(producer) and not doc.accessed:
                doc.accessed, doc.accessed_basis = metadata_date[:10], "metadata"


def settle_revisions(doc: ParsedDocument) -> None:
    """Dated edit notes and "Last updated" lines, for any kind: they give the passages
    written later and the last update, when that is later than the publication."""
    pages = doc.pages if doc.kind != "pdf" else [*doc.pages[:_PAGES_READ], *doc.pages[-1:]]
    doc.dated_passages = find_edit_notes(doc.pages, doc.published)
    if doc.kind in ("eml", "msg"):
        from evidence_pack.core.ingest.email_quotes import quoted_messages

        # the messages a reply quotes were written on their own dates, before it
        doc.dated_passages += quoted_messages(doc.pages, doc.published)
    latest = latest_update(find_update_lines(pages), doc.dated_passages, doc.published)
    if latest is None:
        return
    value, what = latest
    if doc.updated and not _later(value, doc.updated):
        return
    if doc.updated:
        what += f" (later than {doc.updated_reason or doc.updated})"
    doc.updated, doc.updated_basis, doc.updated_reason = value, "text", what


def _agree(stated: str, metadata: str) -> bool:
    """The metadata day falls inside what the text states (a day, a month or a year)."""
    try:
        a, b = DateValue.from_iso(stated), DateValue.from_iso(metadata)
    except ValueError:
        return False
    return a.overlaps(b)


def _later(value: str, than: str) -> bool:
    n = min(len(value), len(than))
    return value[:n] > than[:n]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
