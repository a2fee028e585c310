"""The isolated worker: a hang, crash, memory blow-up or bug costs one file, not the import."""

from __future__ import annotations

import sys

import pytest

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.worker import IsolatedParser
from evidence_pack.core.pack import Pack
from evidence_pack.core.progress import Cancelled, CancelToken
from tests.helpers import write

GOOD = "Board minutes\n\nThe contract was awarded to Meridian Imaging in January 2015.\n"


def test_parses_in_a_worker_and_reuses_it(tmp_path):
    a = write(tmp_path, "a.txt", GOOD)
    b = write(tmp_path, "b.txt", GOOD + "More text.")
    with IsolatedParser() as parser:
        doc_a = parser.parse(a)
        first = parser.pid
        doc_b = parser.parse(b)
        assert parser.pid == first
    assert doc_a.title == "Board minutes"
    assert "More text." in doc_b.pages[-1].text


def test_hang_is_killed_and_the_next_file_still_parses(tmp_path):
    hang = write(tmp_path, "hang.txt", GOOD)
    good = write(tmp_path, "good.txt", GOOD)
    with IsolatedParser(timeout_s=1.5, parse_with="tests.hostile_parsers:hang_on_hang") as p:
        with pytest.raises(RejectedFile) as info:
            p.parse(hang)
        assert "stalled for longer than" in info.value.reason
        assert p.parse(good).title == "Board minutes"


def test_crash_in_native_code_is_reported(tmp_path):
    crash = write(tmp_path, "crash.txt", GOOD)
    good = write(tmp_path, "good.txt", GOOD)
    with IsolatedParser(parse_with="tests.hostile_parsers:crash_on_crash") as p:
        with pytest.raises(RejectedFile) as info:
            p.parse(crash)
        assert "crashed" in info.value.reason
        assert p.parse(good).pages


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux-only")
def test_memory_blow_up_is_contained(tmp_path):
    bloat = write(tmp_path, "bloat.txt", GOOD)
    good = write(tmp_path, "good.txt", GOOD)
    with IsolatedParser(memory_mb=256, parse_with="tests.hostile_parsers:bloat_on_bloat") as p:
        with pytest.raises(RejectedFile) as info:
            p.parse(bloat)
        assert "256 MB" in str(info.value)
        assert p.parse(good).pages


def test_parser_bug_becomes_a_reason(tmp_path):
    bug = write(tmp_path, "bug.txt", GOOD)
    with (
        IsolatedParser(parse_with="tests.hostile_parsers:raise_on_bug") as p,
        pytest.raises(RejectedFile) as info,
    ):
        p.parse(bug)
    assert "KeyError" in info.value.reason


def test_cancel_stops_a_long_parse(tmp_path):
    hang = write(tmp_path, "hang.txt", GOOD)
    token = CancelToken()
    token.cancel()
    with (
        IsolatedParser(cancel=token, parse_with="tests.hostile_parsers:hang_on_hang") as p,
        pytest.raises(Cancelled),
    ):
        p.parse(hang)


def test_import_goes_on_past_a_hanging_file(tmp_path):
    folder = tmp_path / "in"
    write(folder, "a.txt", GOOD)
    write(folder, "hang.txt", GOOD + "x")
    write(folder, "z.txt", GOOD + "y")
    pack = Pack.create(tmp_path / "p.evpack")
    with IsolatedParser(timeout_s=1.5, parse_with="tests.hostile_parsers:hang_on_hang") as p:
        report = pack.add([folder], parser=p)
    assert [i.path.rsplit("/", 1)[-1] for i in report.imported] == ["a.txt", "z.txt"]
    assert len(report.failed) == 1 and "stalled for longer" in report.failed[0].reason
    assert len(pack.sources()) == 2
    pack.close()


def test_long_pdf_reports_pages_and_cancel_mid_file_leaves_nothing(tmp_path):
    from evidence_pack.generate.pdf_writer import write_pdf

    pdf = write_pdf(tmp_path / "long.pdf", [[f"Page {n} of the board pack."] for n in
                                            range(1, 81)], title="Long pack")
    pack = Pack.create(tmp_path / "p.evpack")
    token = CancelToken()
    messages: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        messages.append(message)
        if message.endswith(" pages read"):
            token.cancel()  # the user presses Cancel as the first pages arrive

    report = pack.add([pdf], progress=progress, cancel=token)
    assert report.cancelled and report.imported == []
    assert "long.pdf: 16 pages read" in messages
    assert pack.sources() == [] and pack.search("board").total == 0
    again = pack.add([pdf])  # a fresh worker reads it whole next time
    assert [i.source.page_count for i in again.imported] == [80]
    pack.close()
