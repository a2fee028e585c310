"""Opening Whoosh writers tuned for importing whole documents at once.

Posting blocks are written uncompressed: zlib was about a sixth of the time to commit a
300-page board pack, and the index is a rebuildable cache, so trading disk (about twice
the size, roughly 4 MB per 300 dense pages) for import speed is the right way round.

When a segment is written, Whoosh looks up each posting's document length through the
per-document reader: a seek and a read from disk per posting, about 170,000 of them for a
300-page board pack and over a third of commit time. The lengths of a fresh segment are
few (one per page and field), so they are read once into memory and served from there.
"""

from __future__ import annotations

import heapq
from array import array
from itertools import groupby
from operator import itemgetter
from typing import Any

from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import Index

# Postings held in memory (by Whoosh's estimate) before a sorted run spills to disk: about
# 2,500 dense pages, and what bounds the app's memory while it imports (an import's batch
# writer holds up to index.BATCH_PAGES pages).
_POOL_MB = 128


def open_writer(ix: Index, *, timeout: float = 0.0) -> Any:
    writer = ix.writer(limitmb=_POOL_MB, timeout=timeout, codec=W3Codec(compression=0))
    read_per_document = writer.per_document_reader

    def cached_per_document_reader() -> Any:
        return _CachedLengths(read_per_document())

    # instance attribute: only this writer's segment flush sees the cache
    writer.per_document_reader = cached_per_document_reader
    # Segments stay as separate files. Whoosh opens a compound segment by copying each of
    # its parts out of a memory map: the whole index twice in memory (2 GB for 100,000
    # pages, against none for separate files, which searches read as fast).
    writer.compound = False
    writer.pool.add = _quick_add(writer.pool)
    writer.pool.items = _sorted_items(writer.pool)
    fieldwriter = writer.fieldwriter
    fieldwriter.add_postings = lambda schema, lengths, items: _add_postings(
        fieldwriter, schema, lengths, items)
    return writer


_TERM = itemgetter(0, 1)
# postings sorted by one call (a few milliseconds each) before the sorted chunks are merged
_SORT_CHUNK = 16_384


def _sorted_items(pool: Any) -> Any:
    """The pool's postings in (field, term, docnum) order. Postings arrive in docnum order
    for each term (documents are added, and segments merged, in order), so a stable sort
    on (field, term) alone gives the same order as Whoosh's sort of whole tuples, and
    compares two items instead of five (a third of the time to write a segment)."""
    whoosh_items = pool.items

    def items(maxfiles: int = 128) -> Any:
        if pool.runs:  # spilled to disk: Whoosh merges its sorted runs
            return whoosh_items(maxfiles)
        current = pool.current
        if len(current) <= _SORT_CHUNK:
            return sorted(current, key=_TERM)
        # One sort of a whole batch is one C call that holds the GIL throughout (over
        # 100 ms for a 300-page file, which the window felt as a stall while it imported);
        # sorted chunks merged by a generator hand the GIL over between items. Ties keep
        # the chunks' order, so postings stay in docnum order within a term.
        chunks = [sorted(current[i:i + _SORT_CHUNK], key=_TERM)
                  for i in range(0, len(current), _SORT_CHUNK)]
        return heapq.merge(*chunks, key=_TERM)

    return items


def _add_postings(fieldwriter: Any, schema: Any, lengths: Any, items: Any) -> None:
    """Whoosh's FieldWriter.add_postings for the W3 codec, a posting list at a time.

    Whoosh hands each posting through four method calls, with type checks and running
    block statistics, which made writing a segment as slow as analysing its text. Here each
    block of a term's postings is filled in one go (its ids, weights, values and length
    statistics, as add_posting would have left them) and written by the codec's own
    _write_block, so the bytes on disk are the same (a test compares them).
    """
    field_lengths = getattr(lengths, "field_lengths", None)
    for (fieldname, btext), group in groupby(items, key=_TERM):
        if fieldname != fieldwriter._fieldname or not fieldwriter._infield:
            if fieldwriter._infield:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            if field_lengths is not None:
                doc_lengths = field_lengths(fieldname)
                length_of = doc_lengths.__getitem__
            else:
                length_of = _lengths_of(lengths, fieldname)
        fieldwriter.start_term(btext)
        postings = fieldwriter._postwriter
        block = postings._blocklimit
        posts = list(group)
        last = len(posts) - ((len(posts) - 1) % block) - 1  # first posting of the last block
        for start in range(0, len(posts), block):
            chunk = posts[start:start + block]
            docnums = [p[2] for p in chunk]
            weights = [p[3] for p in chunk]
            doc_lengths_here = [length_of(d) for d in docnums]
            postings._ids = array("I", docnums)
            postings._weights = array("f", weights)
            postings._values = [p[4] for p in chunk if p[4]]
            postings._maxweight = max(0, max(weights))
            postings._maxlength = max(0, max(doc_lengths_here))
            postings._minlength = min((n for n in doc_lengths_here if n), default=None)
            if start != last:  # the last block is written, marked last, by finish_term
                postings._write_block()
        fieldwriter.finish_term()
    if fieldwriter._infield:
        fieldwriter.finish_field()


def _lengths_of(lengths: Any, fieldname: str) -> Any:
    if not lengths:
        return lambda docnum: 0
    return lambda docnum: lengths.doc_field_length(docnum, fieldname)


def _quick_add(pool: Any) -> Any:
    """PostingPool.add without its per-posting type asserts and nine-term size sum (a fifth
    of the time to add a page's postings). Every posting it gets comes from our fields, as
    (fieldname, term bytes, docnum, weight, value bytes); its size estimate is the same."""
    fieldnames = pool.fieldnames

    def add(item: tuple[Any, ...]) -> None:
        fieldnames.add(item[0])
        pool.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if pool.currentsize > pool.limit:
            pool.save()
        pool.current.append(item)

    return add


class _CachedLengths:
    """Wraps a per-document reader, answering doc_field_length from memory."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._lengths: dict[str, list[int]] = {}

    def field_lengths(self, fieldname: str) -> list[int]:
        """Every document's length in `fieldname`, by document number."""
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            count = self._reader.doc_count_all()
            lengths = [self._reader.doc_field_length(n, fieldname, 0) for n in range(count)]
            self._lengths[fieldname] = lengths
        return lengths

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.field_lengths(fieldname)
        if 0 <= docnum < len(lengths):
            return lengths[docnum]
        return self._reader.doc_field_length(docnum, fieldname, default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)
