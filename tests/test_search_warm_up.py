"""The search warm-up after a pack opens: it reads the commonest words into the cache,
changes no result, yields to searches, and stops for a rebuild and when the pack closes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from evidence_pack.core.pack import Pack
from evidence_pack.core.search import index as index_module
from evidence_pack.core.search import merge_policy, warm_up
from evidence_pack.core.search.block_scoring import PostingsCache
from tests.helpers import TextParser, write

QUERIES = ["council", '"the budget report"', "budget AND council", "council OR scanner",
           "title:minutes", "scanner", '"report of the"', "budget NOT scanner"]


def _papers(folder: Path, count: int, pages: int) -> list[Path]:
    words = ["the budget report of the council", "the council minutes", "a scanner contract",
             "the report of the director", "council budget for the year"]
    return [write(folder, f"minutes-{n:02}.txt",
                  "\f".join(f"{words[(n + p) % 5]} and {words[(n * p) % 5]} page {p}"
                            for p in range(pages)))
            for n in range(count)]


@pytest.fixture
def segmented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pack of 240 pages in three segments, with words on most pages."""
    monkeypatch.setattr(index_module, "BATCH_PAGES", 80)
    monkeypatch.setattr(merge_policy, "FACTOR", 100)  # keep the segments apart
    folder = tmp_path / "big.evpack"
    pack = Pack.create(folder, title="Minutes")
    try:
        pack.add(_papers(tmp_path / "in", 6, 40), parser=TextParser())
        assert len(pack.index._index()._segments()) == 3
    finally:
        pack.close()
    return folder


def _results(pack: Pack) -> list[tuple[int, list[tuple[int, int, float]]]]:
    out = []
    for q in QUERIES:
        r = pack.search(q, limit=50, snippets=False)
        out.append((r.total, [(h.source_id, h.page, h.score) for h in r.hits]))
    return out


def test_warm_up_reads_the_commonest_words_and_changes_no_result(
        segmented: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PostingsCache, "MIN_POSTINGS", 8)  # the fixture's segments are small
    pack = Pack.open(segmented)
    try:
        cold = _results(pack)
    finally:
        pack.close()
    pack = Pack.open(segmented)
    try:
        report = pack.index.warm_up()
        assert report.words >= 5 and not report.stopped
        cache = pack.index._postings_cache
        segments = [s.segment_id() for s in pack.index._index()._segments()]
        for segid in segments:  # the commonest word is held on every segment, with positions
            assert cache.get((segid, "content", b"the")) is not None
            assert cache.positions((segid, "content", b"the")) is not None
        assert _results(pack) == cold
    finally:
        pack.close()


def test_nothing_is_warmed_on_a_small_pack(segmented: Path) -> None:
    pack = Pack.open(segmented)  # 80-page segments: below what the cache keeps
    try:
        report = pack.index.warm_up()
        assert report.words == 0 and report.steps == 0
        assert pack.index._postings_cache.held == 0
    finally:
        pack.close()


def _warm_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "evidence-pack-search-warm-up"]


def test_background_warm_up_yields_to_searches_and_stops_when_the_pack_closes(
        segmented: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PostingsCache, "MIN_POSTINGS", 8)
    monkeypatch.setattr(warm_up, "_PAUSE_S", 0.2)  # a long warm-up, still running at close
    pack = Pack.open(segmented)
    expected = _results(pack)
    pack.close()
    pack = Pack.open(segmented)
    pack.start_search_warm_up(delay_s=0)
    time.sleep(0.3)
    assert _warm_threads()
    started = time.perf_counter()
    assert _results(pack) == expected  # searches run between its steps
    assert time.perf_counter() - started < 5
    started = time.perf_counter()
    pack.close()
    assert time.perf_counter() - started < 3
    assert not _warm_threads()


def test_a_rebuild_stops_the_warm_up(segmented: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PostingsCache, "MIN_POSTINGS", 8)
    monkeypatch.setattr(warm_up, "_PAUSE_S", 0.2)
    pack = Pack.open(segmented)
    try:
        pack.start_search_warm_up(delay_s=0)
        time.sleep(0.3)
        background = pack.index._warm_up
        assert background is not None and background.running
        pack.reindex()
        deadline = time.monotonic() + 3
        while background.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not background.running
        assert background.report is not None and background.report.stopped
        assert pack.search("council").total > 0
    finally:
        pack.close()
