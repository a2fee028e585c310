"""Attacks on the received formats (email, office files, spreadsheets, archives), for the
hostile sweep and the tests: each file is built small and would cost a naive reader minutes,
gigabytes or a crash. `write_attacks` returns file name -> what it tries and what must come
of it ("refused" or "imported": macros are imported as text, with a warning)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from evidence_pack.generate.compound_file import write_compound_file
from evidence_pack.generate.email_files import email_bytes
from evidence_pack.generate.odf_files import write_odf_package
from evidence_pack.generate.spreadsheets import write_xlsx

SENT = dt.datetime(2015, 3, 12, 9, 14, tzinfo=dt.UTC)
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# Costly to build (hundreds of megabytes to compress): the sweep makes them, tests need not.
HEAVY = {"huge-sheet.xlsx", "shared-strings.xlsx", "bomb.zip"}


def write_attacks(folder: Path, canary: Path | None = None, *,
                  heavy: bool = True) -> dict[str, tuple[str, str]]:
    made = _Made(heavy)
    base = write_xlsx(folder.parent / "base.xlsx", title="Base",
                      sheets=[("S", [["Supplier", "Amount"], ["Meridian", 1]])])

    write_compound_file(folder / "locked.xlsx", {
        "EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 200,
        "EncryptedPackage": b"\0" * 5000})
    made["locked.xlsx"] = ("password-protected Excel workbook", "refused")
    write_odf_package(folder / "locked.odt", "odt", "<office:text/>", extra={
        "META-INF/manifest.xml": b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                                 b'opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                                 b'manifest:full-path="content.xml"><manifest:encryption-data/>'
                                 b"</manifest:file-entry></manifest:manifest>"})
    made["locked.odt"] = ("password-protected OpenDocument text", "refused")
    write_compound_file(folder / "legacy.doc", {"WordDocument": b"\xec\xa5" + b"\0" * 5000,
                                                "1Table": b"\0" * 600})
    made["legacy.doc"] = ("Word 97-2003 .doc whose header is blank", "refused")

    _rewrite(base, folder / "macros.xlsm", add={"xl/vbaProject.bin": b"Shell \"calc.exe\""})
    made["macros.xlsm"] = ("macro-enabled workbook", "imported")
    if made.wants("huge-sheet.xlsx"):
        _huge_sheet(base, folder / "huge-sheet.xlsx")
    made["huge-sheet.xlsx"] = ("bomb: a sheet of a million rows", "refused")
    if made.wants("shared-strings.xlsx"):
        _shared_strings(base, folder / "shared-strings.xlsx")
    made["shared-strings.xlsx"] = ("bomb: three million shared strings", "refused")
    deep = b"<x>" * 200_000 + b"</x>" * 200_000
    _rewrite(base, folder / "deep.xlsx", parts={"xl/worksheets/sheet1.xml": _sheet(
        b'<row r="1"><c r="A1" t="inlineStr"><is>' + deep + b"</is></c></row>")})
    made["deep.xlsx"] = ("bomb: 200,000 nested XML elements in a sheet", "refused")
    doctype = (f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{canary}">]>' if canary else
               '<!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    _rewrite(base, folder / "entities.xlsx", parts={"xl/worksheets/sheet1.xml": (
        f"<?xml version='1.0'?>{doctype}<worksheet xmlns='{_SHEET_NS}'><sheetData><row r='1'>"
        "<c r='A1' t='inlineStr'><is><t>&x;</t></is></c></row></sheetData></worksheet>"
    ).encode()})
    made["entities.xlsx"] = ("external entity in a workbook", "refused")
    write_odf_package(folder / "repeated-rows.ods", "ods",
                      '<office:spreadsheet><table:table table:name="S">'
                      '<table:table-row table:number-rows-repeated="50000000">'
                      '<table:table-cell table:number-columns-repeated="1000" '
                      'office:value-type="string"><text:p>x</text:p></table:table-cell>'
                      "</table:table-row></table:table></office:spreadsheet>")
    made["repeated-rows.ods"] = ("bomb: a filled row repeated 50 million times", "refused")
    write_odf_package(folder / "deep.odt", "odt", "<office:text>" + "<text:span>" * 200_000
                      + "</text:span>" * 200_000 + "</office:text>")
    made["deep.odt"] = ("bomb: 200,000 nested elements in a text document", "refused")

    if made.wants("bomb.zip"):
        _zip_bomb(folder / "bomb.zip")
    made["bomb.zip"] = ("bomb: a member unpacking to 1 GB", "refused")
    (folder / "nested-zips.zip").write_bytes(_nested_zips(12))
    made["nested-zips.zip"] = ("zips inside zips 12 deep", "refused")

    (folder / "many-parts.eml").write_bytes(_many_parts(5000))
    made["many-parts.eml"] = ("malformed MIME: 5,000 parts", "refused")
    (folder / "deep-mime.eml").write_bytes(_deep_mime(200))
    made["deep-mime.eml"] = ("malformed MIME: parts nested 200 deep", "refused")
    (folder / "broken-mime.eml").write_bytes(
        b"From: x@y.example\nTo: z@y.example\nSubject: Broken\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n"
        b"Content-Transfer-Encoding: base64\n\n!!!not base64!!!\n--b\n"
        b"Content-Type: application/pdf; name=\"x.pdf\"\nContent-Transfer-Encoding: base64\n"
        b"Content-Disposition: attachment; filename=\"../../etc/x.pdf\"\n\nJVBERi0xLjQK%%%\n")
    made["broken-mime.eml"] = ("malformed MIME: bad base64, a path in a file name",
                               "imported")
    (folder / "forward-chain.eml").write_bytes(_forward_chain(12))
    made["forward-chain.eml"] = ("emails forwarded inside one another 12 deep", "imported")
    (folder / "deep.rtf").write_bytes(b"{\\rtf1 " + b"{" * 100_000 + b"x" + b"}" * 100_000
                                      + b"}")
    made["deep.rtf"] = ("RTF groups nested 100,000 deep", "refused")
    (folder / "workbook.pptx").write_bytes(base.read_bytes())
    made["workbook.pptx"] = ("an Excel workbook named .pptx", "refused")
    (folder / "page.xlsx").write_bytes(b"<!DOCTYPE html><html><body>Session expired</body></html>")
    made["page.xlsx"] = ("a web page named .xlsx", "refused")
    write_compound_file(folder / "garbage.msg", {"Junk": b"\0" * 100})
    made["garbage.msg"] = ("a Compound File that is no Outlook message", "refused")
    write_compound_file(folder / "edit-loop.ppt", _ppt_edit_loop())
    made["edit-loop.ppt"] = ("a .ppt whose saves point at each other in a loop", "refused")
    (folder / "deep.p7m.eml").write_bytes(email_bytes(
        subject="Signed", sender="x@y.example", to=["z@y.example"], sent=SENT, body="",
        attachments=[("smime.p7m", b"\x30\x80" * 100_000, "application/pkcs7-mime")]))
    made["deep.p7m.eml"] = ("a signed email's CMS nested 100,000 deep", "imported")
    (folder / "many-events.ics").write_text(
        "BEGIN:VCALENDAR\r\n" + "BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n" * 100_000
        + "END:VCALENDAR\r\n", encoding="utf-8")
    made["many-events.ics"] = ("a calendar of 100,000 events", "refused")
    base.unlink()
    for name in list(made):
        if not (folder / name).exists():
            del made[name]
    return dict(made)


def _ppt_edit_loop() -> dict[str, bytes]:
    """Two saves, each naming the other as the one before it, and no document."""
    import struct

    def edit(previous: int, directory: int) -> bytes:
        body = struct.pack("<IHBBIIIIHH", 0, 0, 0, 3, previous, directory, 1, 2, 1, 0)
        return struct.pack("<HHI", 0, 0x0FF5, len(body)) + body
    directory = struct.pack("<HHI", 0, 0x1772, 0)
    first_at, second_at = len(directory), len(directory) + 36
    stream = directory + edit(second_at, 0) + edit(first_at, 0)
    user = struct.pack("<HHIIII", 0, 0x0FF6, 20, 0x14, 0xE391C05F, first_at) + bytes(12)
    return {"PowerPoint Document": stream, "Current User": user}


class _Made(dict[str, tuple[str, str]]):
    def __init__(self, heavy: bool) -> None:
        super().__init__()
        self.heavy = heavy

    def wants(self, name: str) -> bool:
        return self.heavy or name not in HEAVY


def _huge_sheet(base: Path, target: Path) -> None:
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="n"><v>{n}</v></c></row>'
                   for n in range(1, 1_000_001)).encode()
    _rewrite(base, target, parts={"xl/worksheets/sheet1.xml": _sheet(rows)})


def _shared_strings(base: Path, target: Path) -> None:
    strings = b"<si><t>x</t></si>" * 3_000_000
    _rewrite(base, target, parts={
        "xl/sharedStrings.xml": f'<sst xmlns="{_SHEET_NS}">'.encode() + strings + b"</sst>"})


def _zip_bomb(target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z, \
            z.open("zeros.txt", "w", force_zip64=True) as member:
        block = b"\0" * (16 * 1024 * 1024)
        for _ in range(64):
            member.write(block)


def _sheet(rows: bytes) -> bytes:
    return (f'<worksheet xmlns="{_SHEET_NS}"><dimension ref="A1:XFD1048576"/><sheetData>'
            .encode() + rows + b"</sheetData></worksheet>")


def _rewrite(base: Path, target: Path, *, parts: dict[str, bytes] | None = None,
             add: dict[str, bytes] | None = None) -> None:
    parts = parts or {}
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item.filename, parts.get(item.filename, src.read(item)))
        for name, data in {**{k: v for k, v in parts.items() if k not in src.namelist()},
                           **(add or {})}.items():
            out.writestr(name, data)


def _nested_zips(depth: int) -> bytes:
    data = b"The innermost file names the imaging contract."
    name = "inner.txt"
    for level in range(depth):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(name, data)
        data, name = buffer.getvalue(), f"level{level}.zip"
    return data


def _many_parts(count: int) -> bytes:
    head = (b"From: x@y.example\nTo: z@y.example\nSubject: Parts\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/mixed; boundary=\"b\"\n\n")
    part = b"--b\nContent-Type: text/plain\n\nx\n"
    return head + part * count + b"--b--\n"


def _deep_mime(depth: int) -> bytes:
    out = b"From: x@y.example\nTo: z@y.example\nSubject: Deep\nMIME-Version: 1.0\n"
    for n in range(depth):
        out += f'Content-Type: multipart/mixed; boundary="b{n}"\n\n--b{n}\n'.encode()
    out += b"Content-Type: text/plain\n\ndeep\n"
    for n in reversed(range(depth)):
        out += f"--b{n}--\n".encode()
    return out


def _forward_chain(depth: int) -> bytes:
    data = email_bytes(subject="Level 0", sender="a@x.example", to=["b@x.example"], sent=SENT,
                       body="The first message about the imaging contract.")
    for level in range(1, depth):
        data = email_bytes(subject=f"Level {level}", sender="a@x.example", to=["b@x.example"],
                           sent=SENT, body=f"Forwarding level {level}.", forwarded=[data])
    return data
