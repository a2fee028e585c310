"""SearchIndex: the Whoosh index of a pack, a cache rebuilt from SQLite whenever in doubt.

`state.json` beside the index records the pack's content_version the index reflects. A
missing, unreadable, stale or differently-shaped index is rebuilt, never trusted.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query

from evidence_pack.core.errors import SearchSyntaxError
from evidence_pack.core.models import SearchHit, SearchResults
from evidence_pack.core.progress import CancelToken, ProgressFn, no_progress
from evidence_pack.core.search.analysis import FastEnglishAnalyzer
from evidence_pack.core.search.merge_policy import merge_all_but_dominant
from evidence_pack.core.search.query import (
    HighlightTerms,
    expand_fuzzy,
    highlight_stems,
    make_parser,
    parse_query,
)
from evidence_pack.core.search.schema import SCHEMA_VERSION, build_schema
from evidence_pack.core.search.snippets import best_snippet, leading_snippet
from evidence_pack.core.search.writer import open_writer
from evidence_pack.core.store import Store
from evidence_pack.core.store import sources as source_sql

_STATE = "state.json"
_REBUILD_BATCH = 2000
# Beyond this many segments an import ends by merging them (see merge_policy.py).
_MAX_SEGMENTS = 6


class SearchIndex:
    def __init__(self, folder: Path, store: Store) -> None:
        self.folder = folder
        self.store = store
        self._lock = threading.RLock()
        self._ix: whoosh_index.Index | None = None
        self._searcher: Any = None
        self._parser: Any = None
        self._analyzer = FastEnglishAnalyzer()
        # Bumped by every rebuild, so a staging writer opened on a replaced index knows.
        self._generation = 0

    # ---- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._ix = None

    def is_current(self) -> bool:
        state = self._read_state()
        return (
            state is not None
            and state.get("schema") == SCHEMA_VERSION
            and state.get("content_version") == self.store.content_version()
            and self._openable()
        )

    def ensure_current(
        self, progress: ProgressFn = no_progress, cancel: CancelToken | None = None
    ) -> bool:
        """Rebuild if the index cannot be trusted; returns True when it rebuilt."""
        with self._lock:
            if self.is_current():
                return False
            self.rebuild(progress, cancel)
            return True

    def rebuild(self, progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> int:
        """Build a fresh index beside the old one and swap it in; returns pages indexed."""
        with self._lock:
            self.close()
            fresh = self.folder.with_name(self.folder.name + ".new")
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir(parents=True)
            ix = whoosh_index.create_in(str(fresh), build_schema())
            version = self.store.content_version()
            with self.store.read() as db:
                total = source_sql.count_pages(db)
            done = 0
            writer = open_writer(ix)
            try:
                for row in self._index_rows():
                    if cancel is not None and done % 200 == 0:
                        cancel.raise_if_cancelled()
                    writer.add_document(**_document(row))
                    done += 1
                    if done % 100 == 0:
                        progress(done, total, "indexing pages")
                progress(done, total, "writing the index")
                writer.commit()
            except BaseException:
                writer.cancel()
                shutil.rmtree(fresh, ignore_errors=True)
                raise
            _write_state(fresh, version)
            old = self.folder.with_name(self.folder.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.folder.exists():
                os.replace(self.folder, old)
            os.replace(fresh, self.folder)
            shutil.rmtree(old, ignore_errors=True)
            self._generation += 1
            progress(done, total, "index ready")
            return done

    # ---- writing -------------------------------------------------------------------

    def add_source(
        self, fields: dict[str, Any], pages: Iterable[dict[str, Any]], *, version: int
    ) -> None:
        """Index one newly committed source; `version` is the content_version its commit made.

        The index is stamped current only if it was current just before that commit. If
        anything fails, or the process dies, before the stamp, the next open rebuilds from
        SQLite, so a half-written index is never trusted.
        """
        self._write_source(fields, pages, version=version, replace=False)

    def replace_source(
        self, fields: dict[str, Any], pages: Iterable[dict[str, Any]], *, version: int
    ) -> None:
        """Re-index a source whose searchable fields changed (e.g. its publication date)."""
        self._write_source(fields, pages, version=version, replace=True)

    def remove_source(self, source_id: int, *, version: int) -> None:
        self._write_source({"source_id": source_id}, (), version=version, replace=True)

    def stage_source(self, fields: dict[str, Any], *, replace: bool = False) -> IndexStaging:
        """Start indexing a source whose SQLite rows are not committed yet.

        Import feeds pages in while the worker is still parsing the rest of the file, so
        parsing and indexing overlap; `finish` publishes them after the SQLite commit.
        """
        with self._lock:
            return IndexStaging(self, fields, replace=replace)

    def _write_source(
        self,
        fields: dict[str, Any],
        pages: Iterable[dict[str, Any]],
        *,
        version: int,
        replace: bool,
    ) -> None:
        staging = self.stage_source(fields, replace=replace)
        try:
            staging.add_pages(pages)
        except BaseException:
            staging.cancel()
            raise
        staging.finish(version)

    # ---- searching -----------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        source_ids: Sequence[int] | None = None,
        kinds: Sequence[str] | None = None,
        snippets: bool = True,
    ) -> SearchResults:
        with self._lock:
            self.ensure_current()
            searcher = self._current_searcher()
            q = expand_fuzzy(parse_query(self._parser, text), searcher.reader())
            flt = _filter(source_ids, kinds)
            try:
                # terms=False keeps Whoosh's block-skipping top-N optimisation; snippets
                # highlight the query's own (expanded) terms instead of per-hit matches
                results = searcher.search(q, limit=max(1, limit), filter=flt)
                stems = highlight_stems(q, searcher.reader())
            except Exception as exc:  # malformed ranges etc. surface only at search time
                raise SearchSyntaxError(f"cannot run the query {text!r}: {exc}") from exc
            total = len(results)
            stored = [(int(h["sid"]), int(h["page"]), h.score) for h in results[:limit]]
            if not snippets:
                return SearchResults(total, [SearchHit(sid, "", page, None, float(score), "")
                                             for sid, page, score in stored])
            return SearchResults(total, self._hits(stored, stems))

    def _hits(
        self, stored: list[tuple[int, int, float]], stems: HighlightTerms
    ) -> list[SearchHit]:
        with self.store.read() as db:
            rows = source_sql.hit_rows(db, [(sid, page) for sid, page, _ in stored])
        hits = []
        for sid, page, score in stored:
            title, label, text, kind = rows.get((sid, page), ("", None, "", ""))
            snippet, spans = self._snippet(text, stems)
            hits.append(SearchHit(sid, title, page, label, float(score), snippet, spans, kind))
        return hits

    def _snippet(self, text: str, terms: HighlightTerms
                 ) -> tuple[str, tuple[tuple[int, int], ...]]:
        if text and terms:
            snippet, spans = best_snippet(text, terms.stems, self._analyzer._stem,
                                          phrases=terms.phrases)
            if spans:
                return snippet, spans
        return leading_snippet(text), ()

    def tidy(self) -> None:
        """Merge small segments (after an import), so searches read few of them."""
        with self._lock:
            if not self.is_current():
                return
            ix = self._index()
            segments = len(ix._segments())
            if segments <= _MAX_SEGMENTS:
                return
            writer = open_writer(ix, timeout=60.0)
            writer.commit(mergetype=merge_all_but_dominant)
            self._refresh_searcher()

    def document_frequencies(self, stems: Sequence[str]) -> dict[str, int]:
        """How many pages hold each (stemmed) content term."""
        with self._lock:
            self.ensure_current()
            reader = self._current_searcher().reader()
            return {s: reader.doc_frequency("content", s) for s in stems}

    # ---- internals -----------------------------------------------------------------

    def _index(self) -> whoosh_index.Index:
        if self._ix is None:
            self._ix = whoosh_index.open_dir(str(self.folder))
            self._parser = make_parser(self._ix.schema)
        return self._ix

    def _current_searcher(self) -> Any:
        if self._searcher is None:
            self._searcher = self._index().searcher()
        else:
            self._searcher = self._searcher.refresh()
        return self._searcher

    def _refresh_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher = self._searcher.refresh()

    def _openable(self) -> bool:
        try:
            self._index()
            return True
        except Exception:
            # an unreadable index is only a cache: report "not current" and let it rebuild
            self._ix = None
            return False

    def _read_state(self) -> dict[str, Any] | None:
        try:
            return json.loads((self.folder / _STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _index_rows(self) -> Iterator[dict[str, Any]]:
        last = (0, 0)
        while True:
            with self.store.read() as db:
                rows = source_sql.index_rows_after(db, last, _REBUILD_BATCH)
            if not rows:
                return
            yield from rows
            last = (rows[-1]["source_id"], rows[-1]["number"])


class IndexStaging:
    """Pages of one source added to an uncommitted Whoosh writer (see stage_source)."""

    def __init__(self, index: SearchIndex, fields: dict[str, Any], *, replace: bool) -> None:
        self._index = index
        self.fields = dict(fields)
        self._generation = index._generation
        self._writer: Any = open_writer(index._index(), timeout=60.0)
        if replace:
            self._writer.delete_by_term("sid", str(fields["source_id"]))

    def add_pages(self, pages: Iterable[dict[str, Any]]) -> None:
        for page in pages:
            self._writer.add_document(**_document({**self.fields, **page}))

    def finish(self, version: int) -> None:
        """Commit after the SQLite commit that made content_version `version`.

        The index is stamped current only if it was current just before that commit; if it
        was rebuilt meanwhile the staged pages are dropped and the next search rebuilds.
        """
        index = self._index
        with index._lock:
            if self._generation != index._generation:
                self.cancel()
                return
            state = index._read_state() or {}
            was_current = (
                state.get("content_version") == version - 1
                and state.get("schema") == SCHEMA_VERSION
            )
            # Segments are merged once at the end of an import (SearchIndex.tidy), not after
            # every file: repeated small merges rewrote the same postings again and again.
            self._writer.commit(merge=False)
            self._writer = None
            if was_current:
                _write_state(index.folder, version)
            index._refresh_searcher()

    def cancel(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None


def _document(row: dict[str, Any]) -> dict[str, Any]:
    sid = str(row["source_id"])
    heading = row.get("heading")
    content = f"{heading}\n{row['text']}" if heading else row["text"]
    doc: dict[str, Any] = {
        "docid": f"{sid}:{row['number']}",
        "sid": sid,
        "page": int(row["number"]),
        "content": content,
        "title": row.get("title") or "",
        "source": " ".join(x for x in (sid, row.get("file_name"), row.get("publisher")) if x),
        "kind": row.get("kind") or "",
    }
    if row.get("label"):
        doc["label"] = str(row["label"])
    published = _published_datetime(row.get("published"))
    if published is not None:
        doc["published"] = published
    return doc


def _published_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        return datetime(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
    except (ValueError, IndexError):
        return None


def _filter(source_ids: Sequence[int] | None, kinds: Sequence[str] | None) -> query.Query | None:
    parts: list[query.Query] = []
    if source_ids:
        parts.append(query.Or([query.Term("sid", str(i)) for i in source_ids]))
    if kinds:
        parts.append(query.Or([query.Term("kind", k.lower()) for k in kinds]))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else query.And(parts)


def _write_state(folder: Path, content_version: int) -> None:
    tmp = folder / (_STATE + ".tmp")
    tmp.write_text(
        json.dumps({"schema": SCHEMA_VERSION, "content_version": content_version}),
        encoding="utf-8",
    )
    os.replace(tmp, folder / _STATE)
