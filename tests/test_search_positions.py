"""Word positions stored as fixed-width arrays, and indexes written before them still read."""

from __future__ import annotations

import pickle
import random
import zlib

import pytest
from whoosh import query
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import RamStorage
from whoosh.formats import Positions

from evidence_pack.core.search.analysis import FastPositions
from evidence_pack.core.search.block_scoring import collect_best
from evidence_pack.core.search.phrases import ExactPhrase
from evidence_pack.core.search.positions import decode_positions, encode_positions
from evidence_pack.core.search.schema import build_schema
from evidence_pack.core.search.scoring import CachedLengthBM25F


@pytest.mark.parametrize("positions", [[0], [3, 4, 90], list(range(0, 65_535, 7)),
                                       [5, 65_535], [12, 65_536, 1_000_000]])
def test_positions_read_back_as_written(positions: list[int]) -> None:
    value = encode_positions(positions)
    assert list(decode_positions(value)) == positions
    # Whoosh reads the frequency from the value's first four bytes
    assert Positions().decode_frequency(value) == len(positions)


def test_two_bytes_a_position_on_an_ordinary_page() -> None:
    positions = list(range(10, 700, 23))
    assert len(encode_positions(positions)) == 4 + 1 + 2 * len(positions)
    # a page longer than 65,535 words needs four bytes a position, and gets them
    assert len(encode_positions([70_000])) == 4 + 1 + 4


def test_values_written_by_whoosh_before_the_change_read_the_same() -> None:
    positions = [2, 3, 17, 400, 401, 9000]
    legacy = Positions().encode(positions)
    assert list(decode_positions(legacy)) == positions
    assert list(decode_positions(legacy.rstrip(b"."))) == positions  # as stored in blocks
    assert FastPositions().decode_positions(legacy) == positions


def _first_block(reader) -> bytes:
    matcher = reader._terms.matcher("content", b"the", reader.schema["content"].format)
    data = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
    return zlib.decompress(data) if matcher._compression else data


WORDS = ["the", "committee", "in", "march", "budget", "of", "report", "scanner"]


def _pages(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 120)))
            for _ in range(count)]


def test_phrases_over_old_and_new_segments_match_whoosh(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    """A pack indexed before the change, grown after it: segments of both kinds, and
    every phrase finds, counts and scores exactly what Whoosh's own phrase query does."""
    rng = random.Random(5)
    ix = RamStorage().create_index(build_schema())
    with monkeypatch.context() as old:
        # the pickled deltas Whoosh's Positions format wrote, in blocks pickled with the
        # protocol Whoosh asks for
        old.setattr("evidence_pack.core.search.analysis.encode_positions",
                    lambda found: Positions().encode(found))
        old.setattr(whoosh3, "dumps", lambda obj, protocol=2: pickle.dumps(obj, protocol))
        writer = ix.writer()
        for n, text in enumerate(_pages(rng, 300)):
            writer.add_document(docid=f"1:{n}", sid="1", page=n + 1, content=text)
        writer.commit()
    writer = ix.writer()
    for n, text in enumerate(_pages(rng, 300)):
        writer.add_document(docid=f"2:{n}", sid="2", page=n + 1, content=text)
    writer.commit(merge=False)

    with ix.searcher(weighting=CachedLengthBM25F()) as searcher:
        leaves = searcher.leaf_searchers()
        assert len(leaves) == 2
        first, second = (leaf.reader().postings("content", "the").value()
                         for leaf, _offset in leaves)
        assert first[4] == 0x80 and second[4] in b"HI"  # pickled deltas, then arrays
        # the blocks themselves: Whoosh's protocol 2, then protocol 4 (bytes kept as bytes)
        assert [_first_block(leaf.reader())[:2] for leaf, _offset in leaves] == [
            b"\x80\x02", b"\x80\x04"]
        found = 0
        for _ in range(80):
            words = [rng.choice(WORDS) for _ in range(rng.randint(2, 4))]
            # pages as Whoosh's phrase query finds them; scores as ExactPhrase's matcher
            # gives them through Whoosh (its two rarest words' scores)
            pages = searcher.search(query.Phrase("content", words), limit=None,
                                    optimize=False)
            results = searcher.search(ExactPhrase("content", words), limit=None,
                                      optimize=False)
            theirs = {results.docnum(i): results.score(i) for i in range(len(results))}
            assert set(theirs) == {pages.docnum(i) for i in range(len(pages))}
            collected = collect_best(searcher, ExactPhrase("content", words), limit=10_000)
            ours = dict(collected.best)
            assert collected.total == len(theirs), words
            assert set(ours) == set(theirs), words
            for docnum, score in theirs.items():
                assert ours[docnum] == pytest.approx(score, rel=1e-9)
            found += bool(theirs)
        assert found > 20


@pytest.mark.parametrize("kinds", ["arrays", "with a long page", "pickled", "mixed"])
def test_packed_positions_find_what_each_page_holds(kinds: str) -> None:
    from evidence_pack.core.search.positions import PAGE_SHIFT, PagePositions

    pages = {0: [0, 5, 9], 3: [2], 4: [1, 70_000] if kinds == "with a long page" else [1, 7],
             9: [4, 5, 6]}

    def value(n: int, found: list[int]) -> bytes:
        legacy = kinds == "pickled" or (kinds == "mixed" and n % 2)
        return (Positions().encode(found) if legacy else encode_positions(found)).rstrip(b".")

    packed = PagePositions(10, list(pages), [value(n, f) for n, f in enumerate(pages.values())])
    assert sorted(packed.keys) == sorted((d << PAGE_SHIFT) + p
                                         for d, found in pages.items() for p in found)
    # phrase starts one word before each of the word's positions, and some that are not
    wanted = {(d << PAGE_SHIFT) + p - 1 for d, found in pages.items() for p in found}
    decoys = {(1 << PAGE_SHIFT) + 3, (9 << PAGE_SHIFT) + 8, (0 << PAGE_SHIFT) - 1 - 1,
              (12 << PAGE_SHIFT) + 1}
    assert packed.starts_followed(wanted | decoys, 1) == wanted


def test_keys_of_a_big_segment_hold_each_page_and_position() -> None:
    """Keys laid out as bytes equal page << PAGE_SHIFT | position on pages past 65,535 and
    with positions in both widths."""
    import random

    from evidence_pack.core.search.positions import PAGE_SHIFT, PagePositions

    rng = random.Random(5)
    pages = {d: sorted(rng.sample(range(90_000 if d % 7 == 0 else 900), rng.randint(1, 9)))
             for d in sorted(rng.sample(range(200_000), 300))}
    packed = PagePositions(200_000, list(pages), [encode_positions(f) for f in pages.values()])
    assert list(packed.keys) == [(d << PAGE_SHIFT) | p for d, found in pages.items()
                                 for p in found]
    short = {d: f for d, f in pages.items() if f[-1] < 65_536}
    packed = PagePositions(200_000, list(short), [encode_positions(f) for f in short.values()])
    assert packed.positions.itemsize == 2
    assert list(packed.keys) == [(d << PAGE_SHIFT) | p for d, found in short.items()
                                 for p in found]
