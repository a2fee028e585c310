"""Attacks on the received formats: each is refused with its specific reason, or (macros,
broken MIME, deep forwarding) imported with a warning, and a refused file leaves nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import office_package, parse_file
from evidence_pack.core.models import Attachment, ParsedDocument, ParsedPage
from evidence_pack.core.pack import Pack
from evidence_pack.generate.hostile_received import write_attacks
from evidence_pack.generate.spreadsheets import write_xlsx
from tests.test_ingest_received import InProcess

REASONS = {
    "locked.xlsx": "password-protected Excel workbook",
    "locked.odt": "password-protected OpenDocument text",
    "legacy.doc": "damaged Word 97-2003 document (.doc)",
    "entities.xlsx": "damaged Excel workbook: xl/worksheets/sheet1.xml declares a document type",
    "deep.xlsx": "damaged Excel workbook: xl/worksheets/sheet1.xml nests its XML more than",
    "deep.odt": "damaged OpenDocument text: content.xml nests its XML more than",
    "repeated-rows.ods": "spreadsheet too large",
    "many-parts.eml": "malformed email: more than 1000 MIME parts",
    "deep-mime.eml": "malformed email: MIME parts nested more than 30 deep",
    "deep.rtf": "damaged rich text file: it is nested too deeply to read",
    "workbook.pptx": "not a PowerPoint file despite its name: it is an Excel workbook",
    "page.xlsx": "not an Excel workbook despite its name",
    "garbage.msg": "unsupported file type",
    "edit-loop.ppt": "damaged PowerPoint 97-2003 file (.ppt): its document record is missing",
    "many-events.ics": "malformed calendar: more than 5000 events",
}


@pytest.fixture(scope="module")
def attacks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[str, str]]]:
    folder = tmp_path_factory.mktemp("attacks") / "files"
    folder.mkdir()
    canary = folder.parent / "canary.txt"
    canary.write_text("CANARY-MUST-NOT-APPEAR")
    return folder, write_attacks(folder, canary, heavy=False)


@pytest.mark.parametrize("name", sorted(REASONS))
def test_refused_with_its_reason(attacks: tuple[Path, dict[str, tuple[str, str]]],
                                 name: str) -> None:
    folder, made = attacks
    assert made[name][1] == "refused"
    with pytest.raises(RejectedFile) as info:
        parse_file(folder / name)
    assert info.value.reason.startswith(REASONS[name])


def test_refused_files_leave_nothing_in_the_pack(
        pack: Pack, attacks: tuple[Path, dict[str, tuple[str, str]]]) -> None:
    folder, _made = attacks
    report = pack.add([folder / n for n in sorted(REASONS)], parser=InProcess())
    assert len(report.failed) == len(REASONS) and not report.imported
    assert pack.sources() == [] and list(pack.files.folder.iterdir()) == []


def test_macros_broken_mime_and_deep_nesting_still_import(
        pack: Pack, attacks: tuple[Path, dict[str, tuple[str, str]]]) -> None:
    folder, _made = attacks
    report = pack.add([folder / "macros.xlsm", folder / "broken-mime.eml",
                       folder / "forward-chain.eml", folder / "nested-zips.zip",
                       folder / "deep.p7m.eml"], parser=InProcess())
    titles = {i.source.title: i.source for i in report.imported}
    # a signed part nested 100,000 deep costs a warning, not the email
    assert any("CMS structure nested too deep" in w for w in titles["Signed"].warnings)
    assert titles["Base"].meta["active_content"] == ["macros"]
    broken = titles["Broken"]
    assert any("MIME structure" in w for w in broken.warnings)
    # the attachment's name tried to climb out of the folder; only its base name is kept
    assert any("'x.pdf' was not imported" in w for w in broken.warnings)
    assert {f"Level {n}" for n in range(6, 12)} <= set(titles)
    assert any("nested more than 5" in w for w in titles["Level 6"].warnings)
    nested = [f for f in report.failed if "nested-zips.zip/" in f.path]
    assert nested and "nested more than 5" in nested[0].reason


def test_huge_sheets_and_string_tables_are_refused(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.setattr(office_package, "MAX_ROWS", 50)
    monkeypatch.setattr(office_package, "MAX_SHARED_STRINGS", 50)
    rows = [[f"Supplier {n}", n] for n in range(60)]
    with pytest.raises(RejectedFile, match=r"spreadsheet too large: .* more than 50 rows"):
        parse_file(write_xlsx(tmp_path / "big.xlsx", title="Big", sheets=[("S", rows)]))
    monkeypatch.setattr(office_package, "MAX_SHARED_STRINGS", 30)
    book = write_xlsx(tmp_path / "words.xlsx", title="Words", sheets=[("S", [["a"]])])
    with zipfile.ZipFile(book, "a") as z:
        z.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>word</t></si>" * 40 + "</sst>")
    with pytest.raises(RejectedFile, match="more than 30 distinct strings"):
        parse_file(book)


def test_archive_bomb_and_pack_archive_are_refused(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    from evidence_pack.core.ingest import archive_reader

    monkeypatch.setattr(archive_reader, "MAX_TOTAL_BYTES", 1000)
    bomb = tmp_path / "big.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b"\0" * 5000)
    with pytest.raises(RejectedFile, match="archive too large"):
        parse_file(bomb)
    packed = tmp_path / "colleague.zip"
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("pack.sqlite", b"x")
        z.writestr("manifest.json", b"{}")
    with pytest.raises(RejectedFile, match="an Evidence Pack archive"):
        parse_file(packed)


class _SelfAttaching:
    """A parser whose email carries itself: the loop a crafted file (a zip quine) makes."""

    def parse(self, path: Path) -> ParsedDocument:
        return ParsedDocument(kind="eml", pages=[ParsedPage(1, "Loop")], title=path.stem,
                              attachments=[Attachment("again.eml", path.read_bytes())])


def test_an_attachment_loop_is_refused_by_its_hash(pack: Pack, tmp_path: Path) -> None:
    path = tmp_path / "loop.eml"
    path.write_bytes(b"the same bytes inside themselves")
    report = pack.add([path], parser=_SelfAttaching())
    assert [i.source.title for i in report.imported] == ["loop"]
    assert [f.reason for f in report.failed] == ["attachment loop: the file contains itself"]
    assert any("attachment loop" in w for w in report.imported[0].source.warnings)
