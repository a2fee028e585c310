"""Pack archives: a faithful round trip, and hostile archives refused before harm is done."""

from __future__ import annotations

import hashlib
import stat
import time
import zipfile

import pytest

from evidence_pack.cli import main
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from evidence_pack.core.pack_archive import ArchiveRejected, archive_pack, open_archive
from tests.helpers import write


@pytest.fixture
def archived(pack, tmp_path, text_parser):
    write(tmp_path / "d", "a.txt", "Board paper\n\nThe contract was awarded in January 2015.")
    source = pack.add([tmp_path / "d"], parser=text_parser).imported[0].source
    Operations(pack).create_claim("Awarded in January 2015.", citations=[
        CitationSpec(source.id, 1, "awarded in January 2015")])
    return archive_pack(pack, tmp_path / "out.evpack.zip").path


def test_round_trip(archived, tmp_path):
    folder = open_archive(archived, tmp_path / "copy")
    with Pack.open(folder) as copy:
        assert [c.statement for c in copy.claims()] == ["Awarded in January 2015."]
        assert copy.search('"awarded in January"').total == 1
        (source,) = copy.sources()
        data = copy.file_path(source).read_bytes()
        assert hashlib.sha256(data).hexdigest() == source.sha256


def test_cli_round_trip(archived, tmp_path, capsys):
    assert main(["open", str(archived), str(tmp_path / "via-cli")]) == 0
    assert "1 sources" in capsys.readouterr().err


def _hostile(tmp_path, entries, *, link=False):
    path = tmp_path / "hostile.evpack.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name)
            if link:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([("pack.sqlite", b"x"), ("../evil.txt", b"x")], "unexpected entry"),
        ([("pack.sqlite", b"x"), ("/etc/evil", b"x")], "unexpected entry"),
        ([("pack.sqlite", b"x"), ("files/../../evil", b"x")], "unexpected entry"),
        ([("manifest.json", b"{}")], "no pack.sqlite"),
        ([("pack.sqlite", b"not a database")], "damaged"),
        ([("pack.sqlite", b"x"), ("files/" + "0" * 64, b"tampered")], "SHA-256"),
    ],
)
def test_hostile_archives_are_refused(tmp_path, entries, message):
    with pytest.raises(ArchiveRejected) as info:
        open_archive(_hostile(tmp_path, entries), tmp_path / "dest")
    assert message in str(info.value)
    assert not (tmp_path / "dest.evpack").exists()
    assert not (tmp_path / "evil.txt").exists()


def test_links_are_refused(tmp_path):
    path = _hostile(tmp_path, [("pack.sqlite", b"/etc/passwd")], link=True)
    with pytest.raises(ArchiveRejected, match="link"):
        open_archive(path, tmp_path / "dest")


def test_decompression_bomb_is_refused_quickly(tmp_path):
    path = tmp_path / "bomb.evpack.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z,
        z.open("pack.sqlite", "w", force_zip64=True) as out,
    ):
        block = bytes(16 * 1024 * 1024)
        for _ in range(16):  # 256 MB of zeros, about 250 KB compressed
            out.write(block)
    started = time.monotonic()
    with pytest.raises(ArchiveRejected, match="bomb"):
        open_archive(path, tmp_path / "dest")
    assert time.monotonic() - started < 5


def test_existing_destination_is_not_touched(archived, tmp_path):
    dest = tmp_path / "taken.evpack"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    with pytest.raises(Exception, match="not empty"):
        open_archive(archived, dest)
    assert (dest / "keep.txt").read_text() == "mine"
