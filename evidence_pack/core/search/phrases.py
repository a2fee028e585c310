"""Exact phrase matching that checks word positions as plain integers.

Whoosh checks a phrase by building a Span object for every position of every word in every
candidate page. For phrases of common words ("the committee in March") on a large pack that
is hundreds of thousands of objects per query. Here the candidate pages come from the same
intersection of the words' postings, and adjacency is tested with integer sets, which gives
the same matches several times faster. Phrases with a slop ("a b"~3) keep Whoosh's matcher.
"""

from __future__ import annotations

from typing import Any

from whoosh import matching, query


class ExactPhrase(query.Phrase):
    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        try:
            field = searcher.schema[self.fieldname]
        except KeyError:
            return matching.NullMatcher()
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)
        reader = searcher.reader()
        term_matchers = []
        for word in self.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (self.fieldname, btext) not in reader:
                return matching.NullMatcher()
            term_matchers.append(query.Term(self.fieldname, word).matcher(searcher, context))
        # Rarest words first, both for intersecting postings and for checking positions:
        # the common words ("the", "in") are then rarely decoded at all.
        frequency = [reader.doc_frequency(self.fieldname, field.to_bytes(w)) for w in self.words]
        order = sorted(range(len(term_matchers)), key=lambda i: frequency[i])
        # Only the two rarest words' postings are intersected; a common word's postings are
        # consulted just for the pages where the rare words already stand in place.
        combined = matching.IntersectionMatcher(term_matchers[order[0]], term_matchers[order[1]])
        found = _AdjacentWords(combined, [(i, term_matchers[i]) for i in order])
        if self.boost != 1.0:
            return matching.WrappingMatcher(found, boost=self.boost)
        return found


class _AdjacentWords(matching.WrappingMatcher):
    """Passes only the documents where the words occur next to each other, in order."""

    def __init__(self, child: Any, words: list[tuple[int, Any]]) -> None:
        """`words`: (offset in the phrase, term matcher), rarest first."""
        super().__init__(child)
        self._words = words
        self._settle()

    def _adjacent(self) -> bool:
        doc = self.child.id()
        offset, matcher = self._words[0]
        starts = {p - offset for p in matcher.value_as("positions")}
        for n, (offset, matcher) in enumerate(self._words[1:], 1):
            if n >= 2:  # beyond the intersected pair: bring this word's postings up to doc
                if matcher.is_active() and matcher.id() < doc:
                    matcher.skip_to(doc)
                if not matcher.is_active() or matcher.id() != doc:
                    return False
            starts.intersection_update(p - offset for p in matcher.value_as("positions"))
            if not starts:
                return False
        return True

    def _settle(self) -> None:
        while self.child.is_active() and not self._adjacent():
            self.child.next()

    def next(self) -> bool:
        self.child.next()
        self._settle()
        return False

    def skip_to(self, id: int) -> bool:
        self.child.skip_to(id)
        self._settle()
        return False

    def replace(self, minquality: float = 0) -> Any:
        # Whoosh replaces exhausted or simplified matchers; ours holds references to the
        # term matchers, so it can only be dropped once it has nothing left.
        return self if self.child.is_active() else matching.NullMatcher()

    def copy(self) -> Any:
        raise NotImplementedError("phrase matchers are not copied")

    def supports_block_quality(self) -> bool:
        # block-max skipping would skip candidates without checking their positions
        return False

    def all_ids(self) -> Any:
        while self.is_active():
            yield self.id()
            self.next()
