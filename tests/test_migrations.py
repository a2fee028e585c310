"""A pack written at any earlier schema version opens and is upgraded without losing data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from evidence_pack.core.pack import Pack
from evidence_pack.core.store.migrate import _split_statements, latest_version, migration_steps


def make_pack_at(folder: Path, version: int) -> None:
    folder.mkdir(parents=True)
    (folder / "files").mkdir()
    db = sqlite3.connect(folder / "pack.sqlite")
    for _v, _name, sql in migration_steps()[:version]:
        for statement in _split_statements(sql):
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    db.execute("INSERT INTO pack_meta VALUES ('title', 'Old pack')")
    db.execute(
        "INSERT INTO sources (id, sha256, kind, title, imported_at, file_name, file_size, "
        "page_count, status) VALUES (1, 'ab', 'txt', 'Old source', '2020-01-01', 'a.txt', 3, "
        "1, 'imported')"
    )
    db.execute("INSERT INTO pages VALUES (1, 1, NULL, NULL, 'Erigal was bought in 2013')")
    db.commit()
    db.close()


@pytest.mark.parametrize("version", range(1, latest_version()))
def test_every_past_version_upgrades(tmp_path: Path, version: int) -> None:
    folder = tmp_path / "old.evpack"
    make_pack_at(folder, version)
    with Pack.open(folder) as pack:
        assert pack.store.schema_version == latest_version()
        assert pack.title == "Old pack"
        assert [s.title for s in pack.sources()] == ["Old source"]
        assert pack.search("erigal").total == 1  # the index is built from the old data
        assert pack.claims() == []
        assert pack.store.integrity_problems() == []


def test_migrations_are_numbered_without_gaps() -> None:
    steps = migration_steps()
    assert [v for v, _, _ in steps] == list(range(1, len(steps) + 1))
    assert latest_version() >= 2
