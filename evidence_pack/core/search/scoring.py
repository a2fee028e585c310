"""BM25F as Whoosh scores it, with each segment's document lengths held in a list.

Whoosh's scorer looks up a document's field length through four layers (reader, per-document
reader, column reader, byte file) for every document it scores; on a 100,000-page pack a
query on common words scores tens of thousands of pages, and that lookup was a fifth of
search time. The lengths are decoded once per segment reader and field and kept with it (a
list of ints, a few hundred kilobytes per 100,000 pages), so scores are unchanged.
"""

from __future__ import annotations

from typing import Any

from whoosh import columns
from whoosh.codec import whoosh3
from whoosh.scoring import BM25F, BM25FScorer

_LENGTHS = "_evidence_pack_lengths"


class CachedLengthBM25F(BM25F):
    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: int = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, BM25FScorer):
            lengths = field_lengths(searcher.reader(), fieldname)
            if lengths is not None:
                scorer.dfl = lengths.__getitem__
        return scorer


def field_lengths(reader: Any, fieldname: str) -> list[int] | None:
    """Every document's length in `fieldname` (1 where none is stored, as BM25F's own
    lookup defaults), for a segment reader; None for readers of another kind."""
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, whoosh3.W3PerDocReader):
        return None
    cache = perdoc.__dict__.setdefault(_LENGTHS, {})
    lengths = cache.get(fieldname)
    if lengths is None:
        column = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        count = reader.doc_count_all()
        lengths = [1] * count if column is None else _decode_lengths(column, count)
        cache[fieldname] = lengths
    return lengths


# A stored length byte decoded, with 0 (no length stored) read as 1 the way BM25F's lookup does.
_BYTE_LENGTHS = [whoosh3.byte_to_length(b) or 1 for b in range(256)]


def _decode_lengths(column: Any, count: int) -> list[int]:
    # The lengths column is one byte a document at a fixed offset: reading it in one call
    # and mapping the bytes through a table replaces 100,000 column lookups (0.9 s for the
    # first search of a 100,000-page pack) with a few milliseconds.
    if isinstance(column, columns.NumericColumn.Reader) and column._fixedlen == 1:
        stored = min(column._count, count)
        data = column._dbfile.get(column._basepos, stored) if stored else b""
        lengths = [_BYTE_LENGTHS[b] for b in data]
        lengths.extend([_BYTE_LENGTHS[column._default]] * (count - stored))
        return lengths
    decode = whoosh3.byte_to_length
    return [decode(b) if b else 1 for b in (column[n] for n in range(count))]
