"""Letters' stems lined up in large or bold type are not a table's rules."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from evidence_pack.core.ocr import open_engine
from evidence_pack.core.ocr.engine import RecognisedWord
from evidence_pack.core.ocr.page_reader import read_page_image
from evidence_pack.core.ocr.page_text import compose, layout
from evidence_pack.core.ocr.preprocess import Rule
from evidence_pack.core.ocr.tables import Table

NOTICE = ["Westmoor Road will close from", "4 April 2016 for depot works.",
          "Ask at the library for the plans."]


@pytest.fixture(scope="module")
def engine():
    engine = open_engine()
    yield engine
    engine.close()


def test_a_notice_in_bold_type_is_read_line_by_line(engine) -> None:
    # the l of "will" stands over the d of "depot" and the f of "from" over the k of
    # "works": their stems met as two long vertical lines, read as a table's columns
    image = Image.new("L", (1100, 700), 248)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    for n, line in enumerate(NOTICE):
        draw.text((60, 120 + 69 * n), line, font=font, fill=30, stroke_width=1, stroke_fill=30)
    text = read_page_image(image, engine).text
    assert text.split("\n") == NOTICE


def _word(text: str, x0: int, x1: int, line: int) -> RecognisedWord:
    return RecognisedWord(text, (x0, 100 * line, x1, 100 * line + 40), 95.0, 0, 0, line)


def test_rules_between_cells_stay_and_rules_through_words_go() -> None:
    words = [_word("Roof", 10, 90, 1), _word("£95,000", 210, 330, 1),
             _word("Gutters", 10, 130, 2), _word("£4,500", 210, 320, 2)]
    # a column-only table: one vertical rule between the columns, one through the amounts
    between, through = Rule(170, 90, 176, 250), Rule(260, 90, 266, 250)
    table = Table((0, 90, 400, 250), [90, 250], [between, through], ruled_rows=False)
    assert table.without_rules_through(words) is None  # one rule left is no such table
    ruled = Table((0, 90, 400, 250), [90, 170, 250], [between, through])
    kept = ruled.without_rules_through(words)
    assert kept is not None and kept.column_rules == [between]
    text, _ = compose(layout(words, [ruled]))
    assert text == "Roof\t£95,000\nGutters\t£4,500"
