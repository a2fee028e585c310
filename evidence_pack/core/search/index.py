"""SearchIndex: the Whoosh index of a pack, a cache rebuilt from SQLite whenever in doubt.

`state.json` beside the index records the pack's content_version the index reflects. A
missing, unreadable, stale or differently-shaped index is rebuilt, never trusted.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query

from evidence_pack.core.errors import SearchSyntaxError
from evidence_pack.core.models import SearchHit, SearchResults
from evidence_pack.core.progress import CancelToken, ProgressFn, no_progress
from evidence_pack.core.search.analysis import AnalysedText, FastEnglishAnalyzer, page_content
from evidence_pack.core.search.block_scoring import PostingsCache, collect_best
from evidence_pack.core.search.merge_policy import (
    merge_all_but_dominant,
    merge_small_tiers,
    small_segment_count,
)
from evidence_pack.core.search.parallel_analysis import CHUNK, MIN_PAGES, chunks_with_analysis
from evidence_pack.core.search.query import (
    HighlightTerms,
    expand_fuzzy,
    highlight_stems,
    make_parser,
    parse_query,
)
from evidence_pack.core.search.schema import SCHEMA_VERSION, build_schema
from evidence_pack.core.search.scoring import CachedLengthBM25F
from evidence_pack.core.search.snippets import best_snippet, leading_snippet
from evidence_pack.core.search.warm_up import BackgroundWarmUp, WarmUpReport, warm_up
from evidence_pack.core.search.writer import open_writer
from evidence_pack.core.store import Store
from evidence_pack.core.store import sources as source_sql

log = logging.getLogger(__name__)

_STATE = "state.json"
_REBUILD_BATCH = 2000
# Beyond this many small segments an import ends by merging them (see merge_policy.py).
_MAX_SMALL_SEGMENTS = 4
# An import commits its pages to the index in batches of about this many: each commit is a
# segment, so a 2,000-file import makes a handful of segments, not 2,000 (each a few files
# on disk, and a seek per query term). Whoosh's pool spills sorted runs to disk as a batch
# grows, so the batch size bounds the work lost to a crash, not memory.
BATCH_PAGES = 10_000
# Seconds of writing ahead at a time while an import waits for pages: short, so a page
# that arrives meanwhile is indexed at once, and so the window (which shares the GIL with
# the import's thread) is never kept waiting long.
_AHEAD_S = 0.008


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
        self._batch: _Batch | None = None
        self._postings_cache = PostingsCache()
        self._warm_up: BackgroundWarmUp | None = None
        self._last_search = 0.0  # time.monotonic(), for the warm-up to keep out of the way

    # ---- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        self.stop_warm_up()
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._ix = None
            self._postings_cache = PostingsCache()

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
        """Rebuild if the index cannot be trusted; returns True when it rebuilt (or caught
        up with an import that stopped before its last batch reached the index)."""
        with self._lock:
            if self.is_current():
                return False
            if not self._catch_up(progress, cancel):
                self.rebuild(progress, cancel)
            return True

    def _catch_up(self, progress: ProgressFn, cancel: CancelToken | None) -> bool:
        """Index only the sources an interrupted import committed to SQLite after the
        index's last batch, when that is provably all that changed: every import of a source
        bumps the content version once, so the versions missing must equal the sources with
        ids from the batch's first. On a 100,000-page pack this is seconds, not a rebuild."""
        state = self._read_state()
        pending = (state or {}).get("batch")
        if not state or state.get("schema") != SCHEMA_VERSION or not pending:
            return False
        if not self._openable():
            return False
        first_sid = int(pending["from_sid"])
        version = self.store.content_version()
        with self.store.read() as db:
            sids = [int(r[0]) for r in db.execute(
                "SELECT id FROM sources WHERE id >= ? ORDER BY id", (first_sid,))]
        if version - int(state["content_version"]) != len(sids):
            return False
        total = 0
        writer = open_writer(self._index(), timeout=60.0)
        try:
            for sid in sids:  # pages a commit made before the crash are not doubled
                writer.delete_by_term("sid", str(sid))
            last = (first_sid - 1, 1 << 62)
            while sids:
                with self.store.read() as db:
                    rows = source_sql.index_rows_after(db, last, _REBUILD_BATCH)
                if not rows:
                    break
                for row in rows:
                    writer.add_document(**_document(row))
                if cancel is not None:
                    cancel.raise_if_cancelled()
                total += len(rows)
                progress(total, total, "indexing pages")
                last = (rows[-1]["source_id"], rows[-1]["number"])
            writer.commit(mergetype=merge_small_tiers)
        except BaseException:
            writer.cancel()
            raise
        _write_state(self.folder, version)
        log.info("search index caught up with %d sources (%d pages)", len(sids), total)
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
                # committed every BATCH_PAGES pages, as an import is: segments a search
                # reads quickly, and no sort of the whole pack's postings at the end
                batch = 0
                rows = _chunked(self._index_rows(), CHUNK)
                for chunk, analysed in chunks_with_analysis(rows, helper=total >= MIN_PAGES):
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    for n, row in enumerate(chunk):
                        doc = _document(row)
                        if analysed is not None:
                            doc["content"] = analysed[n]
                        writer.add_document(**doc)
                    done += len(chunk)
                    batch += len(chunk)
                    progress(done, total, "indexing pages")
                    if batch >= BATCH_PAGES:
                        writer.commit(merge=False)
                        writer, batch = open_writer(ix), 0
                progress(done, total, "writing the index")
                writer.commit(merge=False)
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

    @contextmanager
    def batched(self) -> Iterator[None]:
        """Within this block, staged sources share one writer, committed every BATCH_PAGES
        pages and at the end (also when the block ends in an error or a cancel: what SQLite
        holds by then is committed). An import runs inside one."""
        with self._lock:
            if self._batch is not None:
                yield
                return
            self._batch = _Batch(self)
        try:
            yield
        finally:
            with self._lock:
                batch, self._batch = self._batch, None
                batch.commit()

    def stage_source(self, fields: dict[str, Any], *, replace: bool = False) -> IndexStaging:
        """Start indexing a source whose SQLite rows are not committed yet.

        Import feeds pages in while the worker is still parsing the rest of the file, so
        parsing and indexing overlap; `finish` publishes them after the SQLite commit.
        """
        with self._lock:
            if self._batch is not None and not replace:
                return IndexStaging(self, fields, batch=self._batch)
            if self._batch is not None:
                self._batch.commit()  # a replacement sees every page staged before it
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
        snippets: bool | int = True,
    ) -> SearchResults:
        """The best `limit` pages and the exact number of matching pages. Snippets are built
        for the first `snippets` hits (all when True, none when False): a list that shows
        50 hits at a time asks for the rest with `snippets_for` as it scrolls."""
        self._last_search = time.monotonic()
        with self._lock:
            self.ensure_current()
            searcher = self._current_searcher()
            q = expand_fuzzy(parse_query(self._query_parser(), text), searcher.reader())
            flt = _filter(source_ids, kinds)
            try:
                allowed = set(searcher.docs_for_query(flt)) if flt is not None else None
                collected = collect_best(searcher, q, max(0, limit), allowed,
                                         self._postings_cache)
                stems = highlight_stems(q, searcher.reader()) if snippets else HighlightTerms()
            except Exception as exc:  # malformed ranges etc. surface only at search time
                raise SearchSyntaxError(f"cannot run the query {text!r}: {exc}") from exc
            stored = []
            for docnum, score in collected.best:
                fields = searcher.stored_fields(docnum)
                stored.append((int(fields["sid"]), int(fields["page"]), score))
            total = collected.total
            with_snippets = len(stored) if snippets is True else int(snippets)
            results = SearchResults(total, self._hits(stored, stems, with_snippets))
            self._last_search = time.monotonic()
            return results

    def snippets_for(self, text: str, hits: Sequence[SearchHit]) -> list[SearchHit]:
        """The same hits with their snippets, for a search made with fewer snippets."""
        self._last_search = time.monotonic()
        with self._lock:
            self.ensure_current()
            searcher = self._current_searcher()
            try:
                q = expand_fuzzy(parse_query(self._query_parser(), text), searcher.reader())
                stems = highlight_stems(q, searcher.reader())
            except SearchSyntaxError:
                raise
            except Exception as exc:
                raise SearchSyntaxError(f"cannot run the query {text!r}: {exc}") from exc
            with self.store.read() as db:
                rows = source_sql.hit_rows(db, [(h.source_id, h.page) for h in hits])
            out = []
            for hit in hits:
                page_text = rows.get((hit.source_id, hit.page), ("", None, "", ""))[2]
                snippet, spans = self._snippet(page_text, stems)
                out.append(replace(hit, snippet=snippet, highlights=spans))
            return out

    def _hits(
        self, stored: list[tuple[int, int, float]], stems: HighlightTerms, with_snippets: int
    ) -> list[SearchHit]:
        keys = [(sid, page) for sid, page, _ in stored]
        with self.store.read() as db:
            rows = source_sql.hit_rows(db, keys[:with_snippets])
            if len(keys) > with_snippets:  # titles and labels only: no page text read
                rows.update(source_sql.hit_rows(db, keys[with_snippets:], with_text=False))
        hits = []
        for n, (sid, page, score) in enumerate(stored):
            title, label, text, kind = rows.get((sid, page), ("", None, "", ""))
            snippet, spans = self._snippet(text, stems) if n < with_snippets else ("", ())
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
        """Merge the small segments (after an import), so searches read few of them."""
        with self._lock:
            if self._batch is not None:
                self._batch.commit()
            if not self.is_current():
                return
            segments = self._index()._segments()
            if small_segment_count(segments) <= _MAX_SMALL_SEGMENTS:
                return
            writer = open_writer(self._index(), timeout=60.0)
            writer.commit(mergetype=merge_all_but_dominant)

    def document_frequencies(self, stems: Sequence[str]) -> dict[str, int]:
        """How many pages hold each (stemmed) content term."""
        with self._lock:
            self.ensure_current()
            reader = self._current_searcher().reader()
            return {s: reader.doc_frequency("content", s) for s in stems}

    # ---- warming up ----------------------------------------------------------------

    def start_warm_up(self, delay_s: float = 1.0) -> None:
        """Read the pack's commonest words into the search cache on a thread of its own,
        after `delay_s` (see warm_up.py); nothing to do when the index needs rebuilding."""
        with self._lock:
            if self._warm_up is not None and self._warm_up.running:
                return
            if not self.is_current():
                return
            self._warm_up = BackgroundWarmUp(self._warm_locked(self._generation),
                                             self._postings_cache, delay_s,
                                             lambda: self._last_search)
            self._warm_up.start()

    def stop_warm_up(self) -> None:
        warm, self._warm_up = self._warm_up, None
        if warm is not None:
            warm.stop()

    def warm_up(self) -> WarmUpReport:
        """The same warm-up, run to its end on this thread (benchmarks, tests)."""
        with self._lock:
            if not self.is_current():
                return WarmUpReport(0, 0, 0.0, True)
            generation = self._generation
        return warm_up(self._warm_locked(generation), self._postings_cache, lambda: False)

    def _warm_locked(self, generation: int) -> Callable[[], AbstractContextManager[Any]]:
        """A step's hold on the index: its searcher under the lock, or None once the index
        was rebuilt or closed, or while an import writes to it."""

        @contextmanager
        def locked() -> Iterator[Any]:
            with self._lock:
                if (self._generation != generation or self._ix is None
                        or self._batch is not None):
                    yield None
                    return
                if self._searcher is None:
                    self._current_searcher()
                yield self._searcher

        return locked

    # ---- internals -----------------------------------------------------------------

    def _index(self) -> whoosh_index.Index:
        if self._ix is None:
            self._ix = whoosh_index.open_dir(str(self.folder))
            self._parser = None
        return self._ix

    def _query_parser(self) -> Any:
        # made at the first search: its date plugin takes a tenth of a second, which an
        # import (checking the index is current) has no use for
        if self._parser is None:
            self._parser = make_parser(self._index().schema)
        return self._parser

    def _current_searcher(self) -> Any:
        if self._searcher is None:
            self._searcher = self._index().searcher(weighting=CachedLengthBM25F())
        else:
            self._searcher = self._searcher.refresh()
        return self._searcher

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
    """Pages of one source added to an uncommitted Whoosh writer (see stage_source): a
    writer of its own, or the import's shared batch writer."""

    def __init__(self, index: SearchIndex, fields: dict[str, Any], *, replace: bool = False,
                 batch: _Batch | None = None) -> None:
        self._index = index
        self.fields = dict(fields)
        self._batch = batch
        self._generation = index._generation
        self._writer: Any = None
        self._first = self._end = 0  # this source's documents in the batch writer
        # (docnum, page number, label) of each page added, in order: for relabel
        self._added: list[tuple[int, int, str | None]] = []
        if batch is None:
            self._writer = open_writer(index._index(), timeout=60.0)
            if replace:
                self._writer.delete_by_term("sid", str(fields["source_id"]))

    def add_pages(self, pages: Iterable[dict[str, Any]],
                  analysed: Sequence[AnalysedText] | None = None) -> None:
        """Add pages; `analysed` holds each page's content as the parser worker analysed it
        (the same terms this process would compute, computed on the other core)."""
        writer = self._writer if self._batch is None else self._batch.writer()
        if self._batch is not None and self._end == self._first:
            self._first = self._end = writer.docnum
        for n, page in enumerate(pages):
            doc = _document({**self.fields, **page})
            if analysed is not None:
                doc["content"] = analysed[n]
            self._added.append((writer.docnum, doc["page"], doc.get("label")))
            writer.add_document(**doc)
        if self._batch is not None:
            self._end = writer.docnum

    def relabel(self, pages: Sequence[dict[str, Any]]) -> None:
        """The pages added get the labels settled only once the whole file was read (the
        page numbers printed on it), so that `label:` finds what a rebuild would index."""
        writer = self._writer if self._batch is None else self._batch._writer
        if writer is None or not self._added:
            return
        label_of = {int(p["number"]): label_value(p.get("label")) for p in pages}
        docs = [(docnum, old, label_of.get(number)) for docnum, number, old in self._added]
        if all(old == new for _, old, new in docs):
            return
        if writer.replace_terms("label", docs):
            self._added = [(docnum, number, label_of.get(number))
                           for docnum, number, _ in self._added]
            return
        # their postings have left memory: the pages go in again, the first copies deleted
        added = {number for _, number, _ in self._added}
        for docnum, _, _ in self._added:
            writer.newsegment.delete_document(docnum)
        self._added = []
        if self._batch is not None:
            self._first = self._end = writer.docnum
        self.add_pages([p for p in pages if int(p["number"]) in added])

    def write_ahead(self) -> bool:
        """A few milliseconds of the segment write done now, while the import waits for
        the parser's next pages, rather than after its last (ImportWriter.encode_some);
        False when there is nothing to do until more pages are added."""
        writer = self._writer if self._batch is None else self._batch._writer
        if writer is None or self._generation != self._index._generation:
            return False
        return bool(writer.encode_some(_AHEAD_S))

    def finish(self, version: int) -> None:
        """Commit after the SQLite commit that made content_version `version`.

        The index is stamped current only if it was current just before that commit; if it
        was rebuilt meanwhile the staged pages are dropped and the next search rebuilds.
        """
        if self._batch is not None:
            self._batch.finished(version, self._end - self._first)
            self._batch = None
            return
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
            self._writer.commit(mergetype=merge_small_tiers)
            self._writer = None
            if was_current:
                _write_state(index.folder, version)
            if index._batch is not None:  # a replacement inside an import's batch
                index._batch.resync(version if was_current else None)

    def cancel(self) -> None:
        if self._batch is not None:
            self._batch.drop(self._first, self._end)
            self._batch = None
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None


class _Batch:
    """One writer shared by the sources of an import, committed every BATCH_PAGES pages.

    While it is open, state.json says which source ids it covers, so an import that dies
    before its commit costs re-indexing those sources, not the whole pack (_catch_up).
    """

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._writer: Any = None
        self._generation = index._generation
        self._pages = 0
        state = index._read_state() or {}
        current = (state.get("schema") == SCHEMA_VERSION
                   and state.get("content_version") == index.store.content_version())
        # the content version the index stands for once committed; None: it went stale
        self._version: int | None = int(state["content_version"]) if current else None
        self._stamped = self._version
        self._first_sid = self._next_sid()

    def _next_sid(self) -> int:
        with self._index.store.read() as db:
            return source_sql.next_source_id(db)

    def writer(self) -> Any:
        if self._writer is None:
            index = self._index
            self._generation = index._generation
            if self._stamped is not None:
                # every source from this id on is in no committed segment yet
                _write_state(index.folder, self._stamped, batch={"from_sid": self._first_sid})
            self._writer = open_writer(index._index(), timeout=60.0)
            self._pages = 0
        return self._writer

    def resync(self, version: int | None) -> None:
        """The index was stamped `version` (None: left stale) outside this batch, by a
        replacement committed between two of its sources."""
        self._version = self._stamped = version
        self._first_sid = self._next_sid()

    def finished(self, version: int, pages: int) -> None:
        """A source's SQLite commit made `version`; its pages are in the writer."""
        if self._version is not None and version == self._version + 1:
            self._version = version
        else:
            self._version = None  # something else changed the pack: the index is stale
        self._pages += pages
        if self._pages >= BATCH_PAGES:
            self.commit()

    def drop(self, first: int, end: int) -> None:
        """Documents of a source that was not stored: marked deleted in the new segment."""
        if self._writer is not None:
            for docnum in range(first, end):
                self._writer.newsegment.delete_document(docnum)

    def commit(self) -> None:
        writer, self._writer = self._writer, None
        if writer is None:
            return
        index = self._index
        if self._generation != index._generation:
            writer.cancel()
            return
        writer.commit(mergetype=merge_small_tiers)
        if self._version is not None:
            _write_state(index.folder, self._version)
        self._stamped = self._version
        self._first_sid = self._next_sid()


def _chunked(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _document(row: dict[str, Any]) -> dict[str, Any]:
    sid = str(row["source_id"])
    content = page_content(row.get("heading"), row["text"])
    doc: dict[str, Any] = {
        "docid": f"{sid}:{row['number']}",
        "sid": sid,
        "page": int(row["number"]),
        "content": content,
        "title": row.get("title") or "",
        "source": " ".join(x for x in (sid, row.get("file_name"), row.get("publisher")) if x),
        "kind": row.get("kind") or "",
    }
    label = label_value(row.get("label"))
    if label:
        doc["label"] = label
    published = _published_datetime(row.get("published"))
    if published is not None:
        doc["published"] = published
    return doc


def label_value(label: Any) -> str | None:
    """What the label field indexes for a page's label: the label, and for a page number
    inferred from the run ("[7]", printed on no page) the number too, so `label:7` finds it."""
    if not label:
        return None
    text = str(label)
    if text.startswith("[") and text.endswith("]") and text[1:-1].strip():
        return f"{text} {text[1:-1].strip()}"
    return text


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


def _write_state(folder: Path, content_version: int,
                 batch: dict[str, int] | None = None) -> None:
    tmp = folder / (_STATE + ".tmp")
    state: dict[str, Any] = {"schema": SCHEMA_VERSION, "content_version": content_version}
    if batch is not None:
        state["batch"] = batch
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, folder / _STATE)
