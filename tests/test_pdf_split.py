"""A long PDF read by two processes: the same document as one reader gives, in page order,
and a second reader that dies or hangs costs nothing but its own time."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from evidence_pack.core.ingest.worker import IsolatedParser, core_to_spare, has_long_pdf
from evidence_pack.core.models import ParsedDocument
from evidence_pack.core.pack import Pack
from evidence_pack.core.progress import Cancelled, CancelToken
from evidence_pack.generate.board_prose import dense_pages
from evidence_pack.generate.pdf_writer import write_pdf

HOSTILE = "tests.hostile_parsers"


def _pdf(folder: Path, name: str, pages: int, seed: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    body = dense_pages(pages, seed=seed, chars_per_page=600)
    # a page number in words on every page, so a page out of place cannot go unseen
    return write_pdf(folder / name, [[f"Sheet {n + 1} of the pack.", *p]
                                     for n, p in enumerate(body)],
                     title=f"Board pack {name}", page_labels=[f"A-{n + 1}" for n in range(pages)])


def _pages(doc: ParsedDocument) -> list[tuple[int, str, str | None]]:
    return [(p.number, p.text, p.label) for p in doc.pages]


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ParsedDocument]:
    pdf = _pdf(tmp_path_factory.mktemp("split"), "long.pdf", 100)
    with IsolatedParser() as one:
        return pdf, one.parse(pdf)


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped) counts as gone
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def test_two_readers_give_the_document_one_reader_gives(long_pdf):
    pdf, alone = long_pdf
    streamed: list[int] = []
    with IsolatedParser(second_reader=True) as two:
        doc = two.parse(pdf, on_pages=lambda head, batch, analysed: streamed.extend(
            p.number for p in batch))
        assert two.second_reader_pages.value == 50  # the later half came from the second
    assert _pages(doc) == _pages(alone)
    assert streamed == list(range(1, 101))  # handed on in page order
    assert (doc.title, doc.warnings, doc.published) == (alone.title, alone.warnings,
                                                        alone.published)
    assert doc.pages[99].text.startswith("Sheet 100 of the pack.")


def test_a_pack_read_by_two_readers_searches_as_one_read_by_one(tmp_path, long_pdf):
    pdf, _ = long_pdf
    with IsolatedParser(second_reader=True) as two:
        pack = Pack.create(tmp_path / "two.evpack")
        pack.add([pdf], parser=two)
    with IsolatedParser() as one:
        alone = Pack.create(tmp_path / "one.evpack")
        alone.add([pdf], parser=one)
    for query in ('"sheet 100 of the pack"', "sheet", "pack AND board"):
        assert ([(h.page, round(h.score, 6)) for h in pack.search(query, limit=200).hits]
                == [(h.page, round(h.score, 6)) for h in alone.search(query, limit=200).hits])
    pack.close()
    alone.close()


def test_a_second_reader_that_crashes_costs_nothing(long_pdf):
    pdf, alone = long_pdf
    with IsolatedParser(second_reader=True,
                        second_reader_with=f"{HOSTILE}:crash_on_page_70") as two:
        two.warm_up()
        first_pair = (two.pid, two.second_reader_pid)
        assert _pages(two.parse(pdf)) == _pages(alone)  # the worker read the rest itself
        assert two.second_reader_pages.value < 50
        again = two.parse(pdf)
        # the worker gave up on its second reader; the pair was started afresh
        assert (two.pid, two.second_reader_pid) != first_pair
        assert _pages(again) == _pages(alone)


def test_a_second_reader_that_hangs_is_not_waited_for_long(long_pdf):
    pdf, alone = long_pdf
    with IsolatedParser(timeout_s=2.0, second_reader=True,
                        second_reader_with=f"{HOSTILE}:hang_on_page_70") as two:
        two.warm_up()
        stuck = two.second_reader_pid
        started = time.monotonic()
        assert _pages(two.parse(pdf)) == _pages(alone)
        assert time.monotonic() - started < 8  # a 0.5 s silence, not the file's limit
        two.parse(pdf)
        assert not _alive(stuck)  # replaced, not left running


def test_a_hostile_file_is_rejected_and_the_import_goes_on(tmp_path):
    folder = tmp_path / "in"
    _pdf(folder, "a-good.pdf", 60)
    _pdf(folder, "crash.pdf", 100, seed=2)
    _pdf(folder, "z-good.pdf", 60, seed=3)
    pack = Pack.create(tmp_path / "p.evpack")
    with IsolatedParser(second_reader=True, parse_with=f"{HOSTILE}:crash_on_page_70_of_crash",
                        second_reader_with=f"{HOSTILE}:crash_on_page_70") as two:
        report = pack.add([folder], parser=two)
        pids = (two.pid, two.second_reader_pid)
    assert [i.path.rsplit("/", 1)[-1] for i in report.imported] == ["a-good.pdf", "z-good.pdf"]
    assert len(report.failed) == 1 and "the reader crashed on it" in report.failed[0].reason
    assert [s.page_count for s in pack.sources()] == [60, 60]
    assert pack.search('"sheet 60 of the pack"').total == 2
    pack.close()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pids)  # no process outlives the parser


def test_cancel_stops_both_readers_at_once(tmp_path):
    pdf = _pdf(tmp_path, "long.pdf", 100)
    token = CancelToken()
    cancelled_at: list[float] = []

    def cancel_at_first_pages(head, batch, analysed) -> None:
        cancelled_at.append(time.monotonic())
        token.cancel()

    with IsolatedParser(cancel=token, second_reader=True,
                        second_reader_with=f"{HOSTILE}:hang_on_page_70") as two:
        two.warm_up()
        pids = (two.pid, two.second_reader_pid)
        with pytest.raises(Cancelled):
            two.parse(pdf, on_pages=cancel_at_first_pages)
        # from the moment Cancel is pressed (the workers' start on a loaded machine is not
        # part of it)
        assert time.monotonic() - cancelled_at[0] < 2
        assert not any(_alive(pid) for pid in pids)


def test_the_worker_killed_takes_its_second_reader_with_it(long_pdf):
    pdf, _ = long_pdf
    two = IsolatedParser(second_reader=True)
    try:
        two.warm_up()
        assert two.pid is not None and two.second_reader_pid is not None
        os.kill(two.pid, 9)
        helper = two._second.process
        helper.join(timeout=5)  # its pipe to the worker closed: it ends by itself
        assert not helper.is_alive()
        assert len(two.parse(pdf).pages) == 100  # a new pair reads the next file
    finally:
        two.close()


def test_a_second_reader_only_where_a_third_core_is_free():
    # the worker and the importer keep two cores busy already
    assert not core_to_spare(cores=2, load=0.0)
    assert not core_to_spare(cores=1, load=0.0)
    assert core_to_spare(cores=4, load=0.3)
    assert not core_to_spare(cores=4, load=2.0)  # it would only take turns with others
    assert core_to_spare(cores=8, load=5.0)


def test_long_pdfs_are_found_in_folders_and_among_files(tmp_path):
    folder = tmp_path / "in"
    _pdf(folder / "sub", "short.pdf", 2)
    (folder / "notes.txt").write_text("x" * 100_000, encoding="utf-8")
    assert not has_long_pdf([folder])  # a long file that is no PDF does not count
    long = _pdf(folder / "sub", "long.pdf", 100)
    assert has_long_pdf([folder]) and has_long_pdf([tmp_path / "missing.pdf", long])
