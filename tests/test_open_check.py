"""A big pack's database is checked at open only after an unclean session or a week."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from evidence_pack.core.pack import Pack
from evidence_pack.core.store import open_check
from evidence_pack.core.store.database import Store


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every pack counts as big; the calls of the structural check are counted."""
    monkeypatch.setattr(open_check, "ALWAYS_CHECK_BYTES", 0)
    calls: list[int] = []
    original = Store.quick_problems

    def counted(self: Store) -> list[str]:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(Store, "quick_problems", counted)
    return calls


def _markers(folder: Path) -> list[Path]:
    return sorted(folder.glob(".open-*"))


def test_a_clean_close_spares_the_next_open_its_check(tmp_path: Path, checks: list[int]) -> None:
    pack = Pack.create(tmp_path / "p")
    assert len(checks) == 1  # never checked here before
    assert len(_markers(pack.folder)) == 1
    pack.close()
    assert _markers(pack.folder) == []
    Pack.open(tmp_path / "p").close()
    assert len(checks) == 1


def test_a_session_that_never_closed_means_a_check(tmp_path: Path, checks: list[int]) -> None:
    folder = Pack.create(tmp_path / "p").folder  # not closed: its marker stays
    crashed = _markers(folder)[0]
    dead = crashed.with_name(".open-999999999-deadbeef")  # a process that no longer exists
    crashed.rename(dead)
    Pack.open(folder).close()
    assert len(checks) == 2
    assert not dead.exists() and _markers(folder) == []


def test_a_live_session_elsewhere_is_left_alone(tmp_path: Path, checks: list[int]) -> None:
    folder = Pack.create(tmp_path / "p").folder
    for marker in _markers(folder):
        marker.unlink()
    other = folder / f".open-{os.getppid()}-0000"  # the process that started the tests
    other.write_text(str(os.getppid()))
    Pack.open(folder).close()
    assert len(checks) == 1 and other.exists()


def test_a_week_without_a_check_means_a_check(tmp_path: Path, checks: list[int]) -> None:
    pack = Pack.create(tmp_path / "p")
    pack.close()
    record = pack.folder / ".integrity.json"
    record.write_text(json.dumps({"checked_at": time.time() - 8 * 24 * 3600}))
    Pack.open(pack.folder).close()
    assert len(checks) == 2
    assert json.loads(record.read_text())["checked_at"] > time.time() - 60


def test_a_small_pack_is_checked_every_time(tmp_path: Path) -> None:
    calls: list[int] = []
    original = Store.quick_problems
    Store.quick_problems = lambda self: calls.append(1) or original(self)  # type: ignore[method-assign]
    try:
        Pack.create(tmp_path / "p").close()
        Pack.open(tmp_path / "p").close()
    finally:
        Store.quick_problems = original  # type: ignore[method-assign]
    assert len(calls) == 2



def test_a_read_only_pack_still_opens(tmp_path: Path, checks: list[int],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Pack.create(tmp_path / "p").folder  # left open: a marker a crash would leave
    stale = _markers(folder)[0]
    stale.rename(stale.with_name(".open-999999999-0000"))
    # markers and the check record cannot be written or removed (a write-protected stick)
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(Path, "unlink", refuse)
    monkeypatch.setattr(Path, "write_text", refuse)
    Pack.open(folder).close()
    assert len(checks) == 2  # the dead session still meant a check
