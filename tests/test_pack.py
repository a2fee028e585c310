"""The pack folder: creation, storage by SHA-256, duplicates, rejections, index as a cache."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evidence_pack.core.errors import PackExists, PackNotFound, SchemaTooNew, SourceNotFound
from evidence_pack.core.pack import Pack
from evidence_pack.core.store.migrate import latest_version
from tests.helpers import TextParser, write


def test_new_pack_layout_and_settings(tmp_path: Path) -> None:
    with Pack.create(tmp_path / "council", title="Scanning contract") as pack:
        assert pack.folder == tmp_path / "council.evpack"
        assert pack.title == "Scanning contract"
    folder = tmp_path / "council.evpack"
    assert (folder / "pack.sqlite").is_file()
    assert (folder / "files").is_dir()
    assert (folder / "index" / "state.json").is_file()
    db = sqlite3.connect(folder / "pack.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()


def test_open_accepts_name_without_suffix_and_rejects_missing(tmp_path: Path) -> None:
    Pack.create(tmp_path / "p").close()
    with Pack.open(tmp_path / "p") as pack:
        assert pack.folder.name == "p.evpack"
    with pytest.raises(PackNotFound, match="no evidence pack"):
        Pack.open(tmp_path / "nothing")


def test_create_refuses_existing_pack_and_non_empty_folder(tmp_path: Path) -> None:
    Pack.create(tmp_path / "p").close()
    with pytest.raises(PackExists):
        Pack.create(tmp_path / "p")
    write(tmp_path / "busy.evpack", "keep.txt", "user data")
    with pytest.raises(PackExists, match="not empty"):
        Pack.create(tmp_path / "busy")
    assert (tmp_path / "busy.evpack" / "keep.txt").read_text() == "user data"


def test_import_stores_bytes_under_sha256(pack: Pack, tmp_path: Path,
                                          text_parser: TextParser) -> None:
    src = write(tmp_path, "report.txt", "Inspection report text.")
    report = pack.add([src], parser=text_parser)
    source = report.imported[0].source
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    assert source.sha256 == digest
    assert pack.file_path(source).read_bytes() == src.read_bytes()
    assert pack.file_path(source).name == digest
    assert source.file_name == "report.txt" and source.file_size == src.stat().st_size
    assert pack.files.verify(digest)


def test_duplicate_reported_not_imported_twice(pack: Pack, tmp_path: Path,
                                               text_parser: TextParser) -> None:
    a = write(tmp_path, "a.txt", "Same bytes.")
    b = write(tmp_path / "copy", "renamed.txt", "Same bytes.")
    first = pack.add([a], parser=text_parser)
    second = pack.add([b, a], parser=text_parser)
    assert second.imported == []
    assert [d.source_id for d in second.duplicates] == [first.imported[0].source.id] * 2
    assert len(pack.sources()) == 1
    assert pack.search("bytes").total == 1


def test_rejected_file_leaves_nothing_behind(pack: Pack, tmp_path: Path,
                                             text_parser: TextParser) -> None:
    empty = write(tmp_path, "empty.txt", "")
    report = pack.add([empty, tmp_path / "missing.txt"], parser=text_parser)
    assert [(Path(f.path).name, f.reason) for f in report.failed] == [
        ("empty.txt", "empty file"), ("missing.txt", "file not found")]
    assert pack.sources() == []
    assert list(pack.files.folder.iterdir()) == []
    outcomes = [(e["outcome"], e["reason"]) for e in pack.import_log()]
    assert ("rejected", "empty file") in outcomes


def test_folders_import_recursively_skipping_hidden(pack: Pack, tmp_path: Path,
                                                    text_parser: TextParser) -> None:
    root = tmp_path / "drop"
    write(root, "one.txt", "first document")
    write(root / "sub" / "deeper", "two.txt", "second document")
    write(root / ".git", "config.txt", "hidden folder")
    write(root, ".hidden.txt", "hidden file")
    write(root, "~$locked.txt", "word lock file")
    report = pack.add([root], parser=text_parser)
    assert sorted(i.source.title for i in report.imported) == ["one", "two"]
    assert report.failed == []


def test_every_file_ends_in_exactly_one_state(pack: Pack, tmp_path: Path,
                                              text_parser: TextParser) -> None:
    files = [write(tmp_path, f"f{i}.txt", f"doc {i % 3}" if i % 4 else "") for i in range(12)]
    report = pack.add(files, parser=text_parser)
    paths = ([i.path for i in report.imported] + [d.path for d in report.duplicates]
             + [f.path for f in report.failed])
    assert sorted(paths) == sorted(str(f) for f in files)


def test_index_is_rebuilt_when_missing_stale_or_corrupt(pack: Pack, tmp_path: Path,
                                                        text_parser: TextParser) -> None:
    pack.add([write(tmp_path, "a.txt", "Erigal purchase completed")], parser=text_parser)
    folder = pack.folder
    pack.close()

    shutil.rmtree(folder / "index")
    with Pack.open(folder) as p:
        assert p.search("erigal").total == 1

    state = folder / "index" / "state.json"
    data = json.loads(state.read_text())
    state.write_text(json.dumps({**data, "content_version": data["content_version"] - 1}))
    with Pack.open(folder) as p:
        assert not p.index.is_current()
        assert p.search("erigal").total == 1
        assert p.index.is_current()

    for f in (folder / "index").iterdir():
        if f.name != "state.json":
            f.write_bytes(b"garbage")
    with Pack.open(folder) as p:
        assert p.search("erigal").total == 1


def test_reindex_rebuilds_from_database(pack: Pack, tmp_path: Path,
                                        text_parser: TextParser) -> None:
    pack.add([write(tmp_path, "a.txt", "one\ftwo\fthree")], parser=text_parser)
    assert pack.reindex() == 3
    assert pack.search("two").hits[0].page == 2


def test_sources_pages_and_lookup_errors(pack: Pack, tmp_path: Path,
                                         text_parser: TextParser) -> None:
    report = pack.add([write(tmp_path, "a.txt", "published: 2015-01\nalpha\fbeta")],
                      parser=text_parser)
    sid = report.imported[0].source.id
    source = pack.get_source(sid)
    assert source.published is not None and source.published.precision == "month"
    assert source.published.latest == "2015-01-31"
    assert [p.text for p in pack.pages(sid)][1] == "beta"
    assert pack.page(sid, 2).text == "beta"
    with pytest.raises(SourceNotFound):
        pack.get_source(999)
    with pytest.raises(SourceNotFound):
        pack.page(sid, 9)


def test_stale_orphan_copies_are_swept_on_open(pack: Pack, tmp_path: Path,
                                               text_parser: TextParser) -> None:
    pack.add([write(tmp_path, "a.txt", "kept")], parser=text_parser)
    orphan = pack.files.folder / ("0" * 64)
    orphan.write_bytes(b"left by a crash")
    fresh = pack.files.folder / ("1" * 64 + ".partial.1")
    fresh.write_bytes(b"an import still running elsewhere")
    old = time.time() - 7200
    os.utime(orphan, (old, old))
    folder = pack.folder
    pack.close()
    with Pack.open(folder) as p:
        assert not orphan.exists()
        assert fresh.exists()
        assert len(list(p.files.folder.iterdir())) == 2


def test_pack_from_newer_app_is_refused(tmp_path: Path) -> None:
    Pack.create(tmp_path / "p").close()
    db = sqlite3.connect(tmp_path / "p.evpack" / "pack.sqlite")
    db.execute(f"PRAGMA user_version = {latest_version() + 1}")
    db.close()
    with pytest.raises(SchemaTooNew, match="newer version"):
        Pack.open(tmp_path / "p")


def test_database_stays_consistent(pack: Pack, tmp_path: Path, text_parser: TextParser) -> None:
    pack.add([write(tmp_path, "a.txt", "x\fy")], parser=text_parser)
    assert pack.store.integrity_problems() == []


def test_core_never_imports_qt() -> None:
    code = (
        "import sys, evidence_pack.core.pack, evidence_pack.core.search, "
        "evidence_pack.core.importer, evidence_pack.cli\n"
        "import pkgutil, importlib, evidence_pack.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'evidence_pack.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_sources_listed_whole_and_titles_alone_agree(pack: Pack, tmp_path: Path,
                                                     text_parser: TextParser) -> None:
    files = [write(tmp_path / "in", f"note-{n}.txt", f"Note {n} on the scanner contract.")
             for n in range(3)]
    pack.add(files, parser=text_parser)
    sources = pack.sources()
    assert [s.id for s in sources] == sorted(s.id for s in sources)
    assert pack.source_titles() == {s.id: s.title for s in sources}
    # each listed source is the one read alone, every field (read by position, not name)
    assert sources == [pack.get_source(s.id) for s in sources]
    assert all(s.warnings == () and isinstance(s.meta, dict) for s in sources)
