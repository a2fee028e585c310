"""The one place every change to claims, citations, tags, dismissals and source dates goes.

Each operation validates first (raising a specific error and changing nothing), then runs in
one SQLite transaction that also journals the before/after image of every row it touched.
Undo and redo replay those images, so the app's undo stack and the CLI's `undo` are one
mechanism, and an operation survives restarts.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from evidence_pack.core.briefing_details import (
    AUTHOR_META_KEY,
    SUBTITLE_META_KEY,
    SUMMARY_META_KEY,
)
from evidence_pack.core.changes import Changes, touched
from evidence_pack.core.checks.event_dates import DateFinder, date_from_passage, default_finder
from evidence_pack.core.checks.event_dates import parse_event_date as _parse_event_date
from evidence_pack.core.errors import (
    ClaimNotFound,
    InvalidValue,
    NothingToRedo,
    NothingToUndo,
    QuoteNotFound,
    UndoConflict,
)
from evidence_pack.core.models import CLAIM_STATUSES, STANCES, Claim, DateValue, Page
from evidence_pack.core.store import claims as claim_sql
from evidence_pack.core.store import journal
from evidence_pack.core.store.recorder import Recorder, replay

if TYPE_CHECKING:
    from evidence_pack.core.pack import Pack

log = logging.getLogger(__name__)

_UNSET: Any = object()


@dataclass(frozen=True)
class CitationSpec:
    """A passage to cite: the quote is located on the page (whitespace, hyphenation, quote
    marks and ligatures may differ) and stored exactly as the page has it."""

    source_id: int
    page: int | None  # None: the first page of the source that holds the quote
    quote: str
    stance: str = "supports"
    note: str = ""
    hint: int | None = None  # an offset near the intended occurrence, if the quote repeats


@dataclass(frozen=True)
class _Placed:
    """A citation's passage as found: its page, and the quote as that page has it."""

    spec: CitationSpec
    page: int
    start: int
    end: int
    quote: str


class Operations:
    def __init__(self, pack: Pack, *, finder: DateFinder = default_finder) -> None:
        self.pack = pack
        self._finder = finder

    # ---- claims --------------------------------------------------------------------

    def create_claim(
        self,
        statement: str,
        *,
        event: str | DateValue | None = None,
        tags: Iterable[str] = (),
        status: str = "draft",
        notes: str = "",
        questions: str = "",
        citations: Sequence[CitationSpec] = (),
    ) -> Changes:
        statement = _required_text(statement, "a claim needs a statement")
        _check_choice(status, CLAIM_STATUSES, "status")
        event_value = self._event(event)
        placed = [self._place(spec) for spec in citations]
        clean_tags = _clean_tags(tags)

        def run(rec: Recorder) -> int:
            now = _now()
            claim_id = rec.insert(
                "claims",
                {
                    "statement": statement,
                    **_event_columns(event_value, "user"),
                    "status": status,
                    "notes": notes,
                    "questions": questions,
                    "created_at": now,
                    "updated_at": now,
                },
            )
            for tag in clean_tags:
                rec.insert("claim_tags", {"claim_id": claim_id, "tag": tag})
            for place in placed:
                self._insert_citation(rec, claim_id, place, now)
            self._refresh_derived_event(rec, claim_id)
            return claim_id

        return self._run(f"Add claim “{_short(statement)}”", run)

    def edit_claim(
        self,
        claim_id: int,
        *,
        statement: str | None = None,
        event: str | DateValue | None = _UNSET,
        notes: str | None = None,
        questions: str | None = None,
        tags: Iterable[str] | None = None,
        status: str | None = None,
    ) -> Changes:
        """Change any of a claim's fields as one step (one undo), as an editor's Save does."""
        claim = self.pack.get_claim(claim_id)
        values: dict[str, Any] = {}
        if status is not None and status != claim.status:
            _check_choice(status, CLAIM_STATUSES, "status")
            values["status"] = status
        wanted = _clean_tags(tags) if tags is not None else list(claim.tags)
        to_add = [t for t in wanted if t not in claim.tags]
        to_remove = [t for t in claim.tags if t not in wanted]
        if statement is not None:
            values["statement"] = _required_text(statement, "a claim needs a statement")
        if event is not _UNSET:
            parsed = self._event(event)
            values.update(_event_columns(parsed, "user" if parsed else None))
        if notes is not None:
            values["notes"] = notes
        if questions is not None:
            values["questions"] = questions

        def run(rec: Recorder) -> int:
            if values:
                rec.update("claims", (claim_id,), {**values, "updated_at": _now()})
            _retag(rec, claim_id, to_add, to_remove)
            if event is not _UNSET and values.get("event_value") is None:
                self._refresh_derived_event(rec, claim_id)
            return claim_id

        return self._run(f"Edit claim “{_short(claim.statement)}”", run)

    def delete_claim(self, claim_id: int) -> Changes:
        claim = self.pack.get_claim(claim_id)

        def run(rec: Recorder) -> int:
            _delete_claim_rows(rec, claim_id)
            return claim_id

        return self._run(f"Delete claim “{_short(claim.statement)}”", run)

    def merge_claims(self, into_id: int, other_ids: Sequence[int]) -> Changes:
        """Move the others' citations, tags, notes and questions into one claim; delete them."""
        target = self.pack.get_claim(into_id)
        others = [self.pack.get_claim(i) for i in other_ids if i != into_id]
        if not others:
            raise InvalidValue("name at least one other claim to merge into this one")

        def run(rec: Recorder) -> int:
            notes, questions = [target.notes], [target.questions]
            tags = set(target.tags)
            for other in others:
                for cite in other.citations:
                    rec.update("citations", (cite.id,), {"claim_id": into_id})
                for tag in set(other.tags) - tags:
                    rec.insert("claim_tags", {"claim_id": into_id, "tag": tag})
                    tags.add(tag)
                notes.append(other.notes)
                questions.append(other.questions)
                _delete_claim_rows(rec, other.id)
            rec.update(
                "claims",
                (into_id,),
                {
                    "notes": _join(notes),
                    "questions": _join(questions),
                    "updated_at": _now(),
                },
            )
            self._refresh_derived_event(rec, into_id)
            return into_id

        names = ", ".join(f"#{o.id}" for o in others)
        return self._run(f"Merge {names} into “{_short(target.statement)}”", run)

    def tag(self, claim_id: int, *, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Changes:
        claim = self.pack.get_claim(claim_id)
        to_add = [t for t in _clean_tags(add) if t not in claim.tags]
        to_remove = [t for t in _clean_tags(remove) if t in claim.tags]

        def run(rec: Recorder) -> int:
            _retag(rec, claim_id, to_add, to_remove)
            return claim_id

        return self._run(f"Tag “{_short(claim.statement)}”", run)

    def set_status(self, claim_id: int, status: str) -> Changes:
        _check_choice(status, CLAIM_STATUSES, "status")
        claim = self.pack.get_claim(claim_id)

        def run(rec: Recorder) -> int:
            rec.update("claims", (claim_id,), {"status": status, "updated_at": _now()})
            return claim_id

        return self._run(f"Mark “{_short(claim.statement)}” {status}", run)

    # ---- citations -----------------------------------------------------------------

    def cite(self, claim_id: int, spec: CitationSpec) -> Changes:
        claim = self.pack.get_claim(claim_id)
        place = self._place(spec)

        def run(rec: Recorder) -> int:
            cid = self._insert_citation(rec, claim_id, place, _now())
            rec.update("claims", (claim_id,), {"updated_at": _now()})
            self._refresh_derived_event(rec, claim_id)
            return cid

        return self._run(
            f"Cite {self._source_name(spec.source_id)} for “{_short(claim.statement)}”", run
        )

    def edit_citation(
        self, citation_id: int, *, stance: str | None = None, note: str | None = None
    ) -> Changes:
        cite = self._citation(citation_id)
        values: dict[str, Any] = {}
        if stance is not None:
            _check_choice(stance, STANCES, "stance")
            values["stance"] = stance
        if note is not None:
            values["note"] = note

        def run(rec: Recorder) -> int:
            if values:
                rec.update("citations", (citation_id,), values)
            return cite.claim_id

        return self._run("Edit citation", run)

    def uncite(self, citation_id: int) -> Changes:
        cite = self._citation(citation_id)

        def run(rec: Recorder) -> int:
            rec.delete("citations", "id = ?", (citation_id,))
            rec.update("claims", (cite.claim_id,), {"updated_at": _now()})
            self._refresh_derived_event(rec, cite.claim_id)
            return cite.claim_id

        return self._run(f"Remove citation of {self._source_name(cite.source_id)}", run)

    # ---- conflicts and sources -----------------------------------------------------

    def dismiss(self, claim_id: int, passage_key: str) -> Changes:
        """Remember that a possible conflict was looked at and set aside."""
        self.pack.get_claim(claim_id)
        if (claim_id, passage_key) in self.pack.dismissed_keys(claim_id):
            return Changes("Dismiss possible conflict")

        def run(rec: Recorder) -> int:
            rec.insert(
                "dismissals",
                {"claim_id": claim_id, "passage_key": passage_key, "dismissed_at": _now()},
            )
            return claim_id

        return self._run("Dismiss possible conflict", run)

    def set_published(self, source_id: int, published: str | None) -> Changes:
        """Correct a source's publication date (the DCT its relative dates resolve against)."""
        return self.edit_source(source_id, published=published)

    def edit_source(
        self,
        source_id: int,
        *,
        title: str | None = _UNSET,
        author: str | None = _UNSET,
        publisher: str | None = _UNSET,
        url: str | None = _UNSET,
        published: str | None = _UNSET,
        updated: str | None = _UNSET,
        accessed: str | None = _UNSET,
    ) -> Changes:
        """Correct a source's bibliographic details; None clears a field (not the title).
        A date set here has the basis "user"."""
        source = self.pack.get_source(source_id)
        values: dict[str, Any] = {}
        if title is not _UNSET:
            values["title"] = _required_text(title or "", "a source needs a title")
        for name, value in (("author", author), ("publisher", publisher), ("url", url)):
            if value is not _UNSET:
                values[name] = " ".join(value.split()) or None if value else None
        if published is not _UNSET:
            values["published"] = self._source_date(published)
            values["published_source"] = "user"
            values["published_reason"] = "set by hand"
        if updated is not _UNSET:
            values["updated"] = self._source_date(updated)
            values["updated_basis"] = "user"
            values["updated_reason"] = "set by hand"
        if accessed is not _UNSET:
            values["accessed"] = self._source_date(accessed)
            values["accessed_basis"] = "user"
        label = f"Edit details of “{_short(source.title)}”"
        if not values:
            return Changes(label)

        def run(rec: Recorder) -> int:
            rec.update("sources", (source_id,), values)
            if rec.images:
                self.pack.store.bump_content_version(rec.db)
            if "published" in values:
                # "last Tuesday" in a cited passage means another day now: claims dated
                # from their citations are dated again, in this same (undoable) step
                citing = rec.db.execute(
                    "SELECT DISTINCT claim_id FROM citations WHERE source_id = ?", (source_id,))
                for (claim_id,) in citing.fetchall():
                    self._refresh_derived_event(rec, claim_id)
            return source_id

        return self._run(label, run)

    def _source_date(self, text: str | None) -> str | None:
        if not text:
            return None
        value = self._event(text)
        # "late 2014" is a range, not a publication date; a source is dated day, month or year
        if value is None or value.precision not in ("day", "month", "year") or value.mod:
            raise InvalidValue("a source's date must be a day, a month or a year")
        return value.value

    # ---- the briefing's own text ---------------------------------------------------

    def set_briefing_details(
        self,
        *,
        title: str | None = None,
        subtitle: str | None = None,
        author: str | None = None,
        summary: str | None = None,
    ) -> Changes:
        """Save the pack's title and the briefing's subtitle, author and summary (undoable);
        the export uses them unless told otherwise."""
        wanted = {
            "title": title,
            SUBTITLE_META_KEY: subtitle,
            AUTHOR_META_KEY: author,
            SUMMARY_META_KEY: summary,
        }
        if title is not None:
            wanted["title"] = _required_text(title, "a pack needs a title")

        def run(rec: Recorder) -> int:
            for key, value in wanted.items():
                if value is None:
                    continue
                exists = rec.db.execute("SELECT 1 FROM pack_meta WHERE key = ?", (key,))
                if exists.fetchone() is None:
                    rec.insert("pack_meta", {"key": key, "value": value})
                else:
                    rec.update("pack_meta", (key,), {"value": value})
            return 0

        return self._run("Edit the briefing's details", run)

    # ---- undo / redo ---------------------------------------------------------------

    def undo(self) -> Changes:
        return self._replay(undo=True)

    def redo(self) -> Changes:
        return self._replay(undo=False)

    def undo_label(self) -> str | None:
        with self.pack.store.read() as db:
            entry = journal.last_done(db)
        return entry[1] if entry else None

    def redo_label(self) -> str | None:
        with self.pack.store.read() as db:
            entry = journal.first_undone(db)
        return entry[1] if entry else None

    def history(self, limit: int = 200) -> list[dict[str, Any]]:
        with self.pack.store.read() as db:
            return journal.history(db, limit)

    # ---- internals -----------------------------------------------------------------

    def _run(self, label: str, fn: Callable[[Recorder], int]) -> Changes:
        with self.pack.store.write() as db:
            rec = Recorder(db)
            new_id = fn(rec)
            if rec.images:
                journal.append(db, at=_now(), label=label, changes=rec.images)
        claims, citations, sources = touched(rec.images)
        self._reindex(sources)
        return Changes(label, claims, citations, sources, new_id)

    def _replay(self, *, undo: bool) -> Changes:
        with self.pack.store.write() as db:
            entry = journal.last_done(db) if undo else journal.first_undone(db)
            if entry is None:
                raise (
                    NothingToUndo("nothing to undo") if undo else NothingToRedo("nothing to redo")
                )
            entry_id, label, images = entry
            try:
                replay(db, images, forward=not undo)
            except sqlite3.IntegrityError as exc:
                raise UndoConflict(
                    f"cannot {'undo' if undo else 'redo'} “{label}”: a later change is in the "
                    f"way ({exc})"
                ) from exc
            if any(i["table"] == "sources" for i in images):
                self.pack.store.bump_content_version(db)
            journal.mark(db, entry_id, undone=undo)
        claims, citations, sources = touched(images)
        self._reindex(sources)
        return Changes(f"{'Undo' if undo else 'Redo'} {label}", claims, citations, sources)

    def _reindex(self, source_ids: Iterable[int]) -> None:
        # After the commit: if this fails the index is simply stale and rebuilt on next use.
        for source_id in source_ids:
            try:
                self.pack.reindex_source(source_id)
            except Exception:
                log.exception("re-indexing source %s failed; the index will be rebuilt", source_id)

    def _event(self, event: str | DateValue | None) -> DateValue | None:
        if event is None or isinstance(event, DateValue):
            return event
        if not event.strip():
            return None
        return _parse_event_date(event, finder=self._finder)

    def _place(self, spec: CitationSpec) -> _Placed:
        """Where the quote is: on the stated page, or with no page stated, on the first page
        of the source that holds it. A quote that is not on the stated page but is elsewhere
        in the source is an error that names the page where it is."""
        _check_choice(spec.stance, STANCES, "stance")
        source = self.pack.get_source(spec.source_id)
        quote = spec.quote.strip()
        if not quote:
            raise QuoteNotFound("the quote is empty")
        if spec.page is not None:
            page = self.pack.page(spec.source_id, spec.page)
            placed = _locate(page, quote, spec.hint)
            if placed is not None:
                return _Placed(spec, spec.page, *placed)
        found = self._find_in_source(spec.source_id, quote, skip=spec.page)
        if found is None:
            where = f"page {spec.page} of " if spec.page is not None else ""
            raise QuoteNotFound(
                f"the quote “{_short(quote, 60)}” does not occur on {where}“{_short(source.title)}”"
            )
        number, (start, end, text) = found
        if spec.page is not None:
            raise QuoteNotFound(
                f"the quote “{_short(quote, 60)}” is not on page {spec.page} of "
                f"“{_short(source.title)}”; it is on page {number}"
            )
        return _Placed(spec, number, start, end, text)

    def _find_in_source(
        self, source_id: int, quote: str, *, skip: int | None
    ) -> tuple[int, tuple[int, int, str]] | None:
        for page in self.pack.pages(source_id):
            if page.number == skip:
                continue
            placed = _locate(page, quote, None)
            if placed is not None:
                return page.number, placed
        return None

    def _insert_citation(self, rec: Recorder, claim_id: int, place: _Placed, now: str) -> int:
        return rec.insert(
            "citations",
            {
                "claim_id": claim_id,
                "source_id": place.spec.source_id,
                "page": place.page,
                "start": place.start,
                "end": place.end,
                "quote": place.quote,
                "stance": place.spec.stance,
                "note": place.spec.note,
                "created_at": now,
            },
        )

    def _refresh_derived_event(self, rec: Recorder, claim_id: int) -> None:
        """A claim without a user-given date takes the first definite date its citations give."""
        claim = claim_sql.get_claim(rec.db, claim_id)
        if claim is None or claim.event_origin == "user":
            return
        derived = self._derived_event(claim)
        columns = _event_columns(derived, "citation" if derived else None)
        current = _event_columns(claim.event, claim.event_origin)
        if columns != current:
            rec.update("claims", (claim_id,), columns)

    def _derived_event(self, claim: Claim) -> DateValue | None:
        ordered = sorted(claim.citations, key=lambda c: (c.stance != "supports", c.id))
        for cite in ordered:
            source = self.pack.get_source(cite.source_id)
            # an edit note's "last week" is the week before the note, not the publication
            written = source.written_on(cite.page, cite.start, cite.end).date
            dct = written.earliest if written else None
            found = date_from_passage(cite.quote, dct, finder=self._finder)
            if found is not None:
                return found
        return None

    def _citation(self, citation_id: int) -> Any:
        with self.pack.store.read() as db:
            cite = claim_sql.get_citation(db, citation_id)
        if cite is None:
            raise ClaimNotFound(f"no citation with id {citation_id}")
        return cite

    def _source_name(self, source_id: int) -> str:
        return f"“{_short(self.pack.get_source(source_id).title, 40)}”"


def _locate(page: Page, quote: str, hint: int | None) -> tuple[int, int, str] | None:
    """Where the quote is on the page, and the quote as it is stored: the page's own
    characters; or, on a page read by OCR where it is found only by tolerating OCR's
    confusions, the user's reading of the page image ("January 2015", not the engine's
    "January 201 5")."""
    from evidence_pack.core.checks.quote_match import locate_quote

    span = locate_quote(page.text, quote, hint)
    if span is not None:
        return span[0], span[1], page.text[span[0]:span[1]]
    if page.ocr_confidence is None:
        return None
    span = locate_quote(page.text, quote, hint, ocr=True)
    return (span[0], span[1], quote) if span is not None else None


def _retag(rec: Recorder, claim_id: int, add: Iterable[str], remove: Iterable[str]) -> None:
    for tag in add:
        rec.insert("claim_tags", {"claim_id": claim_id, "tag": tag})
    for tag in remove:
        rec.delete("claim_tags", "claim_id = ? AND tag = ?", (claim_id, tag))


def _delete_claim_rows(rec: Recorder, claim_id: int) -> None:
    # children first and explicitly, so undo restores every row the cascade would have hidden
    rec.delete("dismissals", "claim_id = ?", (claim_id,))
    rec.delete("citations", "claim_id = ?", (claim_id,))
    rec.delete("claim_tags", "claim_id = ?", (claim_id,))
    rec.delete("claims", "id = ?", (claim_id,))


def _event_columns(value: DateValue | None, origin: str | None) -> dict[str, Any]:
    return {
        "event_value": value.value if value else None,
        "event_precision": value.precision if value else None,
        "event_earliest": value.earliest if value else None,
        "event_latest": value.latest if value else None,
        "event_mod": value.mod if value else None,
        "event_label": value.label if value else None,
        "event_origin": origin if value else None,
    }


def _check_choice(value: str, choices: Sequence[str], what: str) -> None:
    if value not in choices:
        raise InvalidValue(f"{what} must be one of {', '.join(choices)} (not {value!r})")


def _required_text(text: str, message: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise InvalidValue(message)
    return text


def _clean_tags(tags: Iterable[str]) -> list[str]:
    out: list[str] = []
    for tag in tags:
        t = " ".join(tag.split()).lower()
        if t and t not in out:
            out.append(t)
    return out


def _join(parts: Iterable[str]) -> str:
    return "\n\n".join(p for p in (x.strip() for x in parts) if p)


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
