"""A parse worker started ahead of the next import: adopted once, never shared, replaced."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_pack.core.ingest.standby import StandbyWorker
from evidence_pack.core.ingest.worker import IsolatedParser
from evidence_pack.core.pack import Pack
from tests.helpers import write

MINUTES = "Board minutes\n\nThe committee approved the Westmoor depot lease in March 2016.\n"


@pytest.fixture
def standby() -> Iterator[StandbyWorker]:
    worker = StandbyWorker()
    yield worker
    worker.close()


def test_an_import_adopts_the_waiting_worker_and_it_is_not_handed_out_twice(
        tmp_path: Path, standby: StandbyWorker) -> None:
    minutes = write(tmp_path, "minutes.txt", MINUTES)
    standby.prepare()
    waiting = standby.pid
    assert waiting is not None
    with IsolatedParser(standby=standby) as parser:
        assert parser.parse(minutes).title == "Board minutes"
        assert parser.pid == waiting
    assert standby.pid is None  # taken: the next import's comes from the next prepare
    with IsolatedParser(standby=standby) as parser:
        parser.parse(minutes)
        assert parser.pid != waiting
    standby.prepare()
    assert standby.pid not in (None, waiting)


def test_a_worker_started_with_other_limits_or_dead_is_not_adopted(
        tmp_path: Path, standby: StandbyWorker) -> None:
    minutes = write(tmp_path, "minutes.txt", MINUTES)
    standby.prepare()
    waiting = standby.pid
    with IsolatedParser(standby=standby, memory_mb=700) as parser:
        parser.parse(minutes)
        assert parser.pid != waiting  # its memory limit is not this parser's
    assert standby.pid is None
    standby.prepare()
    dead = standby.pid
    assert dead is not None
    os.kill(dead, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while standby.pid is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    with IsolatedParser(standby=standby) as parser:
        assert parser.parse(minutes).title == "Board minutes"
        assert parser.pid != dead


def test_pack_add_reads_with_the_waiting_worker_and_a_closed_standby_starts_none(
        tmp_path: Path, standby: StandbyWorker) -> None:
    minutes = write(tmp_path / "docs", "minutes.txt", MINUTES)
    standby.prepare()
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([minutes], standby=standby)
        assert [i.source.title for i in report.imported] == ["Board minutes"]
    assert standby.pid is None
    standby.close()
    standby.prepare()
    assert standby.pid is None
