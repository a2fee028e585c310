"""Reading a big pack's most common words into the search cache while the window is idle.

On a 100,000-page pack the first search of a word on most pages decodes its postings (and,
for a phrase, its positions) on every page: "the committee in March" took 0.7 s the first
time and 0.13 s after. The words that cost most are few and known from the index alone:
the ones on most pages ("the", "of", "report", "council"). After a pack opens, they are
read into the PostingsCache one word and segment at a time, each step under the index's
lock, so a search the user starts waits for one step (a few milliseconds), never for the
whole warm-up. Small packs have nothing worth warming: a segment's word on fewer pages than
the cache keeps is read faster than kept.

What is read is bounded by a share of the cache, so the user's own words still fit; an
import, a rebuild or closing the pack stops the warm-up.
"""

from __future__ import annotations

import heapq
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from whoosh.reading import SegmentReader

from evidence_pack.core.search.block_scoring import PostingsCache, warm_term

log = logging.getLogger(__name__)

# Fields and how many of their commonest words are worth reading ahead: the text (with
# positions, for phrases) and the title every page of a source repeats.
_FIELDS = (("content", 48), ("title", 8))
# A word is common when it is on this share of the largest segment's pages.
_COMMON_SHARE = 0.05
# The warm-up fills at most these shares of the cache's bounds, leaving the rest to the
# words the user searches for. Positions (for phrases) are kept for the commonest words
# only: the ten commonest of a 100,000-page pack hold 33 MB of them.
_POSTINGS_SHARE = 0.5
_POSITIONS_SHARE = 0.25
# In the app, a pause after each step twice as long as the step: the warm-up takes at most
# a third of a core, and the window's thread (which needs the GIL to paint) is seldom
# queued behind it. It runs only while the user is not searching or scrolling through hits
# (nothing asked of the index for 3 s): with 1 s, the window's longest pauses while
# searching a 100,000-page pack grew from 106-118 ms to 114-144 ms.
_PAUSE_S = 0.01
_SEARCHING_S = 3.0


@dataclass(frozen=True)
class WarmUpReport:
    words: int  # (field, word) pairs read on every segment
    steps: int  # (word, segment) reads
    seconds: float
    stopped: bool  # ended early (closed, import, rebuild, or the cache's share was full)


def common_words(searcher: Any, cache: PostingsCache) -> list[tuple[str, bytes]]:
    """The (field, word) pairs worth reading ahead, commonest first: the words on at least
    a twentieth of the largest segment's pages, and on more than the cache's minimum."""
    leaves = [r for _sub, r in _segments(searcher) if isinstance(r, SegmentReader)]
    if not leaves:
        return []
    largest = max(leaves, key=lambda r: r.doc_count_all())
    floor = max(cache.MIN_POSTINGS, int(_COMMON_SHARE * largest.doc_count_all()))
    found: list[tuple[int, str, bytes]] = []
    for fieldname, most in _FIELDS:
        if fieldname not in largest.schema:
            continue
        pages_of = ((info.doc_frequency(), word)
                    for word, info in largest.iter_field(fieldname))
        top = heapq.nlargest(most, (p for p in pages_of if p[0] >= floor))
        found.extend((pages, fieldname, word) for pages, word in top)
    found.sort(key=lambda item: -item[0])
    return [(fieldname, word) for _pages, fieldname, word in found]


def warm_up(locked: Callable[[], AbstractContextManager[Any]], cache: PostingsCache,
            should_stop: Callable[[], bool],
            between_steps: Callable[[float], None] = lambda _step_s: None) -> WarmUpReport:
    """Read the pack's common words into `cache`. `locked()` is a context holding the
    index's lock that gives the current searcher (None when the index is gone or busy
    with an import); `between_steps` is given each step's seconds and may wait;
    `should_stop` is checked after it."""
    started = time.perf_counter()
    with locked() as searcher:
        if searcher is None:
            return WarmUpReport(0, 0, 0.0, True)
        words = common_words(searcher, cache)
    steps = done = 0
    for fieldname, word in words:
        for segment in _segment_ids(locked):
            if should_stop() or cache.held >= _POSTINGS_SHARE * cache.max_postings:
                return WarmUpReport(done, steps, time.perf_counter() - started, True)
            positions = cache.position_bytes < _POSITIONS_SHARE * cache.max_position_bytes
            step_started = time.perf_counter()
            with locked() as searcher:
                if searcher is None:
                    return WarmUpReport(done, steps, time.perf_counter() - started, True)
                for sub, reader in _segments(searcher):
                    if getattr(reader, "_segid", None) == segment:
                        warm_term(searcher, sub, cache, fieldname, word, positions=positions)
                        steps += 1
            between_steps(time.perf_counter() - step_started)
        done += 1
    return WarmUpReport(done, steps, time.perf_counter() - started, False)


def _segment_ids(locked: Callable[[], AbstractContextManager[Any]]) -> list[str]:
    with locked() as searcher:
        if searcher is None:
            return []
        return [getattr(reader, "_segid", "") for _sub, reader in _segments(searcher)]


def _segments(searcher: Any) -> Iterator[tuple[Any, Any]]:
    for sub, _offset in searcher.leaf_searchers():
        yield sub, sub.reader()


class BackgroundWarmUp:
    """The warm-up on a thread of its own, stopped by `stop()` (which waits for it)."""

    def __init__(self, locked: Callable[[], AbstractContextManager[Any]],
                 cache: PostingsCache, delay_s: float = 0.0,
                 last_search: Callable[[], float] = lambda: 0.0) -> None:
        self._locked = locked
        self._cache = cache
        self._delay_s = delay_s
        self._last_search = last_search  # time.monotonic() of the latest search
        self._stop = threading.Event()
        self.report: WarmUpReport | None = None
        self._thread = threading.Thread(target=self._run, name="evidence-pack-search-warm-up",
                                         daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _between_steps(self, step_s: float) -> None:
        if self._stop.wait(max(_PAUSE_S, 2 * step_s)):
            return
        while time.monotonic() - self._last_search() < _SEARCHING_S:
            if self._stop.wait(_SEARCHING_S / 4):
                return

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        if self._stop.wait(self._delay_s):
            return
        try:
            self.report = warm_up(self._locked, self._cache, self._stop.is_set,
                                  self._between_steps)
        except Exception:
            # only a cache: a search reads what it needs, so a failed warm-up is no error
            log.warning("the search warm-up stopped", exc_info=True)
            self.report = WarmUpReport(0, 0, 0.0, True)
