"""RIS, the tagged format Zotero, EndNote and Mendeley all read and write."""

from __future__ import annotations

import re
from collections.abc import Iterable

from evidence_pack.core.interop.records import RIS_TYPES, Record

_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_SHA_NOTE = re.compile(r"^SHA-256: ([0-9a-f]{64})$")
_FILE_NOTE = re.compile(r"^File: (.+)$")


def write_ris(records: Iterable[Record]) -> str:
    out: list[str] = []
    for r in records:
        out.append(f"TY  - {RIS_TYPES.get(r.kind, 'GEN')}")
        out.append(f"TI  - {_one_line(r.title)}")
        out += [f"AU  - {_one_line(a)}" for a in r.authors]
        if r.publisher:
            out.append(f"PB  - {_one_line(r.publisher)}")
        if r.published:
            out.append(f"PY  - {r.published[:4]}")
            out.append(f"DA  - {_ris_date(r.published)}")
        if r.url:
            out.append(f"UR  - {r.url}")
        if r.accessed:
            out.append(f"Y2  - {_ris_date(r.accessed)}")
        if r.file_name:
            out.append(f"N1  - File: {_one_line(r.file_name)}")
        if r.sha256:
            out.append(f"N1  - SHA-256: {r.sha256}")
        out += [f"N1  - {_one_line(n)}" for n in r.notes]
        out.append("ER  - ")
        out.append("")
    return "\r\n".join(out)


def read_ris(text: str) -> list[Record]:
    records: list[Record] = []
    current: Record | None = None
    for raw in text.lstrip("\ufeff").splitlines():
        m = _LINE.match(raw.rstrip())
        if not m:
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            current = Record(title="")
        elif current is None:
            continue
        elif tag == "ER":
            if current.title:
                records.append(current)
            current = None
        else:
            _apply(current, tag, value)
    return records


def _apply(r: Record, tag: str, value: str) -> None:
    if tag in ("TI", "T1") and not r.title:
        r.title = value
    elif tag in ("AU", "A1", "A2"):
        r.authors.append(value)
    elif tag == "PB":
        r.publisher = value
    elif tag in ("DA", "Y1") and value:
        r.published = _iso(value) or r.published
    elif tag == "PY" and value and not r.published:
        r.published = _iso(value)
    elif tag == "UR":
        r.url = value
    elif tag == "Y2":
        r.accessed = _iso(value)
    elif tag == "N1":
        sha, name = _SHA_NOTE.match(value), _FILE_NOTE.match(value)
        if sha:
            r.sha256 = sha.group(1)
        elif name:
            r.file_name = name.group(1)
        else:
            r.notes.append(value)


def _ris_date(iso: str) -> str:
    parts = iso.split("-")
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def _iso(value: str) -> str | None:
    """RIS dates are YYYY/MM/DD/other with any part empty; keep the precision given."""
    parts = [p for p in re.split(r"[/-]", value.strip()) if p.strip()]
    if not parts or not re.fullmatch(r"\d{4}", parts[0]):
        return None
    out = [parts[0]]
    for p in parts[1:3]:
        if not p.isdigit() or not 1 <= int(p) <= 31:
            break
        out.append(f"{int(p):02d}")
    return "-".join(out)


def _one_line(text: str) -> str:
    return " ".join(text.split())
