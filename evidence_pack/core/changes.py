"""What an operation changed: row images for undo/redo, and ids for views to refresh."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Changes:
    """Returned by every operation (and by undo/redo): views refresh only what is named."""

    label: str
    claims: frozenset[int] = frozenset()
    citations: frozenset[int] = frozenset()
    sources: frozenset[int] = frozenset()
    new_id: int | None = None  # the claim or citation the operation created

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "claims": sorted(self.claims),
            "citations": sorted(self.citations),
            "sources": sorted(self.sources),
            "new_id": self.new_id,
        }


def touched(images: list[dict[str, Any]]) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """Claim, citation and source ids named by a list of images."""
    claims: set[int] = set()
    citations: set[int] = set()
    sources: set[int] = set()
    for image in images:
        row = image["after"] or image["before"]
        table = image["table"]
        if table == "claims":
            claims.add(row["id"])
        elif table in ("claim_tags", "dismissals"):
            claims.add(row["claim_id"])
        elif table == "citations":
            citations.add(row["id"])
            claims.add(row["claim_id"])
        elif table == "sources":
            sources.add(row["id"])
    return frozenset(claims), frozenset(citations), frozenset(sources)
