"""A bibliographic record: the common shape RIS and CSL-JSON are read into and written from."""

from __future__ import annotations

from dataclasses import dataclass, field

from evidence_pack.core.models import Source

# Our source kinds and the closest bibliographic types.
RIS_TYPES = {
    "pdf": "RPRT",
    "html": "ELEC",
    "mhtml": "ELEC",
    "docx": "GEN",
    "txt": "GEN",
    "md": "GEN",
    "image": "GEN",
    "reference": "GEN",
}
CSL_TYPES = {
    "pdf": "report",
    "html": "webpage",
    "mhtml": "webpage",
    "docx": "document",
    "txt": "document",
    "md": "document",
    "image": "document",
    "reference": "document",
}


@dataclass
class Record:
    title: str
    kind: str = "reference"
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    url: str | None = None
    published: str | None = None  # ISO at true precision
    accessed: str | None = None
    file_name: str | None = None
    sha256: str | None = None
    notes: list[str] = field(default_factory=list)


def record_from_source(source: Source) -> Record:
    return Record(
        title=source.title,
        kind=source.kind,
        authors=[source.author] if source.author else [],
        publisher=source.publisher,
        url=source.url,
        published=source.published.value if source.published else None,
        accessed=source.accessed or source.imported_at[:10],
        file_name=source.file_name,
        sha256=source.sha256,
    )
