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

from typing import Any

from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import Index

# Enough for a whole 1,000-page document in memory before Whoosh spills sorted runs to disk.
_POOL_MB = 256


def open_writer(ix: Index, *, timeout: float = 0.0) -> Any:
    writer = ix.writer(limitmb=_POOL_MB, timeout=timeout, codec=W3Codec(compression=0))
    read_per_document = writer.per_document_reader

    def cached_per_document_reader() -> Any:
        return _CachedLengths(read_per_document())

    # instance attribute: only this writer's segment flush sees the cache
    writer.per_document_reader = cached_per_document_reader
    return writer


class _CachedLengths:
    """Wraps a per-document reader, answering doc_field_length from memory."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._lengths: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            count = self._reader.doc_count_all()
            lengths = [
                self._reader.doc_field_length(n, fieldname, default) for n in range(count)
            ]
            self._lengths[fieldname] = lengths
        if 0 <= docnum < len(lengths):
            return lengths[docnum]
        return self._reader.doc_field_length(docnum, fieldname, default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)
