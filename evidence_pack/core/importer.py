"""Importing files into a pack. Every file ends in exactly one state:
imported, imported with warnings, duplicate, or rejected with a specific reason.

Order of work per file, chosen so a crash at any point leaves the pack consistent:
hash -> parse (in the isolated worker) -> copy bytes in under their hash -> one SQLite
transaction (source, pages, log entry, content_version) -> index. A copy without a row is
swept later; a row without its index entry makes the index stale, so it is rebuilt.

Files inside a file (an email's attachments, a .zip's members: attachments.py) are imported
first, each the same way, and the email's own transaction links them to it; a crash between
leaves them as sources of their own, and importing the email again links them.

The importer is reached only through the pack (`Pack.add`): it sees the pack as an
ImportTarget (its store, file store and index) and is handed what it may not do itself, such
as correcting a source from a bibliography record through the operations layer.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from evidence_pack.core.attachments import Nesting, import_attachments
from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.file_store import FileStore, sha256_of
from evidence_pack.core.import_report import Duplicate, Failed, Imported, ImportReport
from evidence_pack.core.ingest.printed_numbers import plain_numbering, printed_page_labels
from evidence_pack.core.ingest.worker import PartlyRead, has_long_pdf
from evidence_pack.core.interop.bibliography_import import (
    is_bibliography,
    match_source,
    read_records,
    reference_document,
)
from evidence_pack.core.interop.records import Record
from evidence_pack.core.models import ParsedDocument, ParsedPage, Source
from evidence_pack.core.partial_reads import finish, mark_unread, unread_pages
from evidence_pack.core.progress import Cancelled, CancelToken, ProgressFn, no_progress
from evidence_pack.core.store import Store
from evidence_pack.core.store import sources as source_sql

if TYPE_CHECKING:
    from evidence_pack.core.search.index import IndexStaging, SearchIndex

log = logging.getLogger(__name__)

# Folders hold these alongside documents; reporting each as "unsupported" would be noise.
_SKIPPED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
# Kinds whose pages are printed pages, with numbers in their headers or footers.
_PRINTED_KINDS = ("pdf", "image")


class DocumentParser(Protocol):
    def parse(self, path: Path) -> ParsedDocument: ...


class StreamingParser(Protocol):
    """A parser that can hand over pages while it reads (the isolated worker does), and
    say how far it has got ("OCR page 3 of 40")."""

    def parse(self, path: Path, on_pages: Any = None, on_status: Any = None) -> ParsedDocument:
        ...

    def warm_up(self, *, second_reader: bool | None = None) -> None: ...


class ImportTarget(Protocol):
    """What an import writes to: the pack's database, file store and search index."""

    store: Store
    files: FileStore
    index: SearchIndex


# Corrects a matched source from a bibliography record; True when something changed.
RecordApplier = Callable[[Record, Source], bool]


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every file under named folders (sorted, hidden ones skipped)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(_walk(path))
        else:
            out.append(path)
    return out


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.endswith(".evpack"))
        for name in sorted(files):
            if name.startswith((".", "~$")) or name.lower() in _SKIPPED_NAMES:
                continue
            yield Path(root) / name


def import_files(
    target: ImportTarget,
    paths: Iterable[Path],
    parser: DocumentParser,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    apply_record: RecordApplier | None = None,
) -> ImportReport:
    files = collect_files(Path(p) for p in paths)
    report = ImportReport()
    if hasattr(parser, "warm_up") and not all(is_bibliography(f) for f in files):
        # the worker boots while the first file is hashed; with a second reader beside it
        # when a long PDF is coming
        parser.warm_up(second_reader=has_long_pdf(files))
    target.index.ensure_current()
    for n, path in enumerate(files):
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break
        progress(n, len(files), f"reading {path.name}")

        pages_read = _FileProgress(progress, cancel, n, len(files), path.name)

        try:
            if is_bibliography(path):
                _import_bibliography(target, path, report, apply_record)
            else:
                import_one(target, path, parser, report, pages_read)
        except Cancelled:
            report.cancelled = True
            break
    if report.imported:
        progress(len(files), len(files), "tidying the search index")
        try:  # after the import's last batch of pages reaches the index
            target.index.tidy()
        except Exception:  # the index is a cache: an untidy one still answers correctly
            log.exception("merging index segments failed")
    progress(len(files), len(files), "import finished")
    return report


def import_one(target: ImportTarget, path: Path, parser: DocumentParser, report: ImportReport,
               pages_read: Callable[[int], None] | None = None, *,
               nesting: Nesting | None = None) -> list[int]:
    """Import one file; returns the ids of the sources that stand for it (its own; a .zip's
    members; an existing source's when it is a duplicate), [] when it was rejected."""
    nesting = nesting or Nesting()
    shown = nesting.shown(path)
    try:
        sha = _hash(path)
        nesting.check(sha)
    except RejectedFile as exc:
        _reject(target, report, shown, exc.reason, exc.hint, nesting)
        return []
    existing = _source_id_by_sha(target, sha)
    if existing and unread_pages(target, existing) and hasattr(parser, "warm_up"):
        return _finish_partly_read(target, path, parser, existing, report, pages_read)
    if existing:
        report.duplicates.append(Duplicate(shown, existing))
        _log(target, path=shown, outcome="duplicate", sha256=sha, source_id=existing)
        nesting.record(path, "duplicate", source_id=existing)
        return [existing]
    feeder = _IndexFeeder(target, path.name, pages_read) if hasattr(parser, "warm_up") else None
    try:
        if feeder:
            doc = parser.parse(path, on_pages=feeder,  # type: ignore[call-arg]
                               on_status=getattr(pages_read, "status", None))
        else:
            doc = parser.parse(path)
        if doc.kind == "zip":  # a container, not a source: its files stand in its place
            _cancel(feeder)
            return _import_archive(target, doc, parser, report, pages_read, nesting, sha, path)
        stored_path = target.files.put(path, sha)
    except PartlyRead as partial:
        # what OCR read before the cancel is kept (a long scan is many minutes of it)
        _keep_partly_read(target, path, sha, partial, report, feeder, shown)
        raise
    except RejectedFile as exc:
        _cancel(feeder)
        _reject(target, report, shown, exc.reason, exc.hint, nesting, sha=sha)
        return []
    except OSError as exc:
        _cancel(feeder)
        reason = f"could not copy the file into the pack: {exc.strerror or exc}"
        _reject(target, report, shown, reason, None, nesting, sha=sha)
        return []
    except BaseException:
        _cancel(feeder)
        raise
    children: list[int] = []
    if doc.attachments:
        if feeder is not None:
            feeder.pause()  # the email's own id is taken after its attachments'
        children = import_attachments(target, doc, parser, report, pages_read,
                                      nesting.inside_of(sha, doc, path), import_one)
    nesting.describe(doc, path)
    if _label_printed_pages(doc) and feeder is not None and feeder.staging is not None:
        feeder.staging.relabel([_page_fields(p) for p in doc.pages])
    try:
        source_id = _store_source(
            target,
            doc,
            sha=sha,
            file_name=path.name,
            file_size=stored_path.stat().st_size,
            shown=shown,
            report=report,
            feeder=feeder,
            children=children,
        )
    except (sqlite3.Error, OSError) as exc:
        _cancel(feeder)
        # Nothing was committed, so the copy is an orphan: remove it now rather than at sweep.
        target.files.remove(sha)
        reason = f"could not save it in the pack: {_storage_error(exc)}"
        report.failed.append(Failed(shown, reason))
        nesting.record(path, "rejected", reason=reason)
        with contextlib.suppress(sqlite3.Error, OSError):
            _log(target, path=shown, outcome="rejected", sha256=sha, reason=reason)
        return []
    nesting.record(path, "imported", source_id=source_id)
    if children:  # the report lists them as they were before the link was made
        linked = set(children)
        report.imported = [Imported(i.path, _get_source(target, i.source.id))
                           if i.source.id in linked else i for i in report.imported]
    return [source_id]


class _FileProgress:
    """Progress while one file is read: pages as they arrive (a long PDF), status lines as
    a parser sends them (OCR: "OCR page 12 of 40"); both let Cancel stop the file."""

    def __init__(self, progress: ProgressFn, cancel: CancelToken | None, n: int, total: int,
                 name: str) -> None:
        self._progress, self._cancel = progress, cancel
        self._n, self._total, self._name = n, total, name

    def __call__(self, count: int) -> None:
        self._check()
        self._progress(self._n, self._total, f"{self._name}: {count} pages read")

    def status(self, line: str) -> None:
        self._check()
        self._progress(self._n, self._total, f"{self._name}: {line}")

    def _check(self) -> None:
        # Cancel need not wait for a long file's last page
        if self._cancel is not None and self._cancel.cancelled:
            raise Cancelled(f"import cancelled while reading {self._name}")


def _finish_partly_read(target: ImportTarget, path: Path, parser: DocumentParser,
                        source_id: int, report: ImportReport,
                        pages_read: Callable[[int], None] | None) -> list[int]:
    """The same file again, for a source whose reading was cancelled: read the rest."""
    try:
        doc = parser.parse(path, on_status=getattr(pages_read, "status", None))  # type: ignore[call-arg]
    except PartlyRead:
        raise Cancelled(f"import cancelled while reading {path.name}") from None
    except RejectedFile as exc:
        report.failed.append(Failed(str(path), exc.reason, exc.hint))
        return []
    finish(target, source_id, doc)
    source = _get_source(target, source_id)
    report.imported.append(Imported(str(path), source))
    _log(target, path=str(path), outcome="warnings" if source.warnings else "imported",
         sha256=source.sha256, source_id=source_id)
    return [source_id]


def _keep_partly_read(target: ImportTarget, path: Path, sha: str, partial: PartlyRead,
                      report: ImportReport, feeder: _IndexFeeder | None, shown: str) -> None:
    doc = partial.document
    mark_unread(doc, partial.missing)
    try:
        stored_path = target.files.put(path, sha)
        _store_source(target, doc, sha=sha, file_name=path.name,
                      file_size=stored_path.stat().st_size, shown=shown, report=report,
                      feeder=feeder)
    except (sqlite3.Error, OSError):
        _cancel(feeder)
        log.exception("keeping the pages read from %s before the cancel failed", path.name)


def _import_archive(target: ImportTarget, doc: ParsedDocument, parser: DocumentParser,
                    report: ImportReport, pages_read: Callable[[int], None] | None,
                    nesting: Nesting, sha: str, path: Path) -> list[int]:
    before = report.handled
    ids = import_attachments(target, doc, parser, report, pages_read,
                             nesting.inside_of(sha, doc, path), import_one)
    # what the archive itself could not give (a locked member, nesting too deep) is named
    for warning in doc.warnings:
        _reject(target, report, nesting.shown(path), warning, None, nesting, sha=sha)
    if report.handled == before:
        _reject(target, report, nesting.shown(path), "empty file",
                "the archive holds no files", nesting, sha=sha)
    return ids


def _reject(target: ImportTarget, report: ImportReport, shown: str, reason: str,
            hint: str | None, nesting: Nesting, *, sha: str | None = None) -> None:
    report.failed.append(Failed(shown, reason, hint))
    _log(target, path=shown, outcome="rejected", sha256=sha, reason=reason)
    nesting.record(Path(shown), "rejected", reason=reason)


def _label_printed_pages(doc: ParsedDocument) -> bool:
    """Label a paged document's pages with the numbers printed on them, when one numbering
    runs through it and the PDF defines no labels of its own (or only a plain count);
    True when it did. Pages indexed while the file was read are then relabelled there too."""
    if doc.kind not in _PRINTED_KINDS or not doc.pages:
        return False
    own = [page.label for page in doc.pages]
    if any(own) and not plain_numbering(own):
        return False
    printed = printed_page_labels([page.text for page in doc.pages])
    if printed is None:
        return False
    for page, label in zip(doc.pages, printed, strict=True):
        page.label = label
    return True


def _store_source(
    target: ImportTarget,
    doc: ParsedDocument,
    *,
    sha: str,
    file_name: str,
    file_size: int,
    shown: str,
    report: ImportReport,
    feeder: _IndexFeeder | None = None,
    children: Iterable[int] = (),
) -> int:
    now = _now()
    title = _title(doc, file_name)
    staging = feeder.staging_for(doc) if feeder is not None else None
    with target.store.write() as db:
        source_id = source_sql.insert_source(
            db,
            doc,
            sha256=sha,
            file_name=file_name,
            file_size=file_size,
            imported_at=now,
            title=title,
            source_id=feeder.source_id if staging is not None else None,
        )
        source_sql.adopt_children(db, source_id, children)
        source_sql.log_import_event(
            db,
            at=now,
            path=shown,
            outcome="warnings" if doc.warnings else "imported",
            sha256=sha,
            source_id=source_id,
        )
        version = target.store.bump_content_version(db)
    try:
        if staging is not None:
            staging.finish(version)
        else:
            pages = (_page_fields(p) for p in doc.pages)
            target.index.add_source(_index_fields(source_id, doc, file_name), pages,
                                    version=version)
    except Exception:
        # The source is safely in SQLite; the unstamped index is rebuilt on the next search.
        log.exception("indexing %s failed; the index will be rebuilt", file_name)
    report.imported.append(Imported(shown, _get_source(target, source_id)))
    return source_id


def _get_source(target: ImportTarget, source_id: int) -> Source:
    with target.store.read() as db:
        source = source_sql.get_source(db, source_id)
    assert source is not None, "a source read back in the writer's own thread"
    return source


def _source_id_by_sha(target: ImportTarget, sha256: str) -> int | None:
    with target.store.read() as db:
        return source_sql.source_id_by_sha(db, sha256)


class _IndexFeeder:
    """Indexes pages while the worker is still reading the rest of the file.

    Parsing runs in the worker process and indexing here, so on two cores they overlap. The
    source's id is reserved up front (this process is the pack's only writer); if the final
    document differs from what was streamed, or the file is rejected, the staging is dropped.
    """

    def __init__(self, target: ImportTarget, file_name: str,
                 pages_read: Callable[[int], None] | None = None) -> None:
        self.target = target
        self.file_name = file_name
        self.pages_read = pages_read
        self.pages = 0
        self.source_id = 0
        self.staging: IndexStaging | None = None

    def __call__(self, head: ParsedDocument, batch: list[ParsedPage],
                 analysed: list[Any] | None = None) -> None:
        if self.staging is None:
            with self.target.store.read() as db:
                self.source_id = source_sql.next_source_id(db)
            fields = _index_fields(self.source_id, head, self.file_name)
            self.staging = self.target.index.stage_source(fields)
        self.staging.add_pages((_page_fields(p) for p in batch), analysed)
        self.pages += len(batch)
        if self.pages_read is not None:
            self.pages_read(self.pages)

    def idle(self) -> bool:
        """While the parser reads on: write ahead what the index's commit would write
        after the last page (IndexStaging.write_ahead); False when nothing is left."""
        return self.staging is not None and self.staging.write_ahead()

    def staging_for(self, doc: ParsedDocument) -> IndexStaging | None:
        if self.staging is None:
            return None
        if self.staging.fields != _index_fields(self.source_id, doc, self.file_name):
            self.cancel()
            return None
        return self.staging

    def pause(self) -> None:
        """Files inside this one are imported before it and take ids first: the id reserved
        for early indexing is no longer this file's, so what was staged is dropped."""
        self.cancel()

    def cancel(self) -> None:
        if self.staging is not None:
            self.staging.cancel()
            self.staging = None


def _cancel(feeder: _IndexFeeder | None) -> None:
    if feeder is not None:
        feeder.cancel()


def _title(doc: ParsedDocument, file_name: str) -> str:
    return (doc.title or "").strip() or Path(file_name).stem


def _index_fields(source_id: int, doc: ParsedDocument, file_name: str) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "title": _title(doc, file_name),
        "kind": doc.kind,
        "file_name": file_name,
        "publisher": doc.publisher,
        "published": doc.published,
    }


def _page_fields(page: ParsedPage) -> dict[str, Any]:
    return {"number": page.number, "label": page.label, "heading": page.heading, "text": page.text}


def _import_bibliography(target: ImportTarget, path: Path, report: ImportReport,
                         apply_record: RecordApplier | None) -> None:
    try:
        records = read_records(path)
    except RejectedFile as exc:
        report.failed.append(Failed(str(path), exc.reason, exc.hint))
        _log(target, path=str(path), outcome="rejected", reason=exc.reason)
        return
    for n, record in enumerate(records, 1):
        shown = f"{path}#{n}"
        with target.store.read() as db:
            sources = source_sql.list_sources(db)
        match = match_source(record, sources)
        if match is not None:
            if apply_record is not None and apply_record(record, match):
                report.updated.append(Duplicate(shown, match.id))
            else:
                report.duplicates.append(Duplicate(shown, match.id))
            continue
        doc, key = reference_document(record)
        _store_source(
            target,
            doc,
            sha=key,
            file_name=record.file_name or path.name,
            file_size=0,
            shown=shown,
            report=report,
        )


def _log(
    target: ImportTarget,
    *,
    path: str,
    outcome: str,
    sha256: str | None = None,
    reason: str | None = None,
    source_id: int | None = None,
) -> None:
    with target.store.write() as db:
        source_sql.log_import_event(
            db,
            at=_now(),
            path=path,
            outcome=outcome,
            sha256=sha256,
            reason=reason,
            source_id=source_id,
        )


def _storage_error(exc: Exception) -> str:
    text = str(exc)
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "full" in text.lower():
        return "the disk is full; free some space and import it again"
    return text


def _hash(path: Path) -> str:
    try:
        if not path.exists():
            raise RejectedFile("file not found")
        if not path.is_file():
            raise RejectedFile("not a regular file")
        return sha256_of(path)
    except PermissionError as exc:
        raise RejectedFile("permission denied: the file cannot be read") from exc
    except OSError as exc:
        raise RejectedFile(f"cannot read the file: {exc.strerror or exc}") from exc


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
