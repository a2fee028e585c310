"""Files inside files: an email's attachments and a .zip's members, imported as sources.

Each attachment is written to a private temporary folder under the name it was sent with and
imported like a dropped file (hashed, parsed in the worker, copied in, indexed), then linked
to the email that carried it. A .zip is not a source: its files stand in its place, so a
.zip attached to an email puts its files under that email.

Hostile nesting is bounded: at most MAX_DEPTH containers inside one another, at most
MAX_FILES files from one dropped file, and a file that contains itself (an email attached to
itself, a zip quine) is refused by its hash as an attachment loop. An attachment that cannot
be read is refused with its reason, and the email still imports, saying so in its warnings.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.models import Attachment, ParsedDocument

if TYPE_CHECKING:
    from evidence_pack.core.import_report import ImportReport

MAX_DEPTH = 5
MAX_FILES = 1000


@dataclass
class _Count:
    files: int = 0


@dataclass
class Nesting:
    """Where a file sits: top level (depth 0) or inside emails and archives."""

    depth: int = 0
    ancestors: tuple[str, ...] = ()  # hashes of the files it is inside
    prefix: str = ""  # how the import report names files inside: "mail.eml/"
    published: str | None = None  # the carrying email's sent date
    inside: str | None = None  # the archive this file came out of
    records: list[dict[str, Any]] | None = None  # the carrying email's attachment list
    count: _Count = field(default_factory=_Count)

    def shown(self, path: Path) -> str:
        return f"{self.prefix}{path.name}" if self.depth else str(path)

    def check(self, sha: str) -> None:
        if sha in self.ancestors:
            raise RejectedFile("attachment loop: the file contains itself",
                               "it is not imported again inside itself")

    def inside_of(self, sha: str, doc: ParsedDocument, path: Path) -> Nesting:
        """The nesting of the files `doc` (at `path`, hash `sha`) carries."""
        is_archive = doc.kind == "zip"
        return Nesting(
            depth=self.depth + 1,
            ancestors=(*self.ancestors, sha),
            prefix=f"{self.shown(path)}/",
            published=self.published if is_archive else (doc.published or self.published),
            inside=path.name if is_archive else None,
            # an archive's files are listed with the email the archive came with
            records=self.records if is_archive else [],
            count=self.count,
        )

    def record(self, path: Path, state: str, *, source_id: int | None = None,
               reason: str | None = None) -> None:
        if self.records is None or not self.depth:
            return
        entry: dict[str, Any] = {"name": path.name, "state": state}
        if self.inside:
            entry["inside"] = self.inside
        if source_id is not None:
            entry["source_id"] = source_id
        if reason:
            entry["reason"] = reason
        self.records.append(entry)

    def describe(self, doc: ParsedDocument, path: Path) -> None:
        """Say on an attached file what it was attached as, and date it by its email."""
        if not self.depth:
            return
        doc.meta["attached_as"] = path.name
        if self.inside:
            doc.meta["inside"] = self.inside
        if not self.published:
            return
        if not doc.published:
            reason = "the date the email carrying it was sent"
        elif doc.published[:10] > self.published[:10]:
            # a file cannot date from after the email that carried it: its own date is a
            # template's or a copy's, so the email's sent date is the better bound
            reason = (f"the date the email carrying it was sent (its own date, "
                      f"{doc.published}, is later)")
        else:
            return
        doc.meta["published_from"] = reason
        doc.published, doc.published_basis, doc.published_reason = (
            self.published, "metadata", reason)


ImportOne = Callable[..., list[int]]


def import_attachments(target: Any, doc: ParsedDocument, parser: Any, report: ImportReport,
                       pages_read: Callable[[int], None] | None, nesting: Nesting,
                       import_one: ImportOne) -> list[int]:
    """Import the files `doc` carries; returns the ids of the sources that stand for them."""
    attachments, doc.attachments = doc.attachments, []
    if nesting.depth > MAX_DEPTH:
        doc.warnings.append(f"{len(attachments)} attached file(s) not read: nested more than "
                            f"{MAX_DEPTH} emails or archives deep")
        return []
    ids: list[int] = []
    with tempfile.TemporaryDirectory(prefix="evidence-pack-attachments-") as tmp:
        for n, attachment in enumerate(attachments):
            nesting.count.files += 1
            if nesting.count.files > MAX_FILES:
                doc.warnings.append(f"only the first {MAX_FILES} attached files were read")
                break
            path = _write(Path(tmp) / str(n), attachment)
            attachment.data = b""  # each attachment's bytes are held once, on disk
            child = replace(nesting, inside=attachment.inside or nesting.inside)
            for source_id in import_one(target, path, parser, report, pages_read,
                                        nesting=child):
                if source_id not in ids:
                    ids.append(source_id)
            path.unlink(missing_ok=True)
    if doc.kind != "zip" and nesting.records is not None:
        doc.meta["attachments"] = nesting.records
        for entry in nesting.records:
            if entry["state"] == "rejected":
                doc.warnings.append(f"attachment '{entry['name']}' was not imported: "
                                    f"{entry.get('reason', 'rejected')}")
    return ids


def _write(folder: Path, attachment: Attachment) -> Path:
    folder.mkdir()
    path = folder / attachment.name
    path.write_bytes(attachment.data)
    return path
