"""A .zip (dropped in, or attached to an email): its files come back as attachments, each to
be imported as a source of its own. The archive itself has no text and is not a source.

Limits keep a hostile archive cheap to refuse: member count, the bytes each member and all of
them unpack to (counted while unpacking, since the directory can lie), and the ratio that
marks a decompression bomb. Archives inside archives are followed by the importer, to its
depth limit, and one that contains itself is caught there by its hash.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.email_reader import safe_file_name
from evidence_pack.core.models import Attachment, ParsedDocument

MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # what the worker can hand back in one message
_MAX_RATIO = 200
_SKIPPED = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


def read_zip(path: Path) -> ParsedDocument:
    try:
        with zipfile.ZipFile(path) as z:
            infos = [i for i in z.infolist() if not i.is_dir() and not _skipped(i.filename)]
            names = {i.filename for i in infos}
            if {"pack.sqlite", "manifest.json"} <= names:
                raise RejectedFile("an Evidence Pack archive, not documents",
                                   "open it with File > Open or `evidence-pack open`")
            if len(infos) > MAX_MEMBERS:
                raise RejectedFile(f"archive too large: it holds {len(infos):,} files",
                                   f"unzip it and import the folder (at most {MAX_MEMBERS} "
                                   "files are read from an archive)")
            attachments, warnings = _members(z, infos, path.name)
    except zipfile.BadZipFile as exc:
        raise RejectedFile(f"damaged archive: {exc}") from exc
    except (zlib.error, EOFError) as exc:
        raise RejectedFile(f"damaged archive: a file in it cannot be unpacked ({exc})") from exc
    if not attachments and not warnings:
        raise RejectedFile("empty file", "the archive holds no files")
    return container(path, attachments, warnings)


def container(path: Path, attachments: list[Attachment], warnings: list[str]) -> ParsedDocument:
    """A file that stands for the files in it (a .zip, a mailbox, a winmail.dat saved alone):
    not a source itself; the importer imports its files in its place."""
    return ParsedDocument(kind="zip", pages=[], title=path.stem, warnings=warnings,
                          attachments=attachments, meta={"files": len(attachments)})


def _members(z: zipfile.ZipFile, infos: list[zipfile.ZipInfo],
             archive: str) -> tuple[list[Attachment], list[str]]:
    attachments: list[Attachment] = []
    warnings: list[str] = []
    total = 0
    for info in infos:
        shown = info.filename
        if info.flag_bits & 0x1:
            warnings.append(f"{shown} in the archive is password-protected and was not read")
            continue
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > 8 * 1024**2 and
                                                  ratio > _MAX_RATIO):
            raise RejectedFile(f"damaged archive: {shown} would unpack to "
                               f"{info.file_size / 1024**2:,.0f} MB (a decompression bomb?)")
        data = _read_bounded(z, info, MAX_TOTAL_BYTES - total)
        total += len(data)
        folder = posixpath.dirname(shown.replace("\\", "/"))
        attachments.append(Attachment(
            name=safe_file_name(shown, f"file-{len(attachments) + 1}"),
            data=data,
            inside=f"{archive}/{folder}" if folder else archive,
        ))
    return attachments, warnings


def _read_bounded(z: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    chunks = []
    size = 0
    with z.open(info) as member:
        while True:
            chunk = member.read(1024 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > min(budget, MAX_MEMBER_BYTES):
                raise RejectedFile(
                    f"archive too large: its files unpack to more than "
                    f"{MAX_TOTAL_BYTES // 1024**2} MB (or it is a decompression bomb)",
                    "unzip it and import the folder")
            chunks.append(chunk)
    return b"".join(chunks)


def _skipped(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return name.startswith(_SKIPPED) or base in _SKIPPED or base.startswith((".", "~$"))
