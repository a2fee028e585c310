"""Reading the user's query syntax: words, "phrases", AND/OR/NOT, prefix*, fuzzy~, fields.

Supported fields: title:, source: (file name, publisher or id), kind:, page: (number or
range), label: (printed page label), published: (a date or range, e.g.
published:[2014 TO 2015], published:>2015-06).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser.dateparse import DateParserPlugin

from evidence_pack.core.errors import SearchSyntaxError
from evidence_pack.core.search.analysis import stem_term
from evidence_pack.core.search.phrases import ExactPhrase

SEARCH_FIELDS = ("content", "title")


def make_parser(schema: Schema) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(list(SEARCH_FIELDS), schema, group=qparser.AndGroup)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    return parser


def parse_query(parser: qparser.QueryParser, text: str) -> query.Query:
    text = text.strip()
    if not text:
        raise SearchSyntaxError("empty query")
    try:
        q = parser.parse(text)
    except Exception as exc:  # whoosh raises assorted types for malformed input
        raise SearchSyntaxError(f"cannot read the query {text!r}: {exc}") from exc
    q = q.accept(_faster_equivalents)
    if q is query.NullQuery or isinstance(q, query.qcore._NullQuery):
        raise SearchSyntaxError(f"nothing to search for in {text!r} (only common words?)")
    return q


def _faster_equivalents(q: query.Query) -> query.Query:
    if isinstance(q, query.FuzzyTerm) and q.fieldname in SEARCH_FIELDS:
        # Whoosh leaves fuzzy terms unanalysed, but the index holds stems: "allianse~" must
        # be compared with "allianc", not "alliance", or a one-letter typo costs two edits.
        # The first letter (two, for two edits) is taken as typed: people rarely mistype
        # it, and it spares a walk over the whole term dictionary.
        return query.FuzzyTerm(
            q.fieldname,
            stem_term(q.text),
            boost=q.boost,
            maxdist=q.maxdist,
            prefixlength=max(1 if q.maxdist < 2 else 2, q.prefixlength),
        )
    if type(q) is query.Phrase:
        return ExactPhrase(q.fieldname, q.words, slop=q.slop, boost=q.boost,
                           char_ranges=q.char_ranges)
    return q


@dataclass
class HighlightTerms:
    """What to mark in a hit: single indexed terms, and phrases (as sequences of terms) whose
    words count only when they stand together, in order."""

    stems: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.stems or self.phrases)


def highlight_stems(q: query.Query, reader: Any) -> HighlightTerms:
    """The indexed content terms a query looks for, prefixes and fuzzy terms expanded,
    leaving out anything under NOT (a page shown for "a NOT b" never contains b)."""
    terms = HighlightTerms()
    _collect(q, reader, terms)
    return terms


def _collect(q: query.Query, reader: Any, terms: HighlightTerms) -> None:
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        _collect(q.a, reader, terms)
        return
    if isinstance(q, query.Phrase):
        if q.fieldname == "content" and q.words:
            words = tuple(w.decode("utf-8") if isinstance(w, bytes) else w for w in q.words)
            if len(words) == 1:
                terms.stems.add(words[0])
            else:
                terms.phrases.append(words)
        return
    if q.is_leaf():
        for fieldname, term in q.existing_terms(reader, expand=True):
            if fieldname == "content":
                terms.stems.add(term.decode("utf-8") if isinstance(term, bytes) else term)
        return
    for child in q.children():
        _collect(child, reader, terms)


# A fuzzy term that matches more words than this is widened too far to be useful.
_MAX_FUZZY_EXPANSION = 64


def expand_fuzzy(q: query.Query, reader: Any) -> query.Query:
    """Replace fuzzy terms by the indexed terms within their edit distance, found once.

    Whoosh builds a Levenshtein automaton per index segment, per field and per pass (it runs
    the query twice to count hits): on a pack imported a file at a time that was most of a
    fuzzy query's cost. Here the candidates sharing the fixed prefix are read once and
    measured directly.
    """

    def visit(node: query.Query) -> query.Query:
        if not isinstance(node, query.FuzzyTerm):
            return node
        prefix = node.text[: node.prefixlength]
        matches = []
        for raw in reader.expand_prefix(node.fieldname, prefix):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if _within(node.text, term, node.maxdist):
                matches.append(term)
                if len(matches) >= _MAX_FUZZY_EXPANSION:
                    break
        if not matches:
            return query.NullQuery
        return query.Or([query.Term(node.fieldname, t, boost=node.boost) for t in matches])

    return q.accept(visit)


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most `limit` (stops early when it cannot be)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit
