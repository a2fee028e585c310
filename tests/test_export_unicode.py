"""Word export never raises on any Unicode text: controls, NUL, lone surrogates, emoji,
right-to-left marks in statements, quotes, titles and questions."""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_pack.core.briefing import build_briefing
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from tests.helpers import TextParser, write

# every code point, lone surrogates and controls included
ANY_TEXT = st.text(st.characters(blacklist_categories=()), min_size=1, max_size=80)


def test_lone_surrogates_and_nul_are_stored_safely(tmp_path):
    with Pack.create(tmp_path / "p.evpack") as pack:
        claim = Operations(pack).create_claim("bad \ud800 text \x00 end", tags=["t\udfff"])
        stored = pack.get_claim(claim.new_id)
        assert stored.statement == "bad \ufffd text  end" and stored.tags == ("t\ufffd",)
        build_briefing(pack, tmp_path / "b.docx", title="title \ud800")
    assert docx.Document(str(tmp_path / "b.docx")).paragraphs


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statement=ANY_TEXT, page=ANY_TEXT, questions=ANY_TEXT, title=ANY_TEXT)
def test_export_survives_any_text(statement, page, questions, title):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        body = "Board paper\n\nThe contract was awarded. " + page.replace("\f", " ")
        source_file = write(folder / "docs", "a.txt", body.encode("utf-8", "replace")
                            .decode("utf-8"))
        with Pack.create(folder / "p.evpack") as pack:
            source = pack.add([source_file], parser=TextParser()).imported[0].source
            ops = Operations(pack)
            text = statement if statement.strip() else "placeholder"
            ops.create_claim(text, questions=questions, citations=[
                CitationSpec(source.id, 1, "The contract was awarded.")])
            out = folder / "b.docx"
            build_briefing(pack, out, title=title, summary=page)
        reopened = docx.Document(str(out))
        assert reopened.paragraphs
