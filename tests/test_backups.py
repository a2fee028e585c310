"""Verified rotating backups and restoring a damaged pack from the newest good one."""

from __future__ import annotations

import sqlite3

import pytest

from evidence_pack.core.errors import PackDamaged
from evidence_pack.core.operations import Operations
from evidence_pack.core.pack import Pack
from evidence_pack.core.store import backups


def _claims(pack: Pack) -> list[str]:
    return [c.statement for c in pack.claims()]


def test_close_after_changes_takes_a_verified_backup(tmp_path):
    pack = Pack.create(tmp_path / "p.evpack")
    Operations(pack).create_claim("The contract was awarded in January 2015.")
    pack.close()
    found = backups.list_backups(tmp_path / "p.evpack")
    assert len(found) == 1
    assert backups.database_problems(found[0].path) == []
    copy = sqlite3.connect(found[0].path)
    assert copy.execute("SELECT statement FROM claims").fetchone()[0].startswith("The contract")
    copy.close()


def test_no_backup_when_nothing_changed(tmp_path):
    Pack.create(tmp_path / "p.evpack").close()
    before = backups.list_backups(tmp_path / "p.evpack")
    Pack.open(tmp_path / "p.evpack").close()
    assert backups.list_backups(tmp_path / "p.evpack") == before


def test_rotation_keeps_the_newest(tmp_path):
    pack = Pack.create(tmp_path / "p.evpack")
    taken = [backups.take_backup(pack.store._conn, pack.folder, keep=3) for _ in range(5)]
    kept = backups.list_backups(pack.folder)
    assert [b.path for b in kept] == [b.path for b in reversed(taken[-3:])]
    pack.close()


def _damage(db_path):
    with open(db_path, "r+b") as f:
        f.seek(0)
        f.write(b"this is no longer a database header" * 3)


def test_damaged_database_is_restored_from_the_newest_good_backup(tmp_path):
    folder = tmp_path / "p.evpack"
    pack = Pack.create(folder)
    ops = Operations(pack)
    ops.create_claim("First claim, backed up.")
    pack.backup()
    ops.create_claim("Second claim, after the backup.")
    pack.store.close()  # simulate the process dying: no close-time backup
    _damage(folder / "pack.sqlite")

    reopened = Pack.open(folder)
    assert reopened.restored_from is not None
    assert "backup from" in reopened.recovery_note
    assert _claims(reopened) == ["First claim, backed up."]
    assert any(p.name.startswith("pack.sqlite.damaged-") for p in folder.iterdir())
    # the index belonged to the lost state, so it is rebuilt from the restored database
    assert reopened.index.ensure_current() is True
    reopened.close()


def test_damaged_backup_is_skipped(tmp_path):
    folder = tmp_path / "p.evpack"
    pack = Pack.create(folder)
    Operations(pack).create_claim("Only claim.")
    good = pack.backup()
    bad = backups.take_backup(pack.store._conn, folder)
    pack.store.close()
    _damage(bad.path)
    _damage(folder / "pack.sqlite")
    reopened = Pack.open(folder)
    assert reopened.restored_from.path == good.path
    assert _claims(reopened) == ["Only claim."]
    reopened.close()


def test_damaged_without_backup_is_a_clear_error(tmp_path):
    folder = tmp_path / "p.evpack"
    pack = Pack.create(folder)
    pack.store.close()
    _damage(folder / "pack.sqlite")
    with pytest.raises(PackDamaged) as info:
        Pack.open(folder)
    assert "no backup" in str(info.value)
    assert (folder / "pack.sqlite").exists(), "the damaged file is never deleted"
