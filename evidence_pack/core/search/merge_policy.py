"""Which index segments to merge, sized for packs of 100,000 pages.

Whoosh merges by re-adding every posting of the merged segments, which costs about as much as
indexing those pages again (a full merge of a 10,000-page index took 23 s). So a page should
be rewritten few times, and a big pack must never pay for a merge of the whole index:

- A segment of SETTLED_PAGES pages or more is never merged again. An import commits in
  batches of up to 10,000 pages (index.BATCH_PAGES), so an import of a folder of papers
  writes settled segments straight away, and the last 10,000 pages of a 100,000-page pack
  import as fast as the first (merging segments of a few thousand pages each, as a first
  version did, cost a minute in the middle of some imports).
- Smaller segments (one per small import, or per file outside an import) are merged in
  tiers: segments of like size (within a factor of FACTOR) are merged together once FACTOR
  of them exist, so each page is rewritten about log8(SETTLED_PAGES) = 4 times at most, and
  there are at most a few dozen of them.
- At the end of an import, the small segments are tidied when there are more than a few:
  all but a dominant largest one are merged, so a search visits the settled segments plus
  one or two others. No such merge rewrites more than a few thousand pages.
"""

from __future__ import annotations

import math
from typing import Any

from whoosh.reading import SegmentReader

SETTLED_PAGES = 2_000
FACTOR = 8
DOMINANT = 2  # the largest small segment stays while it has this many times the rest's pages


def merge_small_tiers(writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh mergetype for every commit: merges the lowest full tier of small segments."""
    live = [s for s in segments if s.doc_count() > 0]  # fully deleted segments just go
    chosen = _full_tier(live)
    _merge(writer, chosen)
    return [s for s in live if s not in chosen]


def merge_all_but_dominant(writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh mergetype for the end of an import: the small segments are merged into one,
    except the largest while it holds at least DOMINANT times the pages of the others."""
    live = [s for s in segments if s.doc_count() > 0]
    small = [s for s in live if s.doc_count() < SETTLED_PAGES]
    chosen: list[Any] = []
    if small:
        largest = max(small, key=lambda s: s.doc_count())
        rest = [s for s in small if s is not largest]
        dominant = largest.doc_count() >= DOMINANT * sum(s.doc_count() for s in rest)
        chosen = rest if dominant else small
    if len(chosen) < 2 and not any(s.deleted_count() for s in chosen):
        chosen = []  # merging one segment alone only pays to drop deleted pages
    _merge(writer, chosen)
    return [s for s in live if s not in chosen]


def small_segment_count(segments: list[Any]) -> int:
    return sum(1 for s in segments if s.doc_count() < SETTLED_PAGES)


def _full_tier(live: list[Any]) -> list[Any]:
    small = sorted((s for s in live if s.doc_count() < SETTLED_PAGES),
                   key=lambda s: s.doc_count())
    tiers: dict[int, list[Any]] = {}
    for segment in small:
        tiers.setdefault(_tier(segment.doc_count()), []).append(segment)
    for tier in sorted(tiers):
        if len(tiers[tier]) >= FACTOR:
            # with every smaller segment, so nothing is left stranded below the new one
            return [s for s in small if _tier(s.doc_count()) <= tier]
    return []


def _tier(pages: int) -> int:
    return int(math.log(max(pages, 1), FACTOR))


def _merge(writer: Any, chosen: list[Any]) -> None:
    for segment in chosen:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
