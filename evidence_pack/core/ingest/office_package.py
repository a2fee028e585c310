"""Checks on ZIP-based office files (OOXML .xlsx/.pptx, ODF .odt/.ods/.odp) before parsing.

A hostile package is refused in well under a second, before any XML parser sees it:
- a part that would unpack to hundreds of megabytes, or far more than text compresses to
  (a decompression bomb), or more parts than any real document has;
- XML with a document type declaration: neither standard uses one, and a DTD is how entity
  expansion ("billion laughs") and external entities (reading local files) get in;
- spreadsheets whose sheets or shared-string table hold more rows, cells or strings than the
  importer's limits, counted while streaming the compressed bytes (a sheet's declared size
  can lie).
Macros are reported, never run: the caller imports the text with a warning.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.sheet_text import MAX_CELLS, MAX_ROWS

MAX_PART_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 150  # text XML compresses 5-20 fold; far beyond is padding meant to explode
MAX_PARTS = 20_000
MAX_SHARED_STRINGS = 2_000_000
# Real documents nest a few dozen elements deep; parsers recurse or stack per level.
MAX_XML_DEPTH = 1000
_CHUNK = 1024 * 1024
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
# OOXML keeps VBA in vbaProject.bin; ODF keeps Basic under Basic/ and scripts under Scripts/.
_MACRO_PARTS = re.compile(r"(^|/)vbaProject\.bin$|^Basic/|^Scripts/|(^|/)vbaData\.xml$",
                          re.IGNORECASE)


@dataclass
class PackageInfo:
    names: list[str]
    macros: list[str] = field(default_factory=list)

    def warnings(self) -> list[str]:
        if not self.macros:
            return []
        return ["the file contains macros; only its text was imported and the macros were "
                "never run"]

    def active_content(self) -> list[str]:
        return ["macros"] if self.macros else []


def check_package(path: Path, what: str, *, sheets: Iterable[str] = ()) -> PackageInfo:
    """Refuse bombs and DTDs in the package at `path` ("Excel workbook" etc. in messages);
    `sheets` are name patterns of parts whose rows and cells are counted."""
    sheet_patterns = [re.compile(p) for p in sheets]
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise RejectedFile(f"damaged {what}: it has {len(infos):,} parts")
            total = 0
            for info in infos:
                total += info.file_size
                _check_size(info, what)
                if total > MAX_TOTAL_BYTES:
                    raise RejectedFile(f"damaged {what}: its parts would unpack to more than "
                                       f"{MAX_TOTAL_BYTES // 1024**3} GB (a decompression bomb?)")
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")) or info.filename in (
                        "content.xml", "styles.xml", "meta.xml"):
                    _check_xml_part(z, info, what,
                                    count=any(p.search(info.filename) for p in sheet_patterns))
            names = [i.filename for i in infos]
    except zipfile.BadZipFile as exc:
        raise RejectedFile(f"damaged {what}: {exc}") from exc
    except (zlib.error, EOFError) as exc:
        raise RejectedFile(f"damaged {what}: a part cannot be unpacked ({exc})") from exc
    return PackageInfo(names, [n for n in names if _MACRO_PARTS.search(n)])


def _check_size(info: zipfile.ZipInfo, what: str) -> None:
    ratio = info.file_size / max(1, info.compress_size)
    if info.file_size > MAX_PART_BYTES or (info.file_size > 8 * 1024 * 1024 and
                                            ratio > MAX_RATIO):
        raise RejectedFile(
            f"damaged {what}: {info.filename} would unpack to "
            f"{info.file_size / 1024**2:,.0f} MB (a decompression bomb?)"
        )


def _check_xml_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, what: str, *,
                    count: bool) -> None:
    shared = info.filename.lower().endswith("sharedstrings.xml")
    rows = cells = strings = 0
    seen = depth = 0
    tail = b""
    with z.open(info) as part:
        while True:
            chunk = part.read(_CHUNK)
            if not chunk:
                break
            seen += len(chunk)
            # the declared size can lie; the bytes actually unpacked cannot
            if seen > MAX_PART_BYTES:
                raise RejectedFile(f"damaged {what}: {info.filename} unpacks to more than "
                                   f"{MAX_PART_BYTES // 1024**2} MB (a decompression bomb?)")
            window = tail + chunk
            # opening tags less closing ones, chunk by chunk: a nesting bomb is all openings
            depth += (chunk.count(b"<") - 2 * chunk.count(b"</") - chunk.count(b"/>")
                      - chunk.count(b"<?") - chunk.count(b"<!"))
            if depth > MAX_XML_DEPTH:
                raise RejectedFile(f"damaged {what}: {info.filename} nests its XML more than "
                                   f"{MAX_XML_DEPTH:,} levels deep (built to exhaust a reader?)")
            if _DTD.search(window):
                raise RejectedFile(
                    f"damaged {what}: {info.filename} declares a document type, which office "
                    "files never do (entity expansion or a file-reading trick?)")
            if count:
                rows += chunk.count(b"<row") + chunk.count(b"<table:table-row")
                cells += chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(
                    b"<table:table-cell")
                if rows > MAX_ROWS:
                    raise RejectedFile(
                        f"spreadsheet too large: {info.filename} has more than "
                        f"{MAX_ROWS:,} rows",
                        "save the part you need as a smaller workbook or CSV and import that")
                if cells > MAX_CELLS:
                    raise RejectedFile(
                        f"spreadsheet too large: {info.filename} has more than "
                        f"{MAX_CELLS:,} cells",
                        "save the part you need as a smaller workbook or CSV and import that")
            if shared:
                strings += chunk.count(b"<si>") + chunk.count(b"<si ")
                if strings > MAX_SHARED_STRINGS:
                    raise RejectedFile(
                        f"spreadsheet too large: more than {MAX_SHARED_STRINGS:,} distinct "
                        "strings (a shared-string bomb?)")
            tail = chunk[-16:]
