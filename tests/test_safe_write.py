"""Output files are written whole or not at all, with plain messages when they cannot be."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from evidence_pack.core.safe_write import WriteFailed, write_atomically, write_with


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.ris"
    write_atomically(target, b"one")
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ris"]


def test_failure_midway_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "briefing.docx"
    target.write_bytes(b"previous export")

    def boom(fh) -> None:  # type: ignore[no-untyped-def]
        fh.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(WriteFailed, match="not enough disk space"):
        write_with(target, boom)
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.docx"]


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteFailed, match="does not exist"):
        write_atomically(tmp_path / "nope" / "x.csv", b"")


@pytest.mark.parametrize("owner", ["~$iefing.docx", "~$briefing.docx", ".~lock.briefing.docx#"])
def test_file_open_in_word_is_refused(tmp_path: Path, owner: str) -> None:
    (tmp_path / owner).write_bytes(b"")
    with pytest.raises(WriteFailed, match="open in another program"):
        write_atomically(tmp_path / "briefing.docx", b"new")
    assert not (tmp_path / "briefing.docx").exists()


def test_locked_target_on_replace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "briefing.docx"
    target.write_bytes(b"old")

    def locked(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(WriteFailed, match="open in another program or read-only"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(WriteFailed, match="permission denied"):
        write_atomically(tmp_path / "x.csv", b"")
