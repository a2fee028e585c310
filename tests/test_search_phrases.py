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


def _reference_snippet_matches(text: str, stems: set[str], phrases: list[tuple[str, ...]]):
    """Every word stemmed, as snippets were first built: what the candidate filter must
    reproduce."""
    from evidence_pack.core.search.analysis import WORD

    words = [(m.start(), m.end(), _stem(m.group().lower())) for m in WORD.finditer(text)]
    found = {(a, b) for a, b, s in words if s in stems}
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(w[2] for w in words[i:i + n]) == phrase:
                found.add((words[i][0], words[i + n - 1][1]))
    return found


def test_snippets_mark_what_stemming_every_word_marks():
    rng = random.Random(4)
    pages = [" ".join(" ".join(p) for p in dense_pages(1, seed=s)) for s in range(6)]
    pages.append("U.K. budgets... by-laws; Yearly byes, 'yes' y.o.y. 3.5m x_budget "
                 "uys IYS Ünited ünited Budget.Next e.g. eg")
    vocabulary = sorted({w.lower() for text in pages for w in text.split()})
    for text in pages:
        for _ in range(25):
            stems = {_stem(rng.choice(vocabulary).strip(".,;:'\"()")) for _ in range(3)}
            stems.discard("")
            phrase = tuple(_stem(w.strip(".,;:'\"()").lower())
                           for w in rng.choice(text.split(". ")).split()[:2])
            phrases = [phrase] if len(phrase) == 2 and all(phrase) else []
            snippet, spans = best_snippet(text, stems, _stem, phrases=phrases, width=10**7,
                                          lead=10**6)
            expected = _reference_snippet_matches(text, stems, phrases)
            # one window holding the whole page: every match is in the snippet
            offset = text.find(snippet[:50])
            if not expected:
                assert not spans
                continue
            assert offset >= 0
            assert {(a + offset, b + offset) for a, b in spans} == expected, (stems, phrases)
