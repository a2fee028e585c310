"""The fused analyzer must produce exactly what Whoosh's stock chain would."""

from __future__ import annotations

import pytest

from evidence_pack.core.search.analysis import FastEnglishAnalyzer, reference_analyzer

SAMPLES = [
    "NHS England awarded the PET-CT contract to Alliance Medical in January 2015.",
    "It's worth £80.5m, e.g. under the U.K. framework; running runs ran.",
    "Ligatures are gone: office, ﬁnance? Non-ASCII: Llandaff Café, naïve, Zürich.",
    "  leading spaces\n\nand\tparagraphs  ",
    "",
    "a I x 1 22 333",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("mode", ["index", "query"])
def test_same_tokens_as_stock_chain(text: str, mode: str) -> None:
    def tokens(analyzer: object) -> list[tuple[str, int, int, int]]:
        return [(t.text, t.pos, t.startchar, t.endchar)
                for t in analyzer(text, positions=True, chars=True, mode=mode)]  # type: ignore[operator]

    assert tokens(FastEnglishAnalyzer()) == tokens(reference_analyzer())


def test_offsets_respect_start_char_and_pos() -> None:
    toks = [(t.text, t.pos, t.startchar) for t in
            FastEnglishAnalyzer()("scan contracts", positions=True, chars=True,
                                  start_pos=10, start_char=100)]
    assert toks == [("scan", 10, 100), ("contract", 11, 105)]


def test_untokenised_value_is_one_token() -> None:
    toks = [t.text for t in FastEnglishAnalyzer()("Alliance Medical", tokenize=False)]
    assert toks == ["Alliance Medical"]
