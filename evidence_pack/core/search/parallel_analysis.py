"""Analysing page text on the second core while this one writes the index (rebuilds).

Writing postings into Whoosh is Python on one core; so is analysing the text. A rebuild of
100,000 pages hands every other chunk of pages to a helper process, which analyses it while
this process analyses and writes the chunk before: both cores work. The text comes from the
pack's own database, so the helper needs none of the parser worker's guards.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from typing import Any

from evidence_pack.core.search.analysis import AnalysedText, analyse_content, page_content

CHUNK = 400
# Below this many pages, starting a process costs more than it saves.
MIN_PAGES = 3000

Chunk = list[dict[str, Any]]


def analyse_texts(texts: list[str]) -> list[AnalysedText]:
    return [analyse_content(text) for text in texts]


def chunks_with_analysis(chunks: Iterable[Chunk], *, helper: bool
                         ) -> Iterator[tuple[Chunk, list[AnalysedText] | None]]:
    """Each chunk of index rows, with its pages' content analysed by the helper process, or
    None for the chunks this process should analyse itself (every other one). Chunks may
    come out of order; an index does not care in what order its pages were added."""
    if not helper:
        for chunk in chunks:
            yield chunk, None
        return
    with mp.get_context("spawn").Pool(1) as pool:
        pending: tuple[Chunk, Any] | None = None
        for n, chunk in enumerate(chunks):
            if n % 2:
                yield chunk, None
                continue
            texts = [page_content(row.get("heading"), row["text"]) for row in chunk]
            job = pool.apply_async(analyse_texts, (texts,))
            if pending is not None:
                yield pending[0], pending[1].get()
            pending = (chunk, job)
        if pending is not None:
            yield pending[0], pending[1].get()
