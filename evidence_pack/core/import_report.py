"""What an import did with each file: the report `Pack.add` returns, and `add --json` prints.

Kept apart from the importer so the CLI, the app and the sample pack can read a report
without reaching the importer itself (only the pack does that)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evidence_pack.core.models import Source


@dataclass(frozen=True)
class Imported:
    path: str
    source: Source


@dataclass(frozen=True)
class Duplicate:
    path: str
    source_id: int


@dataclass(frozen=True)
class Failed:
    path: str
    reason: str
    hint: str | None = None


@dataclass
class ImportReport:
    imported: list[Imported] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    # sources whose details a bibliography record (RIS, CSL-JSON) corrected
    updated: list[Duplicate] = field(default_factory=list)
    cancelled: bool = False

    @property
    def handled(self) -> int:
        return len(self.imported) + len(self.duplicates) + len(self.failed) + len(self.updated)

    def to_dict(self) -> dict[str, Any]:
        return {
            "imported": [
                {
                    "id": i.source.id,
                    "title": i.source.title,
                    "kind": i.source.kind,
                    "pages": i.source.page_count,
                    "published": i.source.published.value if i.source.published else None,
                    "sha256": i.source.sha256,
                    "path": i.path,
                    "warnings": list(i.source.warnings),
                    "parent": i.source.parent_id,
                }
                for i in self.imported
            ],
            "duplicates": [{"path": d.path, "id": d.source_id} for d in self.duplicates],
            "failed": [_failed_dict(f) for f in self.failed],
            "updated": [{"path": u.path, "id": u.source_id} for u in self.updated],
            "cancelled": self.cancelled,
        }


def _failed_dict(failed: Failed) -> dict[str, str]:
    out = {"path": failed.path, "reason": failed.reason}
    if failed.hint:
        out["hint"] = failed.hint
    return out
