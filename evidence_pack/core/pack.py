"""Pack: a folder NAME.evpack/ holding pack.sqlite (the truth), files/ and index/ (a cache)."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from evidence_pack.core.errors import (
    ClaimNotFound,
    PackDamaged,
    PackError,
    PackExists,
    PackNotFound,
    SourceNotFound,
)
from evidence_pack.core.file_store import FileStore
from evidence_pack.core.import_report import ImportReport
from evidence_pack.core.interop.records import Record
from evidence_pack.core.models import (
    Claim,
    Page,
    PageOcr,
    ParsedDocument,
    SearchHit,
    SearchResults,
    Source,
)
from evidence_pack.core.progress import CancelToken, ProgressFn, no_progress
from evidence_pack.core.search.index import SearchIndex
from evidence_pack.core.store import Store
from evidence_pack.core.store import claims as claim_sql
from evidence_pack.core.store import ocr_pages as ocr_sql
from evidence_pack.core.store import sources as source_sql
from evidence_pack.core.store.backups import Backup, BackupFailed, list_backups, restore_newest
from evidence_pack.core.store.open_check import OpenSession, check_needed, record_check

if TYPE_CHECKING:
    from evidence_pack.core.ingest.standby import StandbyWorker

log = logging.getLogger(__name__)

SUFFIX = ".evpack"
DB_NAME = "pack.sqlite"


def normalise_pack_path(path: str | Path) -> Path:
    p = Path(path).expanduser()
    return p if p.suffix == SUFFIX else p.with_name(p.name + SUFFIX)


def find_pack(path: str | Path) -> Path:
    """The pack folder meant by `path`, with or without its .evpack suffix."""
    p = Path(path).expanduser()
    for candidate in (p, normalise_pack_path(p)):
        if (candidate / DB_NAME).is_file():
            return candidate
    raise PackNotFound(f"no evidence pack at {p} (create one with `evidence-pack new {p}`)")


# While the app runs, at most one automatic backup per this many seconds.
BACKUP_INTERVAL_S = 600


class Pack:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # Set when the database was damaged and the newest sound backup was put in its place.
        self.restored_from: Backup | None = None
        self._closed = False
        self._session = OpenSession(folder)
        self.store = self._open_store(folder / DB_NAME)
        self.files = FileStore(folder / "files")
        self.files.folder.mkdir(exist_ok=True)
        self.index = SearchIndex(folder / "index", self.store)
        self.files.sweep(self._referenced_shas())

    # ---- opening -------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, title: str | None = None) -> Pack:
        folder = normalise_pack_path(path)
        if (folder / DB_NAME).exists():
            raise PackExists(f"{folder} already holds an evidence pack")
        if folder.exists() and any(folder.iterdir()):
            raise PackExists(f"{folder} exists and is not empty; choose a new folder")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "files").mkdir(exist_ok=True)
        pack = cls(folder)
        with pack.store.write() as db:
            pack.store.set_meta(db, "title", title or folder.stem)
        pack.index.rebuild()
        return pack

    @classmethod
    def open(cls, path: str | Path) -> Pack:
        return cls(find_pack(path))

    def _open_store(self, db_path: Path) -> Store:
        try:
            store = Store(db_path)
            if not check_needed(self.folder, db_path, self._session):
                return store
            problems = store.quick_problems()
            if not problems:
                record_check(self.folder)
                return store
            store.close()
        except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
            problems = [str(exc)]
        restored = restore_newest(self.folder, db_path)
        if restored is None:
            raise PackDamaged(
                f"the pack database {db_path} is damaged ({problems[0]}) and there is no "
                "backup to restore"
            )
        self.restored_from = restored
        log.warning("%s", self.recovery_note)
        # the restored copy is a whole pack as of its date: the index must follow it
        shutil.rmtree(self.folder / "index", ignore_errors=True)
        return Store(db_path)

    @property
    def recovery_note(self) -> str | None:
        """What to tell the user after a restore, or None."""
        if self.restored_from is None:
            return None
        when = self.restored_from.taken_at.astimezone().strftime("%d %B %Y at %H:%M")
        return (
            f"The pack's database was damaged, so the backup from {when} was restored. "
            "Work done after that time is missing; the damaged file was kept beside it."
        )

    def backups(self) -> list[Backup]:
        return list_backups(self.folder)

    def backup(self) -> Backup:
        """Take a verified backup now (rotating out the oldest)."""
        try:
            return self.store.backup(self.folder)
        except BackupFailed as exc:
            raise PackError(str(exc)) from exc

    def backup_if_due(self, interval_s: float = BACKUP_INTERVAL_S) -> Backup | None:
        """A backup when something changed and the newest is older than `interval_s`."""
        if self.store.changes() == 0:
            return None
        newest = next(iter(self.backups()), None)
        if newest is not None:
            age = (datetime.now(UTC) - newest.taken_at).total_seconds()
            if age < interval_s:
                return None
        try:
            return self.backup()
        except PackError:
            log.exception("automatic backup of %s failed", self.folder)
            return None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.backup_if_due()
        self.index.close()
        self.store.close()
        self._session.close()

    def __enter__(self) -> Pack:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def title(self) -> str:
        return self.store.get_meta("title") or self.folder.stem

    # ---- sources -------------------------------------------------------------------

    def add(
        self,
        paths: Iterable[str | Path],
        *,
        progress: ProgressFn = no_progress,
        cancel: CancelToken | None = None,
        parser: Any = None,
        standby: StandbyWorker | None = None,
    ) -> ImportReport:
        """Import files and folders; see importer.py for the guarantees per file. This is the
        only way in to the importer: it works on the pack's store, files and index, and
        bibliography records correct existing sources through the operations layer.
        `standby`: a parse worker started ahead (the app's), used in place of a new one."""
        from evidence_pack.core.importer import import_files

        files = [Path(p) for p in paths]
        # one index writer for the whole import, committed in batches (index.BATCH_PAGES)
        with self.index.batched():
            if parser is not None:
                return import_files(self, files, parser, progress=progress, cancel=cancel,
                                    apply_record=self._apply_record)
            with _LazyIsolatedParser(cancel, standby) as isolated:
                return import_files(self, files, isolated, progress=progress, cancel=cancel,
                                    apply_record=self._apply_record)

    def _apply_record(self, record: Record, source: Source) -> bool:
        from evidence_pack.core.interop.bibliography_import import apply_record
        from evidence_pack.core.operations import Operations

        return apply_record(Operations(self).edit_source, record, source)

    def sources(self) -> list[Source]:
        with self.store.read() as db:
            return source_sql.list_sources(db)

    def source_titles(self) -> dict[int, str]:
        """Every source's title by id, in import order: what a list of sources to choose
        from needs, without reading whole sources (2,000 of them on a big pack)."""
        with self.store.read() as db:
            return source_sql.source_titles(db)

    def attachments(self, source_id: int) -> list[Source]:
        """The sources attached to `source_id` (an email's attachments), in import order."""
        with self.store.read() as db:
            return source_sql.children_of(db, source_id)

    def get_source(self, source_id: int) -> Source:
        with self.store.read() as db:
            source = source_sql.get_source(db, source_id)
        if source is None:
            raise SourceNotFound(f"no source with id {source_id} in this pack")
        return source

    def source_id_by_sha(self, sha256: str) -> int | None:
        with self.store.read() as db:
            return source_sql.source_id_by_sha(db, sha256)

    def pages(self, source_id: int) -> list[Page]:
        self.get_source(source_id)
        with self.store.read() as db:
            return source_sql.get_pages(db, source_id)

    def page(self, source_id: int, number: int) -> Page:
        with self.store.read() as db:
            page = source_sql.get_page(db, source_id, number)
        if page is None:
            raise SourceNotFound(f"source {source_id} has no page {number}")
        return page

    def page_ocr(self, source_id: int, number: int) -> PageOcr | None:
        """How a page was read by OCR (confidence, word boxes), or None for a text layer."""
        with self.store.read() as db:
            return ocr_sql.get_page_ocr(db, source_id, number)

    def file_path(self, source: Source) -> Path:
        return self.files.path_for(source.sha256)

    def import_log(self, limit: int = 1000) -> list[dict[str, Any]]:
        with self.store.read() as db:
            return source_sql.import_events(db, limit)

    # ---- claims (read side; every change goes through core.operations) ----------------

    def claims(self) -> list[Claim]:
        with self.store.read() as db:
            return claim_sql.list_claims(db)

    def get_claim(self, claim_id: int) -> Claim:
        with self.store.read() as db:
            claim = claim_sql.get_claim(db, claim_id)
        if claim is None:
            raise ClaimNotFound(f"no claim with id {claim_id} in this pack")
        return claim

    def dismissed_keys(self, claim_id: int | None = None) -> set[tuple[int, str]]:
        """(claim id, passage key) of every possible conflict the user dismissed."""
        with self.store.read() as db:
            return claim_sql.dismissed_keys(db, claim_id)

    def tags(self) -> list[str]:
        with self.store.read() as db:
            return claim_sql.all_tags(db)

    # ---- search --------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        source_ids: Sequence[int] | None = None,
        kinds: Sequence[str] | None = None,
        snippets: bool | int = True,
    ) -> SearchResults:
        """Ranked pages and the exact count of matches. `snippets=False` skips building
        snippets (for callers that read the pages themselves, such as the conflict checks);
        a number builds them only for that many leading hits (the ones a list shows first;
        `search_snippets` fills in the rest as they are scrolled to)."""
        return self.index.search(query, limit=limit, source_ids=source_ids, kinds=kinds,
                                 snippets=snippets)

    def start_search_warm_up(self, delay_s: float = 1.0) -> None:
        """Read the pack's commonest words into the search cache on a background thread
        (it stops for an import and when the pack closes): the app calls this after
        opening a pack, so that the user's first searches on a big pack are as fast as the
        later ones. One-shot commands have no use for it."""
        self.index.start_warm_up(delay_s)

    def search_snippets(self, query: str, hits: Sequence[SearchHit]) -> list[SearchHit]:
        """`hits` of `query` with their snippets built."""
        return self.index.snippets_for(query, hits)

    def reindex_source(self, source_id: int) -> None:
        """Bring one source's index entries up to date after its fields changed."""
        with self.store.read() as db:
            fields = source_sql.index_fields(db, source_id)
            pages = [
                {"number": p.number, "label": p.label, "heading": p.heading, "text": p.text}
                for p in source_sql.get_pages(db, source_id)
            ]
        version = self.store.content_version()
        if fields:
            self.index.replace_source(fields, pages, version=version)
        else:
            self.index.remove_source(source_id, version=version)

    def reindex(self, progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> int:
        return self.index.rebuild(progress, cancel)

    def _referenced_shas(self) -> set[str]:
        with self.store.read() as db:
            return source_sql.all_shas(db)


class _LazyIsolatedParser:
    """Starts the worker process only when a file actually needs parsing."""

    def __init__(self, cancel: CancelToken | None = None,
                 standby: StandbyWorker | None = None) -> None:
        self._parser: Any = None
        self._cancel = cancel
        self._standby = standby

    def parse(self, path: Path, on_pages: Any = None, on_status: Any = None) -> ParsedDocument:
        return self._worker().parse(path, on_pages, on_status)

    def warm_up(self, *, second_reader: bool | None = None) -> None:
        self._worker().warm_up(second_reader=second_reader)

    def _worker(self) -> Any:
        if self._parser is None:
            from evidence_pack.core.ingest.worker import IsolatedParser

            self._parser = IsolatedParser(cancel=self._cancel, standby=self._standby)
        return self._parser

    def __enter__(self) -> _LazyIsolatedParser:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._parser is not None:
            self._parser.close(wait=False)  # the import is done; the worker exits alone
