"""build_briefing: a pack's claims and evidence as a cited Word briefing.

The document, in order: title block; summary; timeline picture; chronology (each statement
followed by one real footnote per citation); where sources disagree; dates to treat with
care; questions to ask; references (Harvard only); sources appendix; evidence exhibits
(optional). The file is written to a temporary name and moved into place, so a failed export
never leaves a truncated briefing, and the pack is only read.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.shared import Cm

from evidence_pack.core.briefing.citation_styles import (
    EMAIL_KINDS,
    SHEET_KINDS,
    CitationStyle,
    PassageRef,
    email_phrase,
    make_style,
    page_locator,
    pages_text,
    quote_text,
)
from evidence_pack.core.briefing.doc_writer import DocWriter
from evidence_pack.core.briefing.exhibits import exhibit_renderer
from evidence_pack.core.briefing.findings import Findings, Passage, collect_findings
from evidence_pack.core.briefing.rich_text import Segment
from evidence_pack.core.briefing.sanitise import clean_text, paragraphs_of
from evidence_pack.core.briefing.template import open_template
from evidence_pack.core.briefing.timeline_picture import TimelineItem, render_timeline
from evidence_pack.core.briefing.wording import date_text, dates_text, day_text, today_text
from evidence_pack.core.briefing_details import (
    AUTHOR_META_KEY,
    SUBTITLE_META_KEY,
    SUMMARY_META_KEY,
)
from evidence_pack.core.errors import InvalidValue, SourceNotFound
from evidence_pack.core.ingest.sheet_text import row_at
from evidence_pack.core.models import Claim, Source
from evidence_pack.core.progress import ProgressFn, no_progress
from evidence_pack.core.render.service import DRAWN_KINDS
from evidence_pack.core.safe_write import write_with
from evidence_pack.core.timeline import build_timeline

if TYPE_CHECKING:
    from evidence_pack.core.pack import Pack


SECTION_SUMMARY = "Summary"
SECTION_TIMELINE = "Timeline"
SECTION_CHRONOLOGY = "Chronology"
SECTION_DISAGREE = "Where sources disagree"
SECTION_DATES = "Dates to treat with care"
SECTION_QUESTIONS = "Questions to ask"
SECTION_REFERENCES = "References"
SECTION_SOURCES = "Sources"
SECTION_EXHIBITS = "Evidence exhibits"

# Sections a user may leave out; the title, summary and cited chronology are the briefing.
OPTIONAL_SECTIONS = {
    "timeline": SECTION_TIMELINE,
    "disagreements": SECTION_DISAGREE,
    "dates": SECTION_DATES,
    "questions": SECTION_QUESTIONS,
    "sources": SECTION_SOURCES,
}


@dataclass
class BriefingReport:
    path: str
    style: str
    claims: int = 0
    citations: int = 0
    footnotes: int = 0
    sources: int = 0
    disagreements: int = 0
    careful_dates: int = 0
    questions: int = 0
    timeline_pictures: int = 0
    exhibits: int = 0
    sections: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["seconds"] = round(self.seconds, 3)
        return out


def chronological(claims: Sequence[Claim], sources: dict[int, Source]) -> list[Claim]:
    """Claims in event-date order, undated last: the timeline's own order."""
    return [entry.claim for entry in build_timeline(list(claims), sources).entries]


def build_briefing(
    pack: Pack,
    out_path: str | Path,
    *,
    style: str = "notes",
    template: str | Path | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    author: str | None = None,
    date: str | None = None,
    summary: str | None = None,
    exhibits: bool = False,
    progress: ProgressFn | None = None,
    findings: Findings | None = None,
    leave_out: Collection[str] = (),
) -> BriefingReport:
    """Write the briefing to `out_path` (.docx) and report what went into it.

    `summary` defaults to the pack's "briefing_summary" meta value; `findings` (the
    disagreements and careful dates) defaults to what the pack's checks find.
    """
    started = time.perf_counter()
    out = Path(out_path)
    if out.suffix.lower() != ".docx":
        raise InvalidValue(f"a briefing is a Word file: give a name ending .docx, not {out.name}")
    unknown = sorted(set(leave_out) - set(OPTIONAL_SECTIONS))
    if unknown:
        raise InvalidValue(f"no such optional section: {', '.join(unknown)} "
                           f"(choose from {', '.join(OPTIONAL_SECTIONS)})")
    progress = progress or no_progress
    sources = {s.id: s for s in pack.sources()}
    claims = chronological(pack.claims(), sources)
    cited_ids = {c.source_id for claim in claims for c in claim.citations}
    parents = {s.id: sources[s.parent_id] for s in sources.values()
               if s.parent_id is not None and s.parent_id in sources}
    cite_style = make_style(style, [sources[i] for i in sorted(cited_ids) if i in sources],
                            parents)

    document = open_template(template)
    writer = DocWriter(document)
    writer.footnotes.drop_unreferenced()  # a template's own notes went with its body
    report = BriefingReport(path=str(out), style=cite_style.name, claims=len(claims))
    briefing = _Briefing(pack, writer, cite_style, sources, claims, report, progress,
                         frozenset(leave_out))
    briefing.write(
        title=title or pack.title,
        subtitle=subtitle if subtitle is not None else pack.store.get_meta(SUBTITLE_META_KEY),
        author=author if author is not None else pack.store.get_meta(AUTHOR_META_KEY),
        date=date or today_text(),
        summary=summary if summary is not None else pack.store.get_meta(SUMMARY_META_KEY),
        findings=findings if findings is not None else collect_findings(pack, claims),
        exhibits=exhibits,
    )
    _set_properties(document, title or pack.title, author)
    report.footnotes = len(writer.footnotes.notes())
    report.sections = writer.headings
    report.seconds = time.perf_counter() - started

    buffer = io.BytesIO()
    document.save(buffer)
    write_with(out, lambda fh: fh.write(buffer.getbuffer()))
    report.seconds = time.perf_counter() - started
    return report


def _set_properties(document: Any, title: str, author: str | None) -> None:
    props = document.core_properties
    props.title = clean_text(title)[:255]
    props.author = clean_text(author or "")[:255]
    props.last_modified_by = props.author
    props.subject = "Briefing"
    props.comments = "Written by Evidence Pack"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
    props.revision = 1


class _Briefing:
    def __init__(
        self,
        pack: Pack,
        writer: DocWriter,
        style: CitationStyle,
        sources: dict[int, Source],
        claims: list[Claim],
        report: BriefingReport,
        progress: ProgressFn,
        leave_out: frozenset[str] = frozenset(),
    ) -> None:
        self.pack = pack
        self.leave_out = leave_out
        self.w = writer
        self.style = style
        self.sources = sources
        self.claims = claims
        self.report = report
        self.progress = progress
        self.number = {c.id: n for n, c in enumerate(claims, 1)}
        self._labels: dict[tuple[int, int], str | None] = {}
        self._pages_cited: dict[int, set[int]] = {}
        self._first_note: dict[int, int] = {}  # citation id -> its note in the chronology
        # (note number, passage, the quote's offset on its page)
        self._exhibit_queue: list[tuple[int, PassageRef, int]] = []

    # ---- the document, top to bottom ---------------------------------------------------

    def write(self, *, title: str, subtitle: str | None, author: str | None, date: str,
              summary: str | None, findings: Findings, exhibits: bool) -> None:
        steps = len(self.claims) + 6
        self.progress(0, steps, "title and summary")
        self._title_block(title, subtitle, author, date)
        self._summary(summary, findings)
        self.progress(1, steps, "timeline picture")
        conflict_ids = {d.claim_id for d in findings.disagreements if d.claim_id is not None}
        if "timeline" not in self.leave_out:
            self._timeline(conflict_ids)
        self._chronology(steps, findings.corroborated)
        done = len(self.claims) + 2
        self.progress(done, steps, "disagreements and dates")
        if "disagreements" not in self.leave_out:
            self._disagreements(findings)
        if "dates" not in self.leave_out:
            self._careful_dates(findings)
        if "questions" not in self.leave_out:
            self._questions()
        self.progress(done + 1, steps, "sources")
        if self.style.reference_list:
            self._references()  # Harvard's in-text citations point here: never left out
        if "sources" not in self.leave_out:
            self._sources_appendix()
        if exhibits:
            self.progress(done + 2, steps, "evidence exhibits")
            self._exhibits()
        if findings.note:
            self.report.warnings.append(findings.note)
        self.progress(steps, steps, "saving")

    def _title_block(self, title: str, subtitle: str | None, author: str | None,
                     date: str) -> None:
        self.w.paragraph([title], "title")
        if subtitle:
            self.w.paragraph([subtitle], "subtitle")
        byline = " · ".join(x for x in (clean_text(author or "").strip(), date) if x)
        self.w.paragraph([Segment(byline, italic=True)])

    def _summary(self, summary: str | None, findings: Findings) -> None:
        self.w.heading(SECTION_SUMMARY)
        blocks = paragraphs_of(summary)
        if not blocks:
            self.report.warnings.append(
                "no summary written: pass --summary, or write one in the app"
            )
            cited = {c.source_id for claim in self.claims for c in claim.citations}
            n_cites = sum(len(c.citations) for c in self.claims)
            blocks = [
                f"This briefing sets out {_count(len(self.claims), 'claim')} in date order, "
                f"supported by {_count(n_cites, 'cited passage')} from "
                f"{_count(len(cited), 'source')}. "
                f"It notes {_count(len(findings.disagreements), 'point')} on which sources "
                f"disagree and {_count(len(findings.careful_dates), 'date')} to treat with care."
            ]
        for block in blocks:
            self.w.paragraph([block])

    def _timeline(self, conflict_ids: set[int | None]) -> None:
        items = [
            TimelineItem(self.number[c.id], c.statement, c.event,
                         conflict=c.id in conflict_ids or c.status == "disputed")
            for c in self.claims
            if c.event is not None
        ]
        try:
            pictures = render_timeline(items)
        except (ValueError, OverflowError) as exc:  # a date Pillow or datetime cannot place
            self.report.warnings.append(f"timeline picture left out: {exc}")
            return
        if not pictures:
            return
        self.w.heading(SECTION_TIMELINE)
        undated = len(self.claims) - len(items)
        for n, pic in enumerate(pictures, 1):
            caption = f"Figure {n}: claims {pic.first} to {pic.last} by date"
            if len(pictures) == 1:
                caption = "Figure 1: the claims by date"
            cap = self.w.paragraph([caption], "caption")
            cap.paragraph_format.keep_with_next = True
            self.w.picture(pic.png, pic.width_in)
        if undated:
            self.w.paragraph([Segment(
                f"{_count(undated, 'undated claim')} {'is' if undated == 1 else 'are'} not "
                "shown; see the end of the chronology.", italic=True)])
        self.report.timeline_pictures = len(pictures)

    def _chronology(self, steps: int,
                    corroborated: dict[int, tuple[int, str]] | None = None) -> None:
        self.w.heading(SECTION_CHRONOLOGY)
        if not self.claims:
            self.w.paragraph([Segment("No claims have been recorded in this pack yet.",
                                      italic=True)])
            return
        year = None
        group_by_year = len({c.event.earliest[:4] for c in self.claims if c.event}) > 1
        for i, claim in enumerate(self.claims):
            heading = claim.event.earliest[:4] if claim.event else "Undated"
            if group_by_year and heading != year:
                self.w.heading(heading, 2)
                year = heading
            self._claim_paragraph(claim, (corroborated or {}).get(claim.id))
            if i % 25 == 0:
                self.progress(2 + i, steps, "chronology")

    def _claim_paragraph(self, claim: Claim,
                         corroborated: tuple[int, str] | None = None) -> None:
        refs = [(c, self._ref(c.source_id, c.page, c.quote, c.start))
                for c in claim.citations]
        refs = [(c, r) for c, r in refs if r is not None]
        segments: list[Segment | str] = []
        if claim.event is not None:
            segments.append(Segment(date_text(claim.event), bold=True))
            segments.append(" – ")
        statement = claim.statement.strip()
        if self.style.in_text and refs:
            # author-date goes inside the sentence: "... in 2015 (Raman 2016)."
            stop = statement[-1] if statement[-1:] in ".!?" else ""
            statement = statement[: len(statement) - len(stop)]
            statement += " " + self.style.cite_in_text([r for _, r in refs]) + (stop or ".")
        segments.append(statement)
        if claim.status == "disputed":
            segments.append(Segment(" (disputed)", italic=True))
        elif corroborated is not None:
            sources, what = corroborated
            segments.append(Segment(f" (corroborated: {sources} sources give the same {what})",
                                    italic=True))
        p = self.w.item(f"{self.number[claim.id]}.", segments)
        if not refs:
            self.report.warnings.append(
                f"claim {self.number[claim.id]} has no citation: “{_short(claim.statement)}”"
            )
        for citation, ref in refs:
            self._first_note[citation.id] = self._cite(p, ref)
            self.report.citations += 1
            if ref.source.kind in DRAWN_KINDS:
                self._exhibit_queue.append((self._first_note[citation.id], ref,
                                            citation.start))

    def _disagreements(self, findings: Findings) -> None:
        items = [d for d in findings.disagreements if d.passages]
        if not items:
            return
        self.w.heading(SECTION_DISAGREE)
        for d in items:
            claim_no = self.number.get(d.claim_id) if d.claim_id is not None else None
            lead: list[Segment | str] = []
            if claim_no is not None:
                statement = next(c.statement for c in self.claims if c.id == d.claim_id)
                lead.append(Segment(f"{statement.strip()} ", bold=True))
                lead.append(f"(claim {claim_no}). ")
            if d.kind:
                lead.append(Segment(f"{d.kind.capitalize()}: ", italic=True))
            lead.append(d.summary)
            self.w.paragraph(lead)
            for passage in d.passages:
                ref = self._ref(passage.source_id, passage.page, passage.quote)
                if ref is None:
                    continue
                # the note gives the full reference; the text needs only who and when
                who = ref.source.publisher or ref.source.author or ref.source.title
                p = self.w.item("•", [f"{who}, {date_text(ref.source.published)}: ",
                                      quote_text(ref.quote)])
                self._cite(p, ref)
            self.report.disagreements += 1

    def _careful_dates(self, findings: Findings) -> None:
        if not findings.careful_dates:
            return
        self.w.heading(SECTION_DATES)
        for item in findings.careful_dates:
            ref = self._ref(item.passage.source_id, item.passage.page, item.passage.quote)
            if ref is None:
                continue
            segments: list[Segment | str] = [
                Segment(f"“{item.wording}”", bold=True), " in ", *_attribution(ref)
            ]
            claim_no = self.number.get(item.claim_id) if item.claim_id is not None else None
            if claim_no is not None:
                segments.append(f", cited for claim {claim_no}")
            if item.event is not None:
                segments.append(f" (dated {date_text(item.event)})")
            segments.append(f": {item.explanation}" if item.explanation else ".")
            p = self.w.item("•", segments)
            self._cite(p, ref)
            self.report.careful_dates += 1

    def _questions(self) -> None:
        questions = [
            (self.number[c.id], q)
            for c in self.claims
            for q in _question_lines(c.questions)
        ]
        if not questions:
            return
        self.w.heading(SECTION_QUESTIONS)
        for n, (claim_no, question) in enumerate(questions, 1):
            self.w.item(f"{n}.", [question, Segment(f" (claim {claim_no})", italic=True)])
        self.report.questions = len(questions)

    def _references(self) -> None:
        cited = [self.sources[i] for i in self._pages_cited if i in self.sources]
        if not cited:
            return
        self.w.heading(SECTION_REFERENCES)
        for entry in self.style.references(cited):
            p = self.w.paragraph(entry)
            p.paragraph_format.left_indent = Cm(1)
            p.paragraph_format.first_line_indent = Cm(-1)

    def _sources_appendix(self) -> None:
        cited = sorted(
            (self.sources[i] for i in self._pages_cited if i in self.sources),
            key=lambda s: (clean_text(s.title).lower(), s.id),
        )
        self.report.sources = len(cited)
        if not cited:
            return
        self.w.heading(SECTION_SOURCES)
        for s in cited:
            head = self.w.paragraph([Segment(s.title or s.file_name, bold=True)])
            head.paragraph_format.keep_with_next = True
            head.paragraph_format.space_after = 0
            rows: list[tuple[str, list[Segment | str]]] = []
            if s.author:
                rows.append(("Author", [s.author]))
            if s.publisher:
                rows.append(("Publisher", [s.publisher]))
            rows.append(("Published", [date_text(s.published) + _basis_note(s.published_basis)]))
            if s.updated:
                rows.append(("Updated", [date_text(s.updated) + _basis_note(s.updated_basis)]))
            if s.dated_passages:
                notes = "; ".join(f"“{p.wording}” ({page_locator(s, p.page, None) or 'text'})"
                                  for p in s.dated_passages[:6])
                rows.append(("Quoted messages" if s.kind in EMAIL_KINDS else "Edit notes",
                             [notes]))
            if s.accessed:
                rows.append(("Accessed", [day_text(s.accessed) or s.accessed]))
            if s.url:
                rows.append(("URL", [Segment(s.url, url=s.url)]))
            parent = self.sources.get(s.parent_id) if s.parent_id is not None else None
            if parent is not None:
                rows.append(("Attached to", [email_phrase(parent)[0].upper() +
                                             email_phrase(parent)[1:]]))
            rows.append(("File", [s.file_name]))
            rows.append(("SHA-256", [s.sha256]))
            pages = sorted(self._pages_cited.get(s.id, ()))
            where = pages_text(s, [(n, self._label(s.id, n)) for n in pages])
            if where:
                rows.append(("Cited at", [where]))
            for i, (name, value) in enumerate(rows):
                p = self.w.paragraph([f"{name}: ", *value], "source details")
                if i < len(rows) - 1:
                    p.paragraph_format.keep_with_next = True
            self.w.paragraph([])

    def _exhibits(self) -> None:
        if not self._exhibit_queue:
            self.report.warnings.append(
                "no exhibits: none of the citations is from a PDF or a scanned image")
            return
        self.w.heading(SECTION_EXHIBITS)
        with exhibit_renderer(self.pack) as renderer:
            for note_no, ref, start in self._exhibit_queue:
                exhibit = renderer.render(ref.source.id, ref.page, ref.quote, start)
                if isinstance(exhibit, str):
                    self.report.warnings.append(
                        f"exhibit for note {note_no} left out: "
                        f"{page_locator(ref.source, ref.page, ref.page_label)} of "
                        f"{ref.source.file_name}: {exhibit}"
                    )
                    continue
                self.report.exhibits += 1
                cap = self.w.paragraph(
                    [f"Exhibit {self.report.exhibits} (note {note_no}): ",
                     *_attribution(ref)],
                    "caption",
                )
                cap.paragraph_format.keep_with_next = True
                self.w.picture(exhibit.png, exhibit.width_in, exhibit.height_in)

    # ---- citing ------------------------------------------------------------------------

    def _cite(self, paragraph: Any, ref: PassageRef) -> int:
        number = self.w.footnotes.next_id
        note_id = self.w.note(paragraph, self.style.note(ref, number))
        self._pages_cited.setdefault(ref.source.id, set()).add(ref.page)
        return note_id

    def _ref(self, source_id: int, page: int, quote: str,
             start: int | None = None) -> PassageRef | None:
        source = self.sources.get(source_id)
        if source is None:
            self.report.warnings.append(f"a citation names source {source_id}, which is gone")
            return None
        parent = self.sources.get(source.parent_id) if source.parent_id is not None else None
        row = self._row(source, page, quote, start)
        return PassageRef(source, page, self._label(source_id, page), quote, parent, row)

    def _row(self, source: Source, page: int, quote: str, start: int | None) -> int | None:
        """The spreadsheet row a quote is on, for "sheet ‘Payments’, row 14"."""
        if source.kind not in SHEET_KINDS:
            return None
        try:
            text = self.pack.page(source.id, page).text
        except SourceNotFound:
            return None
        if start is None or text[start: start + len(quote)] != quote:
            found = text.find(quote)
            start = found if found >= 0 else None
        return row_at(text, start) if start is not None else None

    def _label(self, source_id: int, page: int) -> str | None:
        key = (source_id, page)
        if key not in self._labels:
            try:
                self._labels[key] = self.pack.page(source_id, page).label
            except SourceNotFound:
                self._labels[key] = None
        return self._labels[key]


def _attribution(ref: PassageRef) -> list[Segment | str]:
    """ "Northfield Gazette, ‘Title’, 10 February 2016, p. 2" for running text."""
    s = ref.source
    who = s.publisher or s.author
    out: list[Segment | str] = [f"{who}, "] if who else []
    out.append(Segment(s.title or s.file_name, italic=True))
    out.append(f", {dates_text(s.published, s.updated)}")
    where = page_locator(s, ref.page, ref.page_label)
    if where:
        out.append(f", {where}")
    return out


def _basis_note(basis: str | None) -> str:
    """Where a date came from, for the sources appendix."""
    return {
        "metadata": " (the file's or page's metadata)",
        "byline": " (the page's byline)",
        "text": " (stated in the document)",
        "address": " (the date in its web address)",
        "user": " (set by hand)",
    }.get(basis or "", "")


def _question_lines(text: str) -> list[str]:
    lines = [clean_text(line).lstrip("-•* ").strip() for line in (text or "").splitlines()]
    return [line for line in lines if line]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


__all__ = ["BriefingReport", "Passage", "build_briefing", "chronological"]
