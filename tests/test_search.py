"""Search syntax and results: words, phrases, boolean, prefix, fuzzy, fields, snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_pack.core.errors import SearchSyntaxError
from evidence_pack.core.pack import Pack
from tests.helpers import TextParser, write

AWARD = (
    "published: 2016-02\n"
    "NHS England awarded the PET-CT contract to Alliance Medical in January 2015.\n"
    "The contract was worth £80 million over ten years."
)
BOARD = (
    "published: 2014-11\n"
    "Council board papers on diagnostic scanning services.\f"
    "Alliance Medical completed its purchase of Erigal in 2014.\f"
    "Questions about waiting times at the imaging centre."
)
NEWS = "published: 2013-05\nAn article about hospital parking charges and scanners."


@pytest.fixture
def loaded(pack: Pack, tmp_path: Path, text_parser: TextParser) -> Pack:
    paths = [write(tmp_path / "in", n, t) for n, t in
             [("award.txt", AWARD), ("board.txt", BOARD), ("news.txt", NEWS)]]
    report = pack.add(paths, parser=text_parser)
    assert len(report.imported) == 3
    return pack


def pages_of(pack: Pack, query: str, **kw: object) -> set[tuple[str, int]]:
    return {(h.title, h.page) for h in pack.search(query, **kw).hits}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("alliance", {("award", 1), ("board", 2)}),
        ("contracts", {("award", 1)}),  # stemming
        ('"purchase of Erigal"', {("board", 2)}),
        ('"Erigal purchase"', set()),  # a phrase is ordered and exact
        ('"contract Alliance"', set()),  # no stop word is skipped inside a phrase
        ('"contract to Alliance"', {("award", 1)}),
        ("alliance AND erigal", {("board", 2)}),
        ("alliance NOT erigal", {("award", 1)}),
        ("erigal OR parking", {("board", 2), ("news", 1)}),
        ("scan*", {("board", 1), ("news", 1)}),
        ("allaince~2", {("award", 1), ("board", 2)}),
        ("allianse~", {("award", 1), ("board", 2)}),  # a typo of one letter
        ("title:board", {("board", 1), ("board", 2), ("board", 3)}),
        ("waiting page:3", {("board", 3)}),
        ("alliance page:[2 TO 3]", {("board", 2)}),
        ("kind:txt parking", {("news", 1)}),
        ("published:2014", {("board", 1), ("board", 2), ("board", 3)}),
        ("alliance published:[2015 TO 2016]", {("award", 1)}),
        ("alliance published:>2015", {("award", 1)}),
    ],
)
def test_query_syntax(loaded: Pack, query: str, expected: set[tuple[str, int]]) -> None:
    assert pages_of(loaded, query) == expected


def test_source_field_matches_file_name_and_id(loaded: Pack) -> None:
    board_id = next(s.id for s in loaded.sources() if s.title == "board")
    assert pages_of(loaded, "source:board.txt alliance") == {("board", 2)}
    assert pages_of(loaded, f"source:{board_id} alliance") == {("board", 2)}


def test_filters_by_source_and_kind(loaded: Pack) -> None:
    board_id = next(s.id for s in loaded.sources() if s.title == "board")
    assert pages_of(loaded, "alliance", source_ids=[board_id]) == {("board", 2)}
    assert pages_of(loaded, "alliance", kinds=["pdf"]) == set()


def test_hits_carry_snippet_with_highlight_offsets(loaded: Pack) -> None:
    results = loaded.search('"PET-CT contract"')
    assert results.total == 1
    hit = results.hits[0]
    assert hit.page == 1 and hit.title == "award"
    marked = {hit.snippet[a:b] for a, b in hit.highlights}
    assert marked == {"PET-CT contract"}  # the phrase as one mark
    assert "\n" not in hit.snippet


def test_total_counts_all_matches_beyond_limit(pack: Pack, tmp_path: Path,
                                               text_parser: TextParser) -> None:
    text = "\f".join(f"Page {i} mentions the scanner contract." for i in range(30))
    pack.add([write(tmp_path, "many.txt", text)], parser=text_parser)
    results = pack.search("scanner", limit=5)
    assert results.total == 30
    assert len(results.hits) == 5


def test_ranking_prefers_denser_match(pack: Pack, tmp_path: Path,
                                      text_parser: TextParser) -> None:
    pack.add([write(tmp_path, "thin.txt", "one mention of erigal among many other words " * 5),
              write(tmp_path, "dense.txt", "Erigal. Erigal bought. Erigal sold.")],
             parser=text_parser)
    assert pack.search("erigal").hits[0].title == "dense"


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_is_a_clear_error(loaded: Pack, query: str) -> None:
    with pytest.raises(SearchSyntaxError, match="empty query"):
        loaded.search(query)


def test_json_shape(loaded: Pack) -> None:
    data = loaded.search("alliance", limit=1).to_dict()
    assert data["total"] == 2
    assert set(data["hits"][0]) >= {"source_id", "title", "page", "score", "snippet"}


def test_imports_merge_small_segments_but_leave_a_dominant_one(pack, tmp_path, text_parser):
    """After many single-file imports the index stays at a few segments (fast searches)
    without rewriting the big one each time (fast imports), and finds everything."""
    from evidence_pack.core.search import index as index_module

    big = [write(tmp_path / "big", f"board-{n:02}.txt", f"Board paper {n} on the scanner "
                 f"contract.\f" + "\f".join(f"Page {p} of paper {n}." for p in range(9)))
           for n in range(30)]
    pack.add(big, parser=text_parser)  # one import: everything merged into one segment
    ix = pack.index._index()
    assert len(ix._segments()) == 1
    largest = ix._segments()[0]
    for n in range(index_module._MAX_SMALL_SEGMENTS + 3):
        pack.add([write(tmp_path / "small", f"note-{n}.txt", f"Note {n} on the scanner.")],
                 parser=text_parser)
    segments = pack.index._index()._segments()
    assert len(segments) <= index_module._MAX_SMALL_SEGMENTS  # not one per import
    assert any(s.segment_id() == largest.segment_id() for s in segments)  # never rewritten
    assert pack.search("scanner").total == 30 + index_module._MAX_SMALL_SEGMENTS + 3


def test_a_phrase_is_marked_only_where_its_words_stand_together(pack, tmp_path, text_parser):
    text = ("The rule was dated June 10, 2020. Its effective date is 1 July. A later date "
            "applies to the effective parts.")
    pack.add([write(tmp_path, "rule.txt", text)], parser=text_parser)
    hit = pack.search('"effective date"').hits[0]
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["effective date"]
    loose = pack.search("effective date").hits[0]  # two words, anywhere: each one marked
    marked = [loose.snippet[a:b] for a, b in loose.highlights]
    assert {"dated", "effective", "date"} <= set(marked)


def test_hits_carry_their_source_kind(loaded: Pack) -> None:
    hit = loaded.search('"PET-CT contract"').hits[0]
    assert hit.kind == "txt" and hit.to_dict()["kind"] == "txt"
