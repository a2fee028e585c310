"""Opening Whoosh writers tuned for importing whole documents at once.

Posting blocks are written uncompressed: zlib was about a sixth of the time to commit a
300-page board pack, and the index is a rebuildable cache, so trading disk (about twice
the size, roughly 4 MB per 300 dense pages) for import speed is the right way round.

A new segment's postings are kept by term as pages are added (`TermPostings`), not as one
tuple per posting in Whoosh's pool: adding a page appends each of its terms' postings to
that term's lists, and writing the segment walks the terms in order and writes each one's
blocks in a single loop. Whoosh's way (a tuple per posting, one sort of them all when the
segment is written, then four method calls per posting) made the segment write, which
waits for the last page, a third of a 474-page import; the bytes written are the same
(a test compares every file of the segment).

While an import waits for the parser's next pages, the writer encodes ahead what no later
page can change (`ImportWriter.encode_some`): the full blocks of common terms, and the
posting lists of terms no recent page has used. The commit after the last page then
finishes the rest.

Blocks are pickled with protocol 4, not the protocol 2 Whoosh asks for: protocol 2 writes
each bytes object (a page's positions, 128 of them a block) as a call to
codecs.encode on a latin-1 string, which unpickling runs again for each one; protocol 4
stores bytes as bytes. Reading a common word's block took 230 us against 16, the blocks
are 30% smaller, and Whoosh reads both (segments written before stay as they are).
Whoosh's own block writer (merges, inlined postings) is set to the same protocol.

When a segment is written, Whoosh looks up each posting's document length through the
per-document reader: a seek and a read from disk per posting. The lengths of a fresh
segment are few (one per page and field), so they are read once into memory and served
from there.
"""

from __future__ import annotations

import heapq
import pickle
import struct
import tempfile
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import partial
from hashlib import md5
from itertools import chain, groupby
from operator import itemgetter, sub
from time import perf_counter
from typing import Any

from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3TermInfo,
    _lenfield,
)
from whoosh.filedb import filetables
from whoosh.index import Index
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from evidence_pack.core.search.analysis import FastPositions

BLOCK_PROTOCOL = 4


def _whoosh_dumps(obj: Any, protocol: int | None = None) -> bytes:
    return pickle.dumps(obj, BLOCK_PROTOCOL)


# whoosh3 pickles blocks, block headers and inlined postings through its module's `dumps`
whoosh3.dumps = _whoosh_dumps

# Postings held in memory before they spill to disk as a sorted run: what bounds the app's
# memory while it imports (an import's batch writer holds up to index.BATCH_PAGES pages).
# About 4,000 dense pages (3,800 characters each) or 8,000 of board papers.
_POOL_MB = 128
# Memory a posting takes beside its term and value bytes: three list slots, its weight (a
# float) and the value's bytes object (measured: 118 bytes a posting in all for 474 dense
# pages, where Whoosh's pool held a tuple, the term's bytes and more, about 200).
_POSTING_BYTES = 100

_TERM = itemgetter(0, 1)
_TERM_INFO = W3TermInfo._struct
# A term no document among this many of the last added has used is taken to be finished
# with, and its posting list encoded ahead of the commit (encoded again if one then does).
SETTLED_DOCS = 128
# encode_some passes over every term at most once per this many documents added
_PASS_DOCS = 128
# Terms sorted by one call (about 15 ms each) before the sorted chunks are merged.
_SORT_CHUNK = 16_384
# Posting-list bytes gathered before one write, and term-table entries before one flush.
_WRITE_RUN_BYTES = 1 << 20
_TABLE_RUN = 4096
_LENGTHS_SIZE = filetables._lengths.size
_POINTER_SIZE = filetables._pointer.size
# Field values whose terms are remembered (see ImportWriter._field_items).
_ITEMS_CACHED = 4096


def open_writer(ix: Index, *, timeout: float = 0.0) -> ImportWriter:
    return ImportWriter(ix, limitmb=_POOL_MB, timeout=timeout, codec=W3Codec(compression=0))


class ImportWriter(SegmentWriter):  # type: ignore[misc]
    """Whoosh's SegmentWriter with the postings of its new segment held by term.

    Documents are added as Whoosh adds them (the same per-document records, lengths and
    stored fields), but each posting goes into its term's lists instead of the pool, and
    segments merged in at commit feed the same lists. Past the memory limit the lists are
    written out as one of Whoosh's sorted runs, and the segment is then written from the
    merged runs, as Whoosh would.
    """

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.postings = TermPostings(self.pool, self.codec, self.schema)
        self.pool.add = self.postings.add_item  # segments merged in at commit
        read_per_document = self.per_document_reader

        def cached_per_document_reader() -> Any:
            return _CachedLengths(read_per_document())

        self.per_document_reader = cached_per_document_reader
        # Segments stay as separate files. Whoosh opens a compound segment by copying
        # each of its parts out of a memory map: the whole index twice in memory (2 GB for
        # 100,000 pages, against none for separate files, which searches read as fast).
        self.compound = False
        # Fields whose values Whoosh treats specially (spelling words, term vectors) go
        # through its own add_document; ours have none.
        self._plain = not any(f.separate_spelling() or f.vector
                              for _, f in self.schema.items())
        self._items_cache: dict[tuple[str, Any], list[tuple[Any, ...]]] = {}

    def add_document(self, **fields: Any) -> None:
        if not self._plain or any(name.startswith("_") for name in fields):
            # boosts and custom stored values: Whoosh's own path, into the same lists
            super().add_document(**fields)  # its postings come by add_item
            return
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        fieldnames = sorted(fields)
        self._check_fields(schema, fieldnames)
        postings = self.postings
        perdocwriter.start_doc(docnum)
        for fieldname in fieldnames:
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                if isinstance(field.format, FastPositions) and isinstance(value, (str, tuple)):
                    # the content: str terms straight from the analysis (or as the parser
                    # worker analysed them: an AnalysedText is handed through as it is)
                    items = field.format.word_values(value, field.analyzer, mode="index")
                else:
                    items = self._field_items(fieldname, field, value)
                length = postings.add(fieldname, docnum, items, field.scorable)
                if length:
                    postings.lengths.record(fieldname, docnum, length)
            perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1
        postings.document_added(self.docnum)

    def _field_items(self, fieldname: str, field: Any, value: Any) -> list[tuple[Any, ...]]:
        """What field.index gives for `value`, remembered: every page of a source has the
        same title, source, kind and date, and pages of every source the same numbers."""
        try:
            key = (fieldname, value)
            items = self._items_cache.get(key)
        except TypeError:  # a value that cannot be a key (a list of keywords)
            return list(field.index(value))
        if items is None:
            if len(self._items_cache) >= _ITEMS_CACHED:
                self._items_cache.clear()
            items = self._items_cache[key] = list(field.index(value))
        # Each page gets its own copy of an encoded value, as Whoosh's would: pickle writes
        # an object met twice in a block as a reference to the first, other bytes on disk.
        return [(t, f, w, bytes(memoryview(v)) if v else v) for t, f, w, v in items]

    def replace_terms(self, fieldname: str,
                      docs: Sequence[tuple[int, str | None, str | None]]) -> bool:
        """Give the documents of the last source added other values of a field that is
        neither scored, stored nor a column (a page's label, settled only once the whole
        file was read). `docs` holds every one of the source's documents, in order, as
        (docnum, the value it was added with, the value it should have). False, with
        nothing changed, when their postings are no longer all in memory."""
        field = self.schema[fieldname]
        if field.scorable or field.stored or field.column_type:
            raise ValueError(f"{fieldname}: only an unscored, unstored field's terms change")

        def items(value: str | None) -> list[tuple[bytes, Any, Any, Any]]:
            if value is None:
                return []
            return [(t.encode("utf-8") if isinstance(t, str) else t, freq, weight, v)
                    for t, freq, weight, v in self._field_items(fieldname, field, value)]

        return self.postings.replace(fieldname, [
            (docnum, [item[0] for item in items(old)], items(new)) for docnum, old, new in docs
        ])

    def encode_some(self, seconds: float) -> bool:
        """Write ahead, for up to `seconds`: encode the posting blocks of the segment that
        no later page can change (see TermPostings.encode_some). An import calls this while
        it waits for the parser's next pages, so less is left for the commit after the last
        page; False when there is nothing to do until more pages arrive."""
        if self.is_closed:
            return False
        return self.postings.encode_some(self.docnum, seconds)

    def cancel(self) -> None:
        self.postings.close()  # its file first: the temporary folder goes with the writer
        super().cancel()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        try:
            self.postings.write(self.fieldwriter, lengths)
            self.fieldwriter.close()
        finally:
            if lengths is not None:
                lengths.close()


class TermPostings:
    """A new segment's postings, by field and term: for each term the postings not yet
    encoded, as one list of (document number, weight, encoded value) triples laid end to
    end in the order added (document order), and what is encoded of its posting list
    (_TermBlocks: full blocks, in memory or in a file beside the index).

    Past the memory limit the full blocks of every term are encoded and moved to that
    file, their postings dropped; only if rare terms' postings still fill memory do the
    postings spill to disk as Whoosh's sorted runs, merged again at the commit."""

    def __init__(self, pool: Any, codec: Any, schema: Any) -> None:
        self._pool = pool
        self._schema = schema
        self._block = codec._blocklimit
        self._compression = codec._compression
        # posting lists never inlined, as _TermBlocks writes them (W3Codec's default)
        self._encodable = isinstance(codec, W3Codec) and codec._inlinelimit <= 1
        self.fields: dict[str, dict[bytes, list[Any]]] = {}
        self.encoded: dict[str, dict[bytes, _TermBlocks]] = {}
        self.lengths = _KnownLengths()
        self._size = 0
        self._blocks_file: Any = None  # full blocks moved out of memory
        # the terms encode_some has still to visit in its current pass over them
        self._pending: list[tuple[str, bytes, list[Any]]] = []
        self._passed_at = -_PASS_DOCS  # documents there were when the last pass began

    def add(self, fieldname: str, docnum: int, items: Any, scorable: bool) -> int:
        """One document's terms in one field; returns the field's length in it."""
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        get = terms.get
        length = size = count = 0
        for term, freq, weight, vbytes in items:
            btext = term.encode("utf-8") if isinstance(term, str) else term
            length += freq
            count += 1
            size += len(btext) + len(vbytes)
            weight *= 1.0  # as Whoosh's field boost leaves it: a float
            entry = get(btext)
            if entry is None:
                terms[btext] = [docnum, weight, vbytes]
            else:
                entry += (docnum, weight, vbytes)
        self._size += _POSTING_BYTES * count + size
        return length if scorable else 0

    def document_added(self, doc_count: int) -> None:
        """A whole document is in (its lengths recorded): room is made if memory is full."""
        self.lengths.count = doc_count
        if self._size > self._pool.limit:
            self._make_room()

    def add_item(self, item: tuple[Any, ...]) -> None:
        """A posting as Whoosh's pool takes it: (field, term bytes, docnum, weight, value),
        from a segment merged in or a document Whoosh itself added. Their documents'
        lengths are not known here, so nothing more is encoded ahead."""
        self.lengths.known = False
        fieldname, btext, docnum, weight, vbytes = item
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        entry = terms.get(btext)
        if entry is None:
            terms[btext] = [docnum, weight, vbytes]
        else:
            entry += (docnum, weight, vbytes)
        self._size += _POSTING_BYTES + len(btext) + len(vbytes or b"")
        if self._size > self._pool.limit:
            self._spill()

    def replace(self, fieldname: str,
                docs: Sequence[tuple[int, Sequence[bytes], Sequence[tuple[Any, ...]]]]) -> bool:
        """Replace one field's terms of the last documents added: `docs` are all of them
        from the first, in order, as (docnum, the terms they have, the items they should
        have). Their postings are the last of each term's list, so they come off its end
        and the new ones go on in document order. False, changing nothing, when some are
        no longer in memory (spilled to a run, or encoded in a full block)."""
        if not docs:
            return True
        if self._pool.runs:
            return False
        first = docs[0][0]
        terms = self.fields.get(fieldname, {})
        encoded = self.encoded.get(fieldname, {})
        removing = Counter(btext for _, old, _ in docs for btext in old)
        for btext, count in removing.items():
            entry = terms.get(btext)
            if entry is None or _postings_from(entry, first) != count:
                return False
            blocks = encoded.get(btext)
            if len(entry) == 3 * count and blocks is not None and blocks.done:
                return False  # its whole unencoded rest would go: written blocks need one
        adding = {item[0] for _, _, new in docs for item in new}
        for btext in adding - removing.keys():
            entry = terms.get(btext)
            if entry is not None and _postings_from(entry, first):
                return False
        for btext, count in removing.items():
            entry = terms[btext]
            del entry[len(entry) - 3 * count:]
            if not entry:
                del terms[btext]
                encoded.pop(btext, None)
        for docnum, _, new in docs:
            if new:
                self.add(fieldname, docnum, new, False)
        for btext in adding | removing.keys():
            blocks = encoded.get(btext)
            if blocks is not None:  # its last blocks, if encoded ahead, are out of date
                blocks.final, blocks.final_count = None, -1
        self._pending = []  # they may hold lists just emptied
        return True

    def _can_encode(self) -> bool:
        return self.lengths.known and self._encodable and not self._pool.runs

    def _make_room(self) -> None:
        """Encode every term's full blocks and move them to the blocks file; if the postings
        left (rare terms') still fill half the memory allowed, spill them as a run."""
        if self._can_encode():
            for fieldname, terms in self.fields.items():
                encoded = self.encoded.setdefault(fieldname, {})
                for btext, entry in terms.items():
                    if len(entry) // 3 > self._block:
                        blocks = encoded.get(btext)
                        if blocks is None:
                            blocks = encoded[btext] = _TermBlocks()
                        self._encode(fieldname, entry, blocks, final=False)
            self._store_blocks()
            self._size = sum(len(entry) // 3 * _POSTING_BYTES + sum(map(len, entry[2::3]))
                             for terms in self.fields.values() for entry in terms.values())
            if self._size <= self._pool.limit // 2:
                return
        self._spill()

    def _encode(self, fieldname: str, entry: list[Any], blocks: _TermBlocks, *,
                final: bool) -> None:
        length_of = self.lengths.lookup(fieldname)
        fixedsize = self._schema[fieldname].format.fixed_value_size()
        self._size += blocks.encode(entry, length_of, fixedsize, self._block,
                                    self._compression, final=final)

    def _store_blocks(self) -> None:
        """Move the encoded blocks held in memory to the blocks file."""
        if self._blocks_file is None:
            folder = getattr(self._pool.tempstore, "folder", None)
            # closed by close(), at the commit or when the writer is cancelled
            self._blocks_file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        f = self._blocks_file
        for encoded in self.encoded.values():
            for blocks in encoded.values():
                if blocks.blob:
                    blocks.chunks.append((f.tell(), len(blocks.blob)))
                    f.write(blocks.blob)
                    blocks.blob = b""
                blocks.final, blocks.final_count = None, -1

    def _items(self) -> Iterator[tuple[Any, ...]]:
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for btext in _in_order(terms):
                entry = terms[btext]
                for n in range(0, len(entry), 3):
                    yield fieldname, btext, entry[n], entry[n + 1], entry[n + 2]

    def _spill(self) -> None:
        """Write the postings held as one of the pool's sorted runs (already in order: no
        sort). The terms stay, with no postings, beside what is encoded of them."""
        pool = self._pool
        path, f = pool._new_run()
        pool._write_run(f, self._items())
        pool._add_run(path)
        for terms in self.fields.values():
            for entry in terms.values():
                entry.clear()
        for encoded in self.encoded.values():
            for blocks in encoded.values():
                blocks.final, blocks.final_count = None, -1
        self._size, self._pending = 0, []

    def encode_some(self, doc_count: int, seconds: float) -> bool:
        """Encode, for up to `seconds`, posting blocks no later document can change: the
        full blocks of a term with more postings after them, and the whole rest of a term
        no document among the last SETTLED_DOCS has used (encoded again, should one
        still use it). Returns False when a whole pass over the terms since the last
        document was added found nothing left to do."""
        if not self._can_encode():
            return False
        if not self._pending:
            if doc_count < self._passed_at + _PASS_DOCS:
                return False  # a whole pass lately: little can have settled since
            self._passed_at = doc_count
            self._pending = [(f, t, e) for f in sorted(self.fields)
                             for t, e in self.fields[f].items()]
            self._pending.reverse()  # popped from the end: the first field's terms first
        deadline = perf_counter() + seconds
        settled = doc_count - SETTLED_DOCS
        block = self._block
        pending = self._pending
        visited = 0
        while pending:
            fieldname, btext, entry = pending.pop()
            raw = len(entry) // 3
            recent = entry[-3] >= settled
            if recent and raw <= block:
                continue  # still in use, and no full block yet
            encoded = self.encoded.get(fieldname)
            if encoded is None:
                encoded = self.encoded[fieldname] = {}
            blocks = encoded.get(btext)
            done, final_count = (0, -1) if blocks is None else (blocks.done, blocks.final_count)
            finish = not recent and final_count != done + raw
            if finish or raw > block:
                if blocks is None:
                    blocks = encoded[btext] = _TermBlocks()
                self._encode(fieldname, entry, blocks, final=finish)
            visited += 1
            if not visited % 32 and perf_counter() > deadline:
                break
        return True

    def write(self, fieldwriter: Any, lengths: Any) -> None:
        """Write every term's posting list into the segment, finishing what was encoded."""
        pool = self._pool
        try:
            if not self._encodable:  # another codec: its own writer, postings as items
                _add_postings(fieldwriter, self._schema, lengths, self._merged_items())
            elif pool.runs:
                self._spill()  # the rest joins the runs: one stream in term order
                runs, pool.runs = pool.runs, []
                terms = ((fieldname, btext, [x for p in group for x in p[2:]])
                         for (fieldname, btext), group in groupby(pool._merge_runs(runs),
                                                                  key=_TERM))
                _write_terms(fieldwriter, self._schema, terms, self.encoded,
                             self._read_chunk, lengths, finals=False)
            else:
                terms = ((fieldname, btext, self.fields[fieldname][btext])
                         for fieldname in sorted(self.fields)
                         for btext in _in_order(self.fields[fieldname]))
                _write_terms(fieldwriter, self._schema, terms, self.encoded,
                             self._read_chunk, lengths, finals=True)
        finally:
            self.close()

    def _merged_items(self) -> Iterator[tuple[Any, ...]]:
        pool = self._pool
        if not pool.runs:
            return self._items()
        self._spill()
        runs, pool.runs = pool.runs, []
        return pool._merge_runs(runs)  # type: ignore[no-any-return]

    def _read_chunk(self, offset: int, size: int) -> bytes:
        f = self._blocks_file
        f.seek(offset)
        return f.read(size)  # type: ignore[no-any-return]

    def close(self) -> None:
        self.fields, self.encoded, self._pending = {}, {}, []
        if self._blocks_file is not None:
            self._blocks_file.close()
            self._blocks_file = None


def _in_order(terms: dict[bytes, Any]) -> Iterator[bytes]:
    """The terms sorted. One sort is one C call that holds the GIL throughout (200 ms for
    150,000 terms, a stall the window would feel while a big folder imports), so a long
    list is sorted in chunks, merged by a generator that hands the GIL over between terms."""
    if len(terms) <= _SORT_CHUNK:
        return iter(sorted(terms))
    keys = list(terms)
    return heapq.merge(*(sorted(keys[i:i + _SORT_CHUNK])
                         for i in range(0, len(keys), _SORT_CHUNK)))


class _KnownLengths:
    """Each document's length in each field, as the segment's length columns will give
    them back (a byte's worth of precision), recorded as documents are added, so blocks
    can be encoded before the columns are written. `count`: the documents recorded."""

    def __init__(self) -> None:
        self.known = True
        self.count = 0
        self._by_field: dict[str, list[int]] = {}

    def record(self, fieldname: str, docnum: int, length: int) -> None:
        lengths = self._by_field.get(fieldname)
        if lengths is None:
            lengths = self._by_field[fieldname] = []
        if len(lengths) < docnum:
            lengths.extend([0] * (docnum - len(lengths)))
        lengths.append(byte_to_length(length_to_byte(length)))

    def lookup(self, fieldname: str) -> Any:
        lengths = self._by_field.get(fieldname)
        if lengths is None:
            return lambda docnum: 0
        if len(lengths) < self.count:
            lengths.extend([0] * (self.count - len(lengths)))
        return lengths.__getitem__


class _TermBlocks:
    """What is encoded of one term's posting list: its first `done` postings, in full
    blocks (in the blocks file at `chunks`, then `blob` in memory; their postings dropped
    from the term's list), with the running statistics W3TermInfo sums block by block;
    and, for a term no recent document used, its remaining blocks to the last (`final`),
    valid while the term has `final_count` postings in all."""

    __slots__ = (
        "blob",
        "chunks",
        "done",
        "final",
        "final_count",
        "first_id",
        "max_length",
        "max_weight",
        "min_length",
        "weight",
    )

    def __init__(self) -> None:
        self.done = 0
        self.blob = WHOOSH3_HEADER_MAGIC
        self.chunks: list[tuple[int, int]] = []
        self.first_id = 0
        self.weight = 0.0
        self.min_length: int | None = None
        self.max_length = 0
        self.max_weight: float = 0
        self.final_count = -1
        self.final: tuple[bytes, float, int | None, int, float] | None = None

    def encode(self, entry: list[Any], length_of: Any, fixedsize: Any, block: int,
               compression: int, *, final: bool) -> int:
        """Encode the full blocks followed by more postings (dropping their postings from
        `entry`) and, if `final`, the rest; returns the bytes of memory this adds."""
        added = 0
        while len(entry) // 3 > block:
            if not self.done:
                self.first_id = entry[0]
            data, weight, shortest, longest, heaviest = _block(
                entry, 0, block, False, length_of, fixedsize, compression)
            added += len(data) - block * _POSTING_BYTES - sum(map(len, entry[2:3 * block:3]))
            del entry[:3 * block]
            self.blob += data
            self.weight += weight
            self._stats(shortest, longest, heaviest)
            self.done += block
        if final:
            self.final = _tail(entry, self.weight, length_of, fixedsize, block, compression)
            self.final_count = self.done + len(entry) // 3
            added += len(self.final[0])
        return added

    def _stats(self, shortest: int | None, longest: int, heaviest: float) -> None:
        if shortest is not None and (self.min_length is None or shortest < self.min_length):
            self.min_length = shortest
        if longest > self.max_length:
            self.max_length = longest
        if heaviest > self.max_weight:
            self.max_weight = heaviest


def _postings_from(entry: list[Any], docnum: int) -> int:
    """How many of a term's unencoded postings (in document order) are of `docnum` or
    later documents."""
    count = 0
    for n in range(len(entry) - 3, -1, -3):
        if entry[n] < docnum:
            break
        count += 1
    return count


def _block(entry: list[Any], first: int, end: int, last: bool, length_of: Any,
           fixedsize: Any, compression: int) -> tuple[bytes, float, int | None, int, float]:
    """Postings first..end of a term as W3PostingsWriter._write_block writes them (length,
    info, data), with the block's weight sum, shortest and longest document and heaviest
    posting."""
    block_ids = entry[3 * first:3 * end:3]
    block_weights = entry[3 * first + 1:3 * end:3]
    stored_weights = array("f", block_weights)
    doc_lengths = [length_of(d) for d in block_ids]
    shortest = min([n for n in doc_lengths if n], default=None)
    longest = max(0, *doc_lengths)
    heaviest = max(0, *block_weights)
    deltas = tuple(map(sub, block_ids, chain((0,), block_ids)))
    if all(w == 1.0 for w in stored_weights):
        mini_weights: Any = None
    elif stored_weights.count(stored_weights[0]) == len(stored_weights):
        mini_weights = stored_weights[0]
    else:
        mini_weights = tuple(stored_weights)
    if fixedsize == 0:
        mini_values: Any = None
    else:
        present = [v for v in entry[3 * first + 2:3 * end:3] if v]
        mini_values = tuple(present) if fixedsize is None or fixedsize < 0 else (
            b"".join(present))
    data = pickle.dumps((deltas, mini_weights, mini_values), BLOCK_PROTOCOL)
    if compression:
        data = zlib.compress(data, compression)
    info = pickle.dumps((end - first, block_ids[-1], heaviest, compression,
                         length_to_byte(shortest), length_to_byte(longest)), BLOCK_PROTOCOL)
    size = len(info) + len(data)
    return (pack_int(-size if last else size) + info + data, sum(stored_weights), shortest,
            longest, heaviest)


def _tail(entry: list[Any], weight: float, length_of: Any, fixedsize: Any, block: int,
          compression: int) -> tuple[bytes, float, int | None, int, float]:
    """The blocks of the postings in `entry`, the last marked last, with the running
    weight sum after them and their shortest, longest and heaviest."""
    blobs = []
    shortest_all: int | None = None
    longest_all = 0
    heaviest_all: float = 0
    count = len(entry) // 3
    for first in range(0, count, block):
        end = min(first + block, count)
        data, block_weight, shortest, longest, heaviest = _block(
            entry, first, end, end == count, length_of, fixedsize, compression)
        blobs.append(data)
        weight += block_weight
        if shortest is not None and (shortest_all is None or shortest < shortest_all):
            shortest_all = shortest
        longest_all = max(longest_all, longest)
        if heaviest > heaviest_all:
            heaviest_all = heaviest
    return b"".join(blobs), weight, shortest_all, longest_all, heaviest_all


def _write_terms(fieldwriter: Any, schema: Any, terms: Iterator[tuple[str, bytes, list[Any]]],
                 encoded: dict[str, dict[bytes, _TermBlocks]], read_chunk: Any,
                 lengths: Any, *, finals: bool) -> None:
    """Every term's posting list, in (field, term) order, as W3FieldWriter and
    W3PostingsWriter write them (the same bytes: blocks, term infos and term table): what
    was encoded of it, then its postings not yet encoded. `finals`: a term's last blocks
    encoded ahead may stand, if it has had no postings since. Posting lists and term
    entries are written in runs of many (_TermTable), not a few small writes per term."""
    fresh = _TermBlocks()
    fieldname = None
    table: _TermTable | None = None
    write: Any = None  # the postings file's, once a field has started
    posted: list[bytes] = []
    posted_bytes = 0
    for name, btext, entry in terms:
        if name != fieldname:
            if fieldname is not None:
                write(b"".join(posted))
                table.flush()  # type: ignore[union-attr]
                fieldwriter.finish_field()
            fieldname = name
            fieldobj = schema[fieldname]
            fieldwriter.start_field(fieldname, fieldobj)
            postwriter = fieldwriter._postwriter
            block, compression = postwriter._blocklimit, postwriter._compression
            length_of = _length_lookup(lengths, fieldname)
            fixedsize = fieldobj.format.fixed_value_size()
            postfile = fieldwriter._postfile
            write = postfile.write
            table = _TermTable(fieldwriter._tindex)
            fieldid = pack_ushort(fieldwriter._fieldid)
            start = postfile.tell()
            posted, posted_bytes = [], 0
            encoded_here = encoded.get(fieldname, {})
        blocks = encoded_here.get(btext, fresh)
        count = blocks.done + len(entry) // 3
        if finals and blocks.final_count == count and blocks.final is not None:
            tail = blocks.final
        else:
            tail = _tail(entry, blocks.weight, length_of, fixedsize, block, compression)
        rest, weight, shortest, longest, heaviest = tail
        min_length = blocks.min_length
        if shortest is not None and (min_length is None or shortest < min_length):
            min_length = shortest
        max_length = max(blocks.max_length, longest)
        max_weight = heaviest if heaviest > blocks.max_weight else blocks.max_weight
        extent = len(blocks.blob) + len(rest)
        if blocks.chunks:  # full blocks moved to the blocks file to make room
            moved = [read_chunk(*chunk) for chunk in blocks.chunks]
            posted += moved
            extent += sum(map(len, moved))
        posted += (blocks.blob, rest)
        posted_bytes += extent
        table.add(fieldid + btext, _TERM_INFO.pack(  # type: ignore[union-attr]
            0, weight, count, 0 if min_length is None else length_to_byte(min_length),
            length_to_byte(max_length), max_weight,
            blocks.first_id if blocks.done else entry[0], entry[-3],
        ) + pack_long(start) + pack_int(extent))
        start += extent
        if posted_bytes >= _WRITE_RUN_BYTES:
            write(b"".join(posted))
            posted, posted_bytes = [], 0
    if fieldname is not None:
        write(b"".join(posted))
        table.flush()  # type: ignore[union-attr]
        fieldwriter.finish_field()


class _TermTable:
    """Entries added to Whoosh's OrderedHashWriter (the segment's term table) a run at a
    time: the same bytes, positions and hash buckets its add() writes and keeps, with one
    write for many entries instead of three each (a fifth of a commit's time went there)."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer
        self._keys: list[bytes] = []
        self._values: list[bytes] = []
        # Whoosh's md5_hash, int(md5(key).hexdigest(), 16) & 0xffffffff, without the hex
        self._hash = (_md5_hash if writer.hashfn is filetables.md5_hash else writer.hashfn)
        if not getattr(writer, "_tables_in_runs", False):  # the table's first field
            writer._write_hashes = partial(_write_hashes, writer)
            writer._tables_in_runs = True

    def add(self, key: bytes, value: bytes) -> None:
        self._keys.append(key)
        self._values.append(value)
        if len(self._keys) >= _TABLE_RUN:
            self.flush()

    def flush(self) -> None:
        writer = self._writer
        keys, values = self._keys, self._values
        if not keys:
            return
        self._keys, self._values = [], []
        dbfile = writer.dbfile
        pos = dbfile.tell()
        last = writer.lastkey
        chunks: list[bytes] = []
        index_append = writer.index.append
        buckets = writer.buckets
        hash_of = self._hash
        pack_lengths = filetables._lengths.pack
        for key, value in zip(keys, values, strict=True):
            if key <= last:
                raise ValueError(f"Keys must increase: {last!r}..{key!r}")
            index_append(pos)
            h = hash_of(key)
            buckets[h & 255].append((h, pos))
            chunks += (pack_lengths(len(key), len(value)), key, value)
            pos += _LENGTHS_SIZE + len(key) + len(value)
            last = key
        dbfile.write(b"".join(chunks))
        writer.lastkey = last


def _write_hashes(writer: Any) -> None:
    """HashWriter._write_hashes (its 256 open-addressed tables of (hash, position) slots,
    written when the term table closes), each table packed and written at once rather
    than one write per slot: two slots a term."""
    dbfile = writer.dbfile
    null = (0, 0)
    pos = dbfile.tell()
    tables: list[bytes] = []
    for entries in writer.buckets:
        numslots = 2 * len(entries)
        writer.directory.append((pos, numslots))
        hashtable = [null] * numslots
        for hashval, position in entries:
            slot = (hashval >> 8) % numslots
            while hashtable[slot] != null:
                slot = (slot + 1) % numslots
            hashtable[slot] = (hashval, position)
        tables.append(struct.pack("!" + "Iq" * numslots, *chain.from_iterable(hashtable)))
        pos += numslots * _POINTER_SIZE
    dbfile.write(b"".join(tables))


def _md5_hash(key: bytes) -> int:
    return int.from_bytes(md5(key).digest()[12:], "big")


def _length_lookup(lengths: Any, fieldname: str) -> Any:
    field_lengths = getattr(lengths, "field_lengths", None)
    if field_lengths is not None:
        return field_lengths(fieldname).__getitem__
    return _lengths_of(lengths, fieldname)


def _add_postings(fieldwriter: Any, schema: Any, lengths: Any, items: Any) -> None:
    """Whoosh's FieldWriter.add_postings for the W3 codec, from postings in (field, term,
    docnum) order (runs merged from disk), a posting list at a time through the codec's
    own _write_block, so the bytes on disk are the same."""
    for (fieldname, btext), group in groupby(items, key=_TERM):
        if fieldname != fieldwriter._fieldname or not fieldwriter._infield:
            if fieldwriter._infield:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            length_of = _length_lookup(lengths, fieldname)
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


class _CachedLengths:
    """Wraps a per-document reader, answering doc_field_length from memory."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._lengths: dict[str, list[int]] = {}

    def field_lengths(self, fieldname: str) -> list[int]:
        """Every document's length in `fieldname`, by document number (0 for none), as
        doc_field_length reads them, from the field's length column in one go."""
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            count = self._reader.doc_count_all()
            column_of = getattr(self._reader, "_cached_reader", None)
            if column_of is None:  # pragma: no cover - W3Codec's reader has it
                lengths = [self._reader.doc_field_length(n, fieldname, 0) or 0
                           for n in range(count)]
            else:
                column = column_of(_lenfield(fieldname), LENGTHS_COLUMN)
                lengths = ([0] * count if column is None
                           else [byte_to_length(column[n]) for n in range(count)])
            self._lengths[fieldname] = lengths
        return lengths

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.field_lengths(fieldname)
        if 0 <= docnum < len(lengths):
            return lengths[docnum]
        return self._reader.doc_field_length(docnum, fieldname, default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)
