"""A fused English analyzer for Whoosh: tokenise, lowercase and stem in one pass.

Whoosh's StemmingAnalyzer chains four generators per token; on text-dense board packs that
chain was the largest cost of indexing. This does the same work in a single loop with a
plain dict as the stem cache, and yields the same tokens, so queries, phrases and
highlighting behave exactly as with the stock analyzer.

No stop words are dropped: users search for exact phrases to quote them, and a phrase that
skipped "to" or "of" would match text the user never wrote. Stop words add few postings
per page (each is one term), so the index barely grows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import Analyzer, Token
from whoosh.analysis.analyzers import StemmingAnalyzer
from whoosh.formats import Positions
from whoosh.lang.porter import stem

from evidence_pack.core.search.positions import decode_positions, encode_positions

WORD = re.compile(r"\w+(?:\.?\w+)*", re.UNICODE)

_MAX_CACHE = 200_000


class FastEnglishAnalyzer(Analyzer):
    def __init__(self) -> None:
        self._cache: dict[str, str] = {}
        self._stems_as_written: dict[str, str] = {}  # "Contracts" -> "contract"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FastEnglishAnalyzer)

    def __hash__(self) -> int:
        return hash(FastEnglishAnalyzer)

    def __getstate__(self) -> dict[str, object]:
        # the cache is rebuilt on demand; pickling it into the index schema would bloat it
        return {}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._cache = {}
        self._stems_as_written = {}

    def _stem(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) > _MAX_CACHE:
                self._cache.clear()
            cached = self._cache[word] = stem(word)
        return cached

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        pos = start_pos
        stem_word = self._stem
        for match in WORD.finditer(value):
            word = match.group().lower()
            if keeporiginal:
                t.original = match.group()
            t.text = stem_word(word)
            t.boost = 1.0
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


class AnalysedText(tuple):  # type: ignore[type-arg]
    """A content value already analysed: (term, freq, weight, encoded positions) tuples.

    The parser worker analyses each page it reads (see `analyse_content`) while this process
    writes the postings of the pages before it, so the two cores split the indexing work.
    Whoosh accepts a tuple as a field value; FastPositions hands these through as they are.
    """

    __slots__ = ()


def page_content(heading: str | None, text: str) -> str:
    """The text indexed for a page: its heading (a section's), then its text."""
    return f"{heading}\n{text}" if heading else text


_CONTENT_FORMAT: FastPositions | None = None
_WORKER_ANALYZER: FastEnglishAnalyzer | None = None


def analyse_content(text: str) -> AnalysedText:
    """What the content field indexes for `text`, as FastPositions would compute it."""
    global _CONTENT_FORMAT, _WORKER_ANALYZER
    if _CONTENT_FORMAT is None or _WORKER_ANALYZER is None:
        _CONTENT_FORMAT, _WORKER_ANALYZER = FastPositions(field_boost=1.0), FastEnglishAnalyzer()
    return AnalysedText(_CONTENT_FORMAT.word_values(text, _WORKER_ANALYZER))


class FastPositions(Positions):
    """Whoosh's Positions format, with the indexing loop fused for FastEnglishAnalyzer.

    Whoosh builds a Token object per word and then groups positions by term; on a 300-page
    import that was about a quarter of indexing time. Here the same (term, freq, weight,
    encoded positions) tuples come straight from the regex matches. Positions are stored
    as fixed-width arrays (see positions.py), which phrase searches read far faster than
    Whoosh's pickled deltas; frequencies and weights are Whoosh's.
    """

    def word_values(self, value, analyzer, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(value, AnalysedText):
            return value
        return self._analyse(value, analyzer, **kwargs)

    def _analyse(self, value, analyzer, **kwargs):  # type: ignore[no-untyped-def]
        if not isinstance(analyzer, FastEnglishAnalyzer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        # words as written map straight to their stems (no lower() per word), and each
        # term's positions are encoded here rather than through a method call per term
        stems = analyzer._stems_as_written
        if len(stems) > _MAX_CACHE:
            stems.clear()
        stem_of = stems.get
        stem_word = analyzer._stem
        positions: dict[str, list[int]] = {}
        for pos, word in enumerate(WORD.findall(value)):
            term = stem_of(word)
            if term is None:
                term = stems[word] = stem_word(word.lower())
            found = positions.get(term)
            if found is None:
                positions[term] = [pos]
            else:
                found.append(pos)
        boost = self.field_boost
        for term, found in positions.items():
            count = len(found)
            yield (term, count, count * boost, encode_positions(found))

    def encode(self, poslist):  # type: ignore[no-untyped-def]
        return encode_positions(poslist)

    def decode_positions(self, valuestring):  # type: ignore[no-untyped-def]
        # a list, as Whoosh's own matchers (phrases with a slop, spans) expect
        return list(decode_positions(valuestring))


def reference_analyzer() -> Analyzer:
    """The stock Whoosh chain this analyzer must agree with (used by the tests)."""
    return StemmingAnalyzer(stoplist=None, minsize=1)


@lru_cache(maxsize=65536)
def stem_term(word: str) -> str:
    """How a single query word is indexed (for query types Whoosh does not analyse).
    Cached: the conflict checks stem every word of every candidate sentence, and words
    repeat (Porter stemming was most of their time on a 500-claim pack)."""
    return stem(word.lower())
