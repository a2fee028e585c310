"""The fast phrase matcher finds exactly what Whoosh's own phrase query finds."""

from __future__ import annotations

import random

from whoosh import index, query
from whoosh.filedb.filestore import RamStorage

from evidence_pack.core.search.phrases import ExactPhrase
from evidence_pack.core.search.schema import build_schema
from evidence_pack.core.search.snippets import best_snippet
from evidence_pack.generate.board_prose import dense_pages

WORDS = ["the", "a", "of", "in", "committee", "contract", "march", "board", "report", "written",
         "answer", "to"]


def _index() -> tuple[index.Index, list[list[str]]]:
    rng = random.Random(5)
    ix = RamStorage().create_index(build_schema())
    writer = ix.writer()
    docs = []
    for n in range(300):
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 60))]
        docs.append(words)
        writer.add_document(docid=str(n), sid="1", page=n + 1, content=" ".join(words))
    writer.commit()
    return ix, docs


def test_same_documents_as_whoosh_phrase_for_random_phrases():
    ix, docs = _index()
    rng = random.Random(9)
    with ix.searcher() as searcher:
        for _ in range(150):
            phrase = [rng.choice(WORDS) for _ in range(rng.randint(2, 4))]
            stems = [_stem(w) for w in phrase]  # the index holds stems, as the parser gives
            ours = {h["docid"] for h in searcher.search(ExactPhrase("content", stems), limit=None)}
            theirs = {h["docid"] for h in searcher.search(query.Phrase("content", stems),
                                                             limit=None)}
            expected = {
                str(n) for n, words in enumerate(docs)
                if any(words[i : i + len(phrase)] == phrase for i in range(len(words)))
            }
            assert ours == theirs == expected, phrase


def test_snippet_centres_on_the_most_distinct_terms():
    text = " ".join(" ".join(p) for p in dense_pages(1, seed=2))
    text += " Finally the scanner contract was awarded to Meridian in January 2015."
    snippet, spans = best_snippet(text, {"scanner", "meridian", "januari"}, _stem)
    marked = [snippet[a:b] for a, b in spans]
    assert {"scanner", "Meridian", "January"} <= set(marked)
    assert len(snippet) <= 230


def test_snippet_offsets_survive_line_breaks():
    text = "Agenda item 7\nThe contract\nwas awarded\n\nin January."
    snippet, spans = best_snippet(text, {"contract", "award"}, _stem)
    assert "\n" not in snippet
    assert [snippet[a:b] for a, b in spans] == ["contract", "awarded"]


def _stem(word: str) -> str:
    from evidence_pack.core.search.analysis import stem_term

    return stem_term(word)


def test_edit_distance_bound():
    from evidence_pack.core.search.query import _within

    assert _within("procur", "procur", 0)
    assert _within("allianc", "allianse", 2) and not _within("allianc", "allianse", 1)
    assert _within("kitten", "sitting", 3) and not _within("kitten", "sitting", 2)
    assert not _within("abc", "abcdef", 2)
