"""Block scoring finds, counts and scores what Whoosh's own search does."""

from __future__ import annotations

import random
from datetime import datetime

import pytest
from whoosh import index
from whoosh.filedb.filestore import RamStorage

from evidence_pack.core.search.block_scoring import collect_best
from evidence_pack.core.search.query import expand_fuzzy, make_parser, parse_query
from evidence_pack.core.search.schema import build_schema
from evidence_pack.core.search.scoring import CachedLengthBM25F, field_lengths

COMMON = ["budget", "board", "report", "committee", "the", "of", "contract", "march"]
RARE = ["scanner", "tender", "deficit", "surplus", "consultation", "inspection", "rating",
        "recruitment", "recruiting", "transport", "transformation", "draft", "workforce"]


def _index() -> index.Index:
    """Three segments, some pages deleted, words from common to rare, titles and kinds."""
    rng = random.Random(11)
    ix = RamStorage().create_index(build_schema())
    n = 0
    for _batch in range(3):
        writer = ix.writer()
        for _ in range(400):
            words = [rng.choice(COMMON) for _ in range(rng.randint(5, 150))]
            words += [rng.choice(RARE) for _ in range(rng.randint(0, 3))]
            rng.shuffle(words)
            writer.add_document(
                docid=f"{n % 40}:{n}", sid=str(n % 40), page=n % 50 + 1,
                content=" ".join(words),
                title=rng.choice(["Board report", "Audit committee", "Budget", ""]),
                kind=rng.choice(["pdf", "web", "email"]),
                published=datetime(2010 + n % 8, 1 + n % 12, 1 + n % 28),
            )
            n += 1
        writer.commit()
    writer = ix.writer()
    for sid in ("3", "17"):
        writer.delete_by_term("sid", sid)
    writer.commit(merge=False)
    return ix


QUERIES = [
    "budget", "scanner", "board budget", "scanner AND budget", "tender OR consultation",
    "inspection NOT rating", "recruit*", "trans*", "title:board contract", "kind:pdf audit",
    "kind:web budget", "page:[10 TO 20] budget", "published:[2014 TO 2015] budget",
    "published:>2016-06 scanner", "page:7", "page:[40 TO] OR scanner",
    "(tender OR contract) AND (deficit OR surplus) NOT draft",
    '"budget committee"', '"the committee"', "budget^3 scanner", "comitee~", "NOT budget",
    "draft OR (scanner AND workforce)", "nosuchword", "budget NOT scanner NOT tender",
]


@pytest.fixture(scope="module")
def searcher():
    ix = _index()
    with ix.searcher(weighting=CachedLengthBM25F()) as s:
        assert len(s.leaf_searchers()) >= 3  # several segments, as a grown pack has
        yield s


def _whoosh(searcher, q):
    results = searcher.search(q, limit=None, optimize=False)
    return {results.docnum(i): results.score(i) for i in range(len(results))}


@pytest.mark.parametrize("text", QUERIES)
def test_same_pages_and_scores_as_whoosh(searcher, text: str) -> None:
    parser = make_parser(searcher.schema)
    q = expand_fuzzy(parse_query(parser, text), searcher.reader())
    theirs = _whoosh(searcher, q)
    collected = collect_best(searcher, q, limit=10_000)
    ours = dict(collected.best)
    assert collected.total == len(theirs) == len(ours)
    assert set(ours) == set(theirs)
    if "*" not in text:  # a prefix is an OR of its words here, scored as such
        for docnum, score in theirs.items():
            assert ours[docnum] == pytest.approx(score, rel=1e-9), (text, docnum)


@pytest.mark.parametrize("text", ["budget", "board budget", "tender OR consultation",
                                  "kind:pdf audit", '"the committee"', "recruit*"])
def test_the_best_n_are_the_best_of_all_in_whoosh_order(searcher, text: str) -> None:
    parser = make_parser(searcher.schema)
    q = expand_fuzzy(parse_query(parser, text), searcher.reader())
    everything = collect_best(searcher, q, limit=10_000)
    for limit in (1, 7, 20):
        top = collect_best(searcher, q, limit=limit)
        assert top.total == everything.total
        assert top.best == everything.best[:limit]
        scores = [s for _d, s in top.best]
        assert scores == sorted(scores, reverse=True)
        # equal scores in document order, as Whoosh's collector keeps them
        for (d1, s1), (d2, s2) in zip(top.best, top.best[1:], strict=False):
            assert s1 > s2 or d1 < d2


def test_a_single_word_ranks_exactly_as_whoosh(searcher) -> None:
    parser = make_parser(searcher.schema)
    q = parse_query(parser, "scanner")
    whoosh_top = [(hit.docnum, hit.score) for hit in searcher.search(q, limit=15)]
    assert collect_best(searcher, q, limit=15).best == whoosh_top


def test_filter_and_deleted_pages_never_count(searcher) -> None:
    parser = make_parser(searcher.schema)
    q = parse_query(parser, "budget")
    allowed = {d for d in range(searcher.doc_count_all()) if d % 3 == 0}
    collected = collect_best(searcher, q, limit=10_000, allowed=allowed)
    theirs = _whoosh(searcher, q)
    assert set(dict(collected.best)) == {d for d in theirs if d % 3 == 0}
    deleted = {d for d in range(searcher.doc_count_all()) if searcher.reader().is_deleted(d)}
    assert deleted and not deleted & set(dict(collected.best))


def test_random_phrases_match_whoosh_phrase_queries(searcher) -> None:
    from whoosh import query

    from evidence_pack.core.search.analysis import stem_term
    from evidence_pack.core.search.phrases import ExactPhrase

    rng = random.Random(3)
    found_some = 0
    for _ in range(60):
        words = [stem_term(rng.choice(COMMON + RARE[:3])) for _ in range(rng.randint(2, 4))]
        theirs = _whoosh(searcher, query.Phrase("content", words))
        collected = collect_best(searcher, ExactPhrase("content", words), limit=10_000)
        assert set(dict(collected.best)) == set(theirs), words
        assert collected.total == len(theirs)
        found_some += bool(theirs)
    assert found_some > 10


def test_cached_postings_give_the_same_results_and_stay_bounded(searcher) -> None:
    from evidence_pack.core.search.block_scoring import PostingsCache

    parser = make_parser(searcher.schema)
    cache = PostingsCache(max_postings=1_200)
    cache.MIN_POSTINGS = 10  # the test index is small
    for text in ("budget", "board budget", "scanner AND budget", '"budget committee"',
                 "budget"):
        q = parse_query(parser, text)
        fresh = collect_best(searcher, q, limit=50)
        assert collect_best(searcher, q, limit=50, cache=cache) == fresh
        assert collect_best(searcher, q, limit=50, cache=cache) == fresh  # from the cache
        assert cache.held <= cache.max_postings
    assert cache.held > 0


def test_cached_positions_find_the_same_phrases_and_stay_bounded(searcher) -> None:
    from evidence_pack.core.search.block_scoring import PostingsCache

    parser = make_parser(searcher.schema)
    cache = PostingsCache(max_position_bytes=300_000)
    cache.MIN_POSTINGS = 10
    for text in ('"the committee"', '"budget of the"', '"march report"', '"the committee"',
                 '"of the board" AND contract', '"budget of the"'):
        q = parse_query(parser, text)
        fresh = collect_best(searcher, q, limit=50)
        assert collect_best(searcher, q, limit=50, cache=cache) == fresh
        assert collect_best(searcher, q, limit=50, cache=cache) == fresh  # from the cache
        assert 0 < cache.position_bytes <= cache.max_position_bytes


def test_cached_scores_are_scored_again_when_the_pack_grows() -> None:
    """A term's scores are kept with its postings, but a page's BM25F score moves when
    another segment changes the word's idf and the average page length."""
    from evidence_pack.core.search.block_scoring import PostingsCache

    ix = RamStorage().create_index(build_schema())
    rng = random.Random(2)

    def add(count: int, words: list[str]) -> None:
        writer = ix.writer()
        for n in range(count):
            writer.add_document(docid=f"{count}:{n}", sid=str(count), page=n + 1,
                                content=" ".join(rng.choice(words) for _ in range(40)))
        writer.commit(merge=False)

    add(300, ["budget", "board", "report"])
    cache = PostingsCache()
    cache.MIN_POSTINGS = 10
    q = parse_query(make_parser(build_schema()), "budget")
    with ix.searcher(weighting=CachedLengthBM25F()) as searcher:
        first = collect_best(searcher, q, limit=300, cache=cache)
        assert collect_best(searcher, q, limit=300, cache=cache) == first  # kept scores
    # longer pages, most without the word: idf and the average length both move
    add(500, ["minutes", "agenda", "item", "budget"] + ["x"] * 40)
    with ix.searcher(weighting=CachedLengthBM25F()) as searcher:
        grown = collect_best(searcher, q, limit=10_000, cache=cache)
        assert grown == collect_best(searcher, q, limit=10_000)
        old_scores = dict(first.best)
        assert any(s != old_scores[d] for d, s in grown.best if d in old_scores)


def test_sparse_pages_in_play_skip_blocks_and_find_the_same(monkeypatch) -> None:
    """An AND of a rare and a common word reads the common word's blocks only where the
    rare word's pages are; what it finds is what Whoosh finds."""
    from whoosh.codec import whoosh3

    ix = RamStorage().create_index(build_schema())
    writer = ix.writer()
    for n in range(3000):
        words = "budget report" + (" scanner" if n in (5, 1700, 2999) else "")
        writer.add_document(docid=f"1:{n}", sid="1", page=n + 1, content=words)
    writer.commit()
    reads = []
    original = whoosh3.W3LeafMatcher._read_data
    monkeypatch.setattr(whoosh3.W3LeafMatcher, "_read_data",
                        lambda self: reads.append(1) or original(self))
    with ix.searcher(weighting=CachedLengthBM25F()) as searcher:
        q = parse_query(make_parser(searcher.schema), "scanner AND budget")
        collected = collect_best(searcher, q, limit=10)
        blocks_read = len(reads)
        assert sorted(d for d, _s in collected.best) == [5, 1700, 2999]
        assert collected.total == 3
        assert dict(collected.best) == pytest.approx(_whoosh(searcher, q))
    # budget's blocks holding those three pages, and scanner's one, of 24 for budget
    assert blocks_read == 3 + 1


def test_norms_of_both_fields_stay_for_a_query_on_title_and_content(searcher) -> None:
    """Each field's length norms are computed once per segment and kept: a query on title
    and content used to drop one field's norms while computing the other's, every search."""
    from evidence_pack.core.search import block_scoring

    q = parse_query(make_parser(searcher.schema), "title:board contract")
    first = collect_best(searcher, q, limit=20)
    assert collect_best(searcher, q, limit=20) == first
    for leaf, _offset in searcher.leaf_searchers():
        kept = leaf.reader()._perdoc.__dict__[block_scoring._NORMS]
        assert {key[0] for key in kept} == {"title", "content"}


def test_field_lengths_read_in_bulk_match_whooshs_own_lookup() -> None:
    """Lengths read as one block of bytes equal Whoosh's per-page lookup, including pages
    at a segment's end whose title is empty (the column stops before them)."""
    ix = RamStorage().create_index(build_schema())
    writer = ix.writer()
    for n in range(60):
        writer.add_document(docid=f"1:{n}", sid="1", page=n + 1,
                            content=" ".join(["budget"] * (n * 7 % 300 + 1)),
                            title="Board report of the audit committee" if n < 40 else "")
    writer.commit()
    with ix.searcher(weighting=CachedLengthBM25F()) as s:
        reader = s.reader()  # one segment: the searcher reads it directly
        for field in ("content", "title"):
            lengths = field_lengths(reader, field)
            assert lengths is not None and len(lengths) == 60
            assert lengths == [reader.doc_field_length(d, field) or 1 for d in range(60)]
        assert field_lengths(reader, "title")[59] == 1
        assert field_lengths(reader, "content")[10] == reader.doc_field_length(10, "content") > 60
