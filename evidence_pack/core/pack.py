"""Pack: a folder NAME.evpack/ holding pack.sqlite (the truth), files/ and index/ (a cache)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from evidence_pack.core.errors import ClaimNotFound, PackExists, PackNotFound, SourceNotFound
from evidence_pack.core.file_store import FileStore
from evidence_pack.core.importer import DocumentParser, ImportReport, import_files
from evidence_pack.core.models import Claim, Page, ParsedDocument, SearchResults, Source
from evidence_pack.core.progress import CancelToken, ProgressFn, no_progress
from evidence_pack.core.search import SearchIndex
from evidence_pack.core.store import Store
from evidence_pack.core.store import claims as claim_sql
from evidence_pack.core.store import sources as source_sql

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


class Pack:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.store = Store(folder / DB_NAME)
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

    def close(self) -> None:
        self.index.close()
        self.store.close()

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
        parser: DocumentParser | None = None,
    ) -> ImportReport:
        """Import files and folders; see importer.py for the guarantees per file."""
        if parser is not None:
            return import_files(
                self, [Path(p) for p in paths], parser, progress=progress, cancel=cancel
            )
        with _LazyIsolatedParser(cancel) as isolated:
            return import_files(
                self, [Path(p) for p in paths], isolated, progress=progress, cancel=cancel
            )

    def sources(self) -> list[Source]:
        with self.store.read() as db:
            return source_sql.list_sources(db)

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
    ) -> SearchResults:
        return self.index.search(query, limit=limit, source_ids=source_ids, kinds=kinds)

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

    def __init__(self, cancel: CancelToken | None = None) -> None:
        self._parser: Any = None
        self._cancel = cancel

    def parse(self, path: Path, on_pages: Any = None) -> ParsedDocument:
        return self._worker().parse(path, on_pages)

    def warm_up(self) -> None:
        self._worker().warm_up()

    def _worker(self) -> Any:
        if self._parser is None:
            from evidence_pack.core.ingest.worker import IsolatedParser

            self._parser = IsolatedParser(cancel=self._cancel)
        return self._parser

    def __enter__(self) -> _LazyIsolatedParser:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._parser is not None:
            self._parser.__exit__(None, None, None)
