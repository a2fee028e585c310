"""CSL-JSON, the citation data format of Zotero and citeproc."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from evidence_pack.core.interop.records import CSL_TYPES, Record

_SHA_PREFIX = "SHA-256: "
_FILE_PREFIX = "File: "


def write_csl_json(records: Iterable[Record]) -> str:
    items = []
    for n, r in enumerate(records, 1):
        item: dict[str, Any] = {
            "id": f"evidence-pack-{r.sha256[:12] if r.sha256 else n}",
            "type": CSL_TYPES.get(r.kind, "document"),
            "title": r.title,
        }
        if r.authors:
            item["author"] = [{"literal": a} for a in r.authors]
        if r.publisher:
            item["publisher"] = r.publisher
        if r.url:
            item["URL"] = r.url
        if r.published:
            item["issued"] = {"date-parts": [_parts(r.published)]}
        if r.accessed:
            item["accessed"] = {"date-parts": [_parts(r.accessed)]}
        notes = list(r.notes)
        if r.file_name:
            notes.append(_FILE_PREFIX + r.file_name)
        if r.sha256:
            notes.append(_SHA_PREFIX + r.sha256)
        if notes:
            item["note"] = "\n".join(notes)
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)


def looks_like_csl_json(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return (
        isinstance(data, list)
        and all(isinstance(i, dict) and "type" in i and "title" in i for i in data)
        and bool(data)
    )


def read_csl_json(text: str) -> list[Record]:
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError("CSL-JSON must be a list of items")
    return [_record(item) for item in data if isinstance(item, dict) and item.get("title")]


def _record(item: dict[str, Any]) -> Record:
    r = Record(title=str(item["title"]))
    for person in item.get("author", []):
        name = person.get("literal") or " ".join(
            p for p in (person.get("given"), person.get("family")) if p
        )
        if name:
            r.authors.append(name)
    r.publisher = item.get("publisher") or item.get("container-title")
    r.url = item.get("URL")
    r.published = _iso(item.get("issued"))
    r.accessed = _iso(item.get("accessed"))
    for line in str(item.get("note", "")).splitlines():
        if line.startswith(_SHA_PREFIX):
            r.sha256 = line[len(_SHA_PREFIX) :].strip()
        elif line.startswith(_FILE_PREFIX):
            r.file_name = line[len(_FILE_PREFIX) :].strip()
        elif line.strip():
            r.notes.append(line.strip())
    return r


def _parts(iso: str) -> list[int]:
    return [int(p) for p in iso.split("-")]


def _iso(date: Any) -> str | None:
    try:
        parts = date["date-parts"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if not parts or not str(parts[0]).isdigit():
        return None
    out = [f"{int(parts[0]):04d}"] + [f"{int(p):02d}" for p in parts[1:3]]
    return "-".join(out)
