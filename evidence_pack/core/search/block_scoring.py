"""The exact number of matching pages and the best N, scored a posting block at a time.

Whoosh walks a query's matchers one posting at a time: for every matching page a chain of
method calls finds the next id, scores it and offers it to the collector. On 100,000 pages a
common word is on most of them, and that walk was most of a search (p50 218 ms, p95 588 ms).
Here a term's postings are read a block at a time as stored (ids and weights) and scored in
one comprehension, and boolean queries combine pages' scores as dicts:

- a term scores exactly as Whoosh's BM25F does (same expression, same lengths), so a
  one-term query ranks identically; boolean combinations add the same scores, possibly in
  another order of addition (the last bit of a float);
- AND starts from its rarest part and reads the others only in the blocks that can hold
  one of the pages still in play (a block's header gives its last id), so "scanner AND
  budget" does not decode "budget" on 88,000 pages;
- a NOT inside an AND adds 1.0 per page, as Whoosh's inverse matcher does;
- prefixes and wildcards are an OR of the segment's matching terms, each scored by BM25F
  (more matching words rank higher), counted exactly as Whoosh counts them;
- number and date ranges are the OR of the trie terms Whoosh compiles them to, every page
  scoring the range's boost, as in Whoosh;
- an exact phrase takes its two rarest words' pages (and their scores, as ExactPhrase
  scores), then reads each word's positions only for the pages left in play;
- anything else (phrases with a slop, ranges, dates) runs through its own Whoosh matcher
  for its part of the query only, and joins the rest as a dict.

Pages marked deleted in a segment and pages outside the filter never count.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add
from typing import Any

from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import SegmentReader, TermNotFound

from evidence_pack.core.search.phrases import ExactPhrase
from evidence_pack.core.search.positions import PAGE_SHIFT, PagePositions
from evidence_pack.core.search.scoring import field_lengths

Scores = dict[int, float]

# Whoosh's inverse matcher (a NOT inside an AND) scores every page it passes 1.0.
_NOT_WEIGHT = 1.0
_NORMS = "_evidence_pack_bm25_norms"
# multi-term queries read as an OR of the segment's matching terms
_EXPANDED = (query.Prefix, query.Wildcard, query.TermRange)


@dataclass(frozen=True)
class Collected:
    total: int
    # (index document number, score), best first; equal scores in document order
    best: list[tuple[int, float]]


class PostingsCache:
    """Long posting lists already decoded (ids and weights), kept between searches:
    unpickling a term's blocks is most of the cost of a common word on a big pack, and a
    user's searches (and the checks' searches for each claim) keep coming back to the same
    words. Bounded by postings held, least recently used first out; segments never change
    their postings, so entries are keyed by segment id. Words' positions (for phrases) are
    kept too, under a bound of their own.

    A term's BM25F scores are kept with its postings too, under the statistics they were
    computed from (its idf and the field's average length, both of which move as the pack
    grows): a page's score depends on nothing else, and a dict made from the stored
    scores costs an eighth of scoring 80,000 pages again."""

    # a segment's term on fewer pages is read in a few blocks, faster than kept
    MIN_POSTINGS = 256

    def __init__(self, max_postings: int = 4_000_000,
                 max_position_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_postings = max_postings
        self.held = 0
        self._entries: OrderedDict[tuple[str, str, bytes], _Cached] = OrderedDict()
        # Words' positions (for phrases), by page, under their own bound: a word on every
        # page of a 100,000-page pack holds about 5 MB of them.
        self.max_position_bytes = max_position_bytes
        self.position_bytes = 0
        # each with the size it was accounted at (its keys may be made after it is kept)
        self._positions: OrderedDict[tuple[str, str, bytes],
                                     tuple[PagePositions, int]] = OrderedDict()

    def positions(self, key: tuple[str, str, bytes]) -> PagePositions | None:
        entry = self._positions.get(key)
        if entry is None:
            return None
        self._positions.move_to_end(key)
        return entry[0]

    def keep_positions(self, key: tuple[str, str, bytes], positions: PagePositions) -> None:
        """Keep a word's positions, or account for them again once they have grown keys."""
        old = self._positions.pop(key, None)
        if old is not None:
            self.position_bytes -= old[1]
        size = positions.size
        if size > self.max_position_bytes // 4:
            return
        self._positions[key] = (positions, size)
        self.position_bytes += size
        while self.position_bytes > self.max_position_bytes:
            _oldest, (_positions, oldest_size) = self._positions.popitem(last=False)
            self.position_bytes -= oldest_size

    def get(self, key: tuple[str, str, bytes]) -> tuple[array[int], array[float]] | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry.ids, entry.weights

    def put(self, key: tuple[str, str, bytes], ids: Sequence[int],
            weights: Sequence[float]) -> None:
        if len(ids) < self.MIN_POSTINGS or len(ids) > self.max_postings // 4:
            return
        self._entries[key] = _Cached(array("I", ids), array("f", weights))
        self.held += len(ids)
        while self.held > self.max_postings:
            _key, old = self._entries.popitem(last=False)
            self.held -= len(old.ids)

    def scores(self, key: tuple[str, str, bytes], statistics: tuple[float, ...]
               ) -> Scores | None:
        entry = self._entries.get(key)
        if entry is None or entry.statistics != statistics or entry.scores is None:
            return None
        self._entries.move_to_end(key)
        return dict(zip(entry.ids, entry.scores, strict=True))

    def keep_scores(self, key: tuple[str, str, bytes], statistics: tuple[float, ...],
                    scores: Scores) -> None:
        """Keep a term's scores (in the order of its cached ids) if its postings are kept."""
        entry = self._entries.get(key)
        if entry is not None and len(scores) == len(entry.ids):
            entry.statistics = statistics
            entry.scores = array("d", scores.values())


@dataclass
class _Cached:
    ids: array[int]
    weights: array[float]
    statistics: tuple[float, ...] = ()
    scores: array[float] | None = None


def collect_best(searcher: Any, q: query.Query, limit: int,
                 allowed: set[int] | None = None,
                 cache: PostingsCache | None = None) -> Collected:
    """Every page matching `q` (and in `allowed`, global document numbers, when given),
    counted, and the `limit` best by score."""
    total = 0
    candidates: list[tuple[int, float]] = []
    for subsearcher, offset in searcher.leaf_searchers():
        leaf = _Leaf(searcher, subsearcher, cache)
        scores = leaf.evaluate(q, None)
        if not scores:
            continue
        deleted = leaf.deleted()
        if deleted:
            for docnum in deleted.intersection(scores):
                del scores[docnum]
        if allowed is not None:
            scores = {d: s for d, s in scores.items() if d + offset in allowed}
        total += len(scores)
        if limit > 0:
            candidates.extend((d + offset, s) for d, s in _best(scores, limit))
    candidates.sort(key=lambda item: (-item[1], item[0]))
    return Collected(total, candidates[:limit])


def warm_term(searcher: Any, subsearcher: Any, cache: PostingsCache, fieldname: str,
              btext: bytes, *, positions: bool = True) -> None:
    """Read a word's postings on one segment into `cache` with its scores (and, when asked
    and the field keeps them, its positions), as its first search would."""
    leaf = _Leaf(searcher, subsearcher, cache)
    reader = leaf.reader
    if (not isinstance(reader, SegmentReader) or fieldname not in leaf.schema
            or (fieldname, btext) not in reader
            or reader.doc_frequency(fieldname, btext) < cache.MIN_POSTINGS):
        return
    field_format = leaf.schema[fieldname].format
    if positions and field_format and field_format.supports("positions"):
        leaf._read_whole(fieldname, btext)  # ids and weights too, in the same pass
    leaf._term_bytes(fieldname, btext, 1.0, None)


class _Leaf:
    """One index segment, with the whole index's statistics for scoring."""

    def __init__(self, top: Any, searcher: Any, cache: PostingsCache | None = None) -> None:
        self.top = top
        self.cache = cache
        self.searcher = searcher
        self.reader = searcher.reader()
        self.schema = searcher.schema
        self.weighting = top.weighting

    def deleted(self) -> frozenset[int]:
        if not self.reader.has_deletions():
            return frozenset()
        perdoc = getattr(self.reader, "_perdoc", None)
        if perdoc is not None:
            return frozenset(perdoc.deleted_docs())
        return frozenset(d for d in range(self.reader.doc_count_all())
                         if self.reader.is_deleted(d))

    # ---- the query tree ---------------------------------------------------------------

    def evaluate(self, q: Any, within: set[int] | None) -> Scores:
        """Matching pages (segment document numbers) and their scores; when `within` is
        given, pages outside it may be left out (an AND's other parts already exclude
        them)."""
        kind = type(q)
        if kind is query.Term:
            return self._term(q.fieldname, q.text, q.boost, within)
        if kind is query.And:
            return self._and(q, within)
        if isinstance(q, query.Or) and not q.scale and not q.minmatch:
            if any(isinstance(s, query.Not) for s in q.subqueries):
                return self._whoosh(q, within)
            return self._or([(s, 1.0) for s in q.subqueries], q.boost, within)
        if kind is query.AndNot:
            scores = self.evaluate(q.a, within)
            if scores:
                for docnum in self._pages(q.b, set(scores)):
                    scores.pop(docnum, None)
            return _boosted(scores, q.boost)
        if isinstance(q, query.NumericRange):  # page:[10 TO 20], published:[2014 TO 2015]
            return self.evaluate(q._compile_query(self.reader), within)
        if kind is query.ConstantScoreQuery:
            return dict.fromkeys(self.evaluate(q.child, within), q.score)
        if kind in _EXPANDED and q.fieldname in self.schema:
            texts = list(q._btexts(self.reader))
            if len(texts) > query.Or.TOO_MANY_CLAUSES:
                return self._whoosh(q, within)
            terms = [(_TermBytes(q.fieldname, t), 1.0) for t in texts]
            return self._or(terms, q.boost, within)
        if kind is ExactPhrase and q.slop == 1 and len(q.words) >= 2:
            found = self._phrase(q, within)
            if found is not None:
                return found
            return self._whoosh(q, within)
        if kind is _TermBytes:
            return self._term_bytes(q.fieldname, q.btext, 1.0, within)
        return self._whoosh(q, within)

    def _and(self, q: query.And, within: set[int] | None) -> Scores:
        positive = [s for s in q.subqueries if not isinstance(s, query.Not)]
        negative = [s.query for s in q.subqueries if isinstance(s, query.Not)]
        if not positive:
            return self._whoosh(q, within)
        positive.sort(key=lambda s: s.estimate_size(self.reader))
        scores = self.evaluate(positive[0], within)
        for sub in positive[1:]:
            if not scores:
                return {}
            scores = _summed_both(scores, self.evaluate(sub, set(scores)))
        for sub in negative:
            if not scores:
                return {}
            for docnum in self._pages(sub, set(scores)):
                scores.pop(docnum, None)
        if negative:
            extra = _NOT_WEIGHT * len(negative)
            scores = {d: s + extra for d, s in scores.items()}
        return _boosted(scores, q.boost)

    def _or(self, subs: Sequence[tuple[Any, float]], boost: float,
            within: set[int] | None) -> Scores:
        scores: Scores = {}
        for sub, _ in subs:
            more = self.evaluate(sub, within)
            if not scores:
                scores = more
                continue
            scores = _summed_either(scores, more)
        return _boosted(scores, boost)

    def _pages(self, q: Any, within: set[int]) -> Sequence[int]:
        """The pages among `within` that match `q` (scores ignored)."""
        return [d for d in self.evaluate(q, within) if d in within]

    # ---- terms -----------------------------------------------------------------------

    def _term(self, fieldname: str, text: Any, boost: float, within: set[int] | None
              ) -> Scores:
        if fieldname not in self.schema:
            return {}
        if isinstance(text, bytes):  # a range's trie terms come encoded
            return self._term_bytes(fieldname, text, boost, within)
        try:
            btext = self.schema[fieldname].to_bytes(text)
        except ValueError:
            return {}
        return self._term_bytes(fieldname, btext, boost, within)

    def _term_bytes(self, fieldname: str, btext: bytes, boost: float,
                    within: set[int] | None) -> Scores:
        reader = self.reader
        if (fieldname, btext) not in reader:
            return {}
        field = self.schema[fieldname]
        if not field.scorable:
            postings = self._postings(fieldname, btext, within)
            if postings is None:
                return self._whoosh(query.Term(fieldname, btext, boost=boost), within)
            ids, weights = postings
            return _boosted(dict(zip(ids, map(float, weights), strict=True)), boost)
        normed = self._norms(fieldname)
        if normed is None:
            return self._whoosh(query.Term(fieldname, btext, boost=boost), within)
        norms, norms_key = normed
        idf = self.top.idf(fieldname, btext)
        statistics = (idf, *norms_key)
        key = (getattr(reader, "_segid", ""), fieldname, btext)
        if self.cache is not None:
            kept = self.cache.scores(key, statistics)
            if kept is not None:
                return _boosted(kept, boost)
        postings = self._postings(fieldname, btext, within)
        if postings is None:
            return self._whoosh(query.Term(fieldname, btext, boost=boost), within)
        ids, weights = postings
        k1_plus_1 = self.weighting.K1 + 1
        # BM25F exactly as whoosh.scoring.bm25 computes it, norms precomputed per page
        scores = {d: idf * ((w * k1_plus_1) / (w + norms[d]))
                  for d, w in zip(ids, weights, strict=True)}
        if self.cache is not None and isinstance(reader, SegmentReader):
            self.cache.keep_scores(key, statistics, scores)
        return _boosted(scores, boost)

    def _postings(self, fieldname: str, btext: bytes, within: set[int] | None
                  ) -> tuple[Sequence[int], Sequence[float]] | None:
        reader = self.reader
        if not isinstance(reader, SegmentReader):
            return None
        key = (reader._segid, fieldname, btext)
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        try:
            matcher = reader._terms.matcher(fieldname, btext, self.schema[fieldname].format)
        except TermNotFound:
            return [], []
        if not isinstance(matcher, W3LeafMatcher):  # postings inlined in the term info
            ids, weights = [], []
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                matcher.next()
            return ids, weights
        # skipping blocks pays only when the pages in play are sparse: with one or more a
        # block (128 postings) every block is read anyway, so read the term whole and keep it
        if within is not None and len(within) * 128 >= reader.doc_count_all():
            within = None
        ids, weights = [], []
        for block in _blocks(matcher, sorted(within) if within is not None else None):
            _read_ids(block)
            block._read_weights()
            ids.extend(block._ids)
            weights.extend(block._weights)
        if within is None and self.cache is not None:
            self.cache.put(key, ids, weights)
        return ids, weights

    def _phrase(self, q: ExactPhrase, within: set[int] | None) -> Scores | None:
        """Pages where the words stand next to each other, in order, scored as ExactPhrase
        scores them (its two rarest words' scores added); None when the field keeps no
        positions."""
        fieldname = q.fieldname
        try:
            field = self.schema[fieldname]
        except KeyError:
            return None
        if (not field.format or not field.format.supports("positions")
                or not isinstance(self.reader, SegmentReader)):
            return None
        words: list[bytes] = []
        for word in q.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return {}
            if (fieldname, btext) not in self.reader:
                return {}
            words.append(btext)
        frequency = [self.reader.doc_frequency(fieldname, w) for w in words]
        order = sorted(range(len(words)), key=frequency.__getitem__)
        first, then = order[0], order[1]
        if within is None:
            # words on many pages: their blocks read once for ids, weights and positions
            self._read_whole(fieldname, words[first])
            if frequency[first] * 128 >= self.reader.doc_count_all():
                self._read_whole(fieldname, words[then])
        firsts = self._kept_positions(fieldname, words[first])
        thens = self._kept_positions(fieldname, words[then])
        rarest: Scores | None = None
        if firsts is None or thens is None:
            # the pages holding both words bound the positions read
            rarest = self._term_bytes(fieldname, words[first], 1.0, within)
            if not rarest:
                return {}
            in_play = set(self._term_bytes(fieldname, words[then], 1.0, set(rarest)))
            in_play.intersection_update(rarest)
            if within is not None:
                in_play.intersection_update(within)
            if not in_play:
                return {}
            if firsts is None:
                firsts = self._positions(fieldname, words[first], in_play)
            if thens is None:
                thens = self._positions(fieldname, words[then], in_play)
        # The start (page and position of the phrase's first word) of every place the two
        # rarest words stand as the phrase has them: two sets of keys intersected in C.
        # The other words are looked up only there.
        # (Only the second word's keys are shifted, onto the first's; the few found are
        # shifted back to the phrase's start.)
        found_first = set(firsts.keys).intersection(map(add, thens.keys,
                                                        repeat(first - then)))
        starts = set(map(add, found_first, repeat(-first))) if first else found_first
        for i in order[2:]:
            if not starts:
                return {}
            word = self._positions(fieldname, words[i], {k >> PAGE_SHIFT for k in starts})
            starts = word.starts_followed(starts, i)
        found = {k >> PAGE_SHIFT for k in starts}
        if within is not None:
            found.intersection_update(within)
        if not found:
            return {}
        # scored as ExactPhrase scores: its two rarest words' scores added
        if rarest is None:
            rarest = self._term_bytes(fieldname, words[first], 1.0, found)
        second = self._term_bytes(fieldname, words[then], 1.0, found)
        return _boosted({d: rarest[d] + second[d] for d in found}, q.boost)

    def _kept_positions(self, fieldname: str, btext: bytes) -> PagePositions | None:
        """A word's positions on every page of the segment, if the cache holds them, with
        their keys made (and accounted for)."""
        reader = self.reader
        if self.cache is None or not isinstance(reader, SegmentReader):
            return None
        key = (reader._segid, fieldname, btext)
        kept = self.cache.positions(key)
        if kept is not None and not kept.has_keys:
            kept.keys  # noqa: B018 - made once, then kept with the positions
            self.cache.keep_positions(key, kept)
        return kept

    def _read_whole(self, fieldname: str, btext: bytes) -> None:
        """Read a word on many pages in one pass over its blocks into the cache: its ids and
        weights (for scores) and its positions (for the phrase), which would otherwise be
        unpickled twice."""
        cache, reader = self.cache, self.reader
        if cache is None or not isinstance(reader, SegmentReader):
            return
        key = (reader._segid, fieldname, btext)
        if cache.positions(key) is not None and cache.get(key) is not None:
            return
        if reader.doc_frequency(fieldname, btext) < cache.MIN_POSTINGS:
            return
        try:
            matcher = reader._terms.matcher(fieldname, btext, self.schema[fieldname].format)
        except TermNotFound:
            return
        if not isinstance(matcher, W3LeafMatcher):
            return
        ids: list[int] = []
        weights: list[float] = []
        values: list[bytes] = []
        for block in _blocks(matcher, None):
            _read_ids(block)
            block._read_weights()
            block._read_values()
            ids.extend(block._ids)
            weights.extend(block._weights)
            values.extend(block._values)
        if cache.get(key) is None:
            cache.put(key, ids, weights)
        cache.keep_positions(key, PagePositions(reader.doc_count_all(), ids, values))

    def _positions(self, fieldname: str, btext: bytes, wanted: set[int]) -> PagePositions:
        """A word's positions on the `wanted` pages (and perhaps on others)."""
        reader = self.reader
        if self.cache is not None and isinstance(reader, SegmentReader):
            key = (reader._segid, fieldname, btext)
            kept = self.cache.positions(key)
            if kept is None and len(wanted) * 128 >= reader.doc_count_all():
                self._read_whole(fieldname, btext)  # every block is read anyway
                kept = self.cache.positions(key)
            if kept is not None:
                return kept
        matcher = reader._terms.matcher(fieldname, btext, self.schema[fieldname].format)
        ids: list[int] = []
        values: list[bytes] = []
        if not isinstance(matcher, W3LeafMatcher):
            while matcher.is_active():
                if matcher.id() in wanted:
                    ids.append(matcher.id())
                    values.append(matcher.value())
                matcher.next()
        else:
            for block in _blocks(matcher, sorted(wanted)):
                _read_ids(block)
                block._read_values()
                for docnum, value in zip(block._ids, block._values, strict=True):
                    if docnum in wanted:
                        ids.append(docnum)
                        values.append(value)
        return PagePositions(reader.doc_count_all(), ids, values)

    def _norms(self, fieldname: str) -> tuple[list[float], tuple[float, float, float]] | None:
        """K1 * ((1 - B) + B * length / average length) for every page, the part of BM25F
        that depends on the page alone, kept with the segment reader's lengths; and the
        statistics they were computed from (average length, B, K1)."""
        lengths = field_lengths(self.reader, fieldname)
        perdoc = getattr(self.reader, "_perdoc", None)
        if lengths is None or perdoc is None:
            return None
        average = self.top.avg_field_length(fieldname) or 1
        weighting = self.weighting
        b = weighting._field_B.get(fieldname, weighting.B)
        k1 = weighting.K1
        cache = perdoc.__dict__.setdefault(_NORMS, {})
        key = (fieldname, average, b, k1)
        norms = cache.get(key)
        if norms is None:
            # this field's older average is stale once the index has grown; other
            # fields' norms stay (a query on title and content needs both every time)
            for stale in [k for k in cache if k[0] == fieldname]:
                del cache[stale]
            norms = [k1 * ((1 - b) + b * length / average) for length in lengths]
            cache[key] = norms
        return norms, (average, b, k1)

    # ---- everything else -------------------------------------------------------------

    def _whoosh(self, q: Any, within: set[int] | None) -> Scores:
        """A part of the query no faster path knows, through its own Whoosh matcher."""
        matcher = q.matcher(self.searcher, self.searcher.context(weighting=self.weighting))
        scores: Scores = {}
        while matcher.is_active():
            docnum = matcher.id()
            if within is None or docnum in within:
                scores[docnum] = matcher.score()
            matcher.next()
        return scores


class _TermBytes(query.Term):
    """A term already in its indexed form (a prefix's or wildcard's expansion)."""

    def __init__(self, fieldname: str, btext: bytes) -> None:
        super().__init__(fieldname, btext)
        self.btext = btext


def _best(scores: Scores, limit: int) -> list[tuple[int, float]]:
    """The `limit` best pages (in no order). The lowest score kept is found among the
    scores alone (no key function to call for each page), then one pass keeps the pages
    at or above it."""
    if len(scores) <= limit:
        return list(scores.items())
    floor = heapq.nlargest(limit, scores.values())[-1]
    kept = [(d, s) for d, s in scores.items() if s >= floor]
    if len(kept) == limit:
        return kept
    # pages tied with the last one kept compete on document order, as in Whoosh
    above = [(d, s) for d, s in kept if s > floor]
    tied = heapq.nsmallest(limit - len(above), (d for d, s in kept if s == floor))
    return above + [(d, floor) for d in tied]


def _blocks(matcher: W3LeafMatcher, wanted: list[int] | None) -> Iterator[W3LeafMatcher]:
    """The matcher at each of its posting blocks that can hold one of `wanted` (sorted
    ids; every block when None), judged from the block's header alone (its last id), so
    the blocks skipped are never unpickled."""
    first = 0  # the lowest id the current block can hold
    while True:
        last = matcher._maxid
        if wanted is None or _holds_any(wanted, first, last):
            yield matcher
        if matcher._lastblock:
            return
        first = last + 1
        matcher._goto(matcher._nextoffset)


def _read_ids(block: W3LeafMatcher) -> None:
    """The block's ids as Whoosh's _read_ids leaves them, the running sum of the stored
    deltas done in C (Whoosh sums in a generator, a sixth of reading a block)."""
    if block._data is None:
        block._read_data()
    ids = block._data[0]
    block._ids = ids if block._byteids else tuple(accumulate(ids))


def _holds_any(wanted: list[int], first: int, last: int) -> bool:
    i = bisect_left(wanted, first)
    return i < len(wanted) and wanted[i] <= last


# Two terms on most of a big pack's pages meet on 90,000 pages: merging their scores with
# set operations and maps runs in C, three times as fast as a loop over the pages. Float
# addition is commutative, so every score is what the loop gave.

def _summed_both(scores: Scores, more: Scores) -> Scores:
    """The pages in both, their scores added."""
    smaller, larger = (scores, more) if len(scores) <= len(more) else (more, scores)
    both = list(filter(larger.__contains__, smaller))  # no set of the pages made
    return dict(zip(both, map(add, map(scores.__getitem__, both),
                              map(more.__getitem__, both)), strict=True))


def _summed_either(scores: Scores, more: Scores) -> Scores:
    """The pages in either, the scores of pages in both added; may reuse either dict."""
    if len(more) > len(scores):
        scores, more = more, scores
    both = scores.keys() & more.keys()
    summed = list(map(add, map(scores.__getitem__, both), map(more.__getitem__, both)))
    scores.update(more)
    scores.update(zip(both, summed, strict=True))
    return scores


def _boosted(scores: Scores, boost: float) -> Scores:
    if boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}
