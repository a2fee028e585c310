"""Calendar invitations (.ics, iCalendar as RFC 5545 lays it out): each event as a section.

Meeting invitations arrive attached to email (invite.ics): the committee, its date and time,
the room, who called it and the agenda in its description. Each event becomes a section
whose text says what, when, where and who, then the description; the calendar's own date
stamp is when the invitation was written.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.sections import Block, sections_from_blocks
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.models import ParsedDocument

_MAX_BYTES = 20 * 1024 * 1024
_MAX_EVENTS = 5000
_LINE = re.compile(r"^(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[^:]*)?):(?P<value>.*)$")
_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$")
_ESCAPES = {"\\n": "\n", "\\N": "\n", "\\,": ",", "\\;": ";", "\\\\": "\\"}


def looks_like_calendar(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \r\n\t")[:15].upper() == b"BEGIN:VCALENDAR"


def read_ics(path: Path) -> ParsedDocument:
    if path.stat().st_size > _MAX_BYTES:
        raise RejectedFile("unsupported file type", "a calendar file over 20 MB")
    raw = path.read_bytes()
    if not looks_like_calendar(raw[:64]):
        raise RejectedFile("not a calendar file despite its name",
                           "it does not start with BEGIN:VCALENDAR")
    text = raw.decode("utf-8-sig", errors="replace")
    events = list(_events(_unfolded(text)))
    if len(events) > _MAX_EVENTS:
        raise RejectedFile(f"malformed calendar: more than {_MAX_EVENTS} events")
    blocks: list[Block] = []
    for event in events:
        blocks.extend(_event_blocks(event))
    if not blocks:
        raise RejectedFile("empty file", "the calendar file holds no events")
    first = events[0] if events else {}
    stamp = _when(first.get("DTSTAMP") or first.get("CREATED"))
    summaries = [e["SUMMARY"][1] for e in events if e.get("SUMMARY")]
    title = summaries[0] if len(summaries) == 1 else (
        f"Calendar: {len(events)} events" if events else path.stem)
    return ParsedDocument(
        kind="ics",
        pages=sections_from_blocks(blocks),
        title=" ".join(title.split()) or path.stem,
        author=_person(first.get("ORGANIZER")),
        published=stamp.date().isoformat() if stamp else None,
        published_basis="metadata" if stamp else None,
        published_reason="the date the invitation was written (its DTSTAMP)" if stamp
        else None,
        meta={"events": len(events)},
    )


def _unfolded(text: str) -> list[str]:
    """Lines with their continuations (a line starting with a space or tab) joined."""
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def _events(lines: list[str]) -> list[dict[str, tuple[str, str]]]:
    """Each VEVENT's properties: name -> (parameters, value); attendees gathered."""
    events: list[dict[str, tuple[str, str]]] = []
    current: dict[str, tuple[str, str]] | None = None
    depth = 0  # inside an alarm or other component within the event
    for line in lines:
        upper = line.upper()
        if upper == "BEGIN:VEVENT":
            current, depth = {}, 0
            continue
        if current is None:
            continue
        if upper.startswith("BEGIN:"):
            depth += 1
        elif upper.startswith("END:") and depth:
            depth -= 1
        elif upper == "END:VEVENT":
            events.append(current)
            current = None
        elif not depth:
            m = _LINE.match(line)
            if m:
                name = m.group("name").upper()
                if name == "ATTENDEE":
                    previous = current.get(name, ("", ""))[1]
                    person = _person((m.group("params"), m.group("value"))) or ""
                    current[name] = ("", f"{previous}, {person}" if previous else person)
                else:
                    current.setdefault(name, (m.group("params"), m.group("value")))
    return events


def _event_blocks(event: dict[str, tuple[str, str]]) -> list[Block]:
    summary = _unescape(event.get("SUMMARY", ("", ""))[1])
    lines = [f"Event: {summary}" if summary else "Event"]
    start, end = _when(event.get("DTSTART")), _when(event.get("DTEND"))
    if start is not None:
        lines.append(f"When: {_span(start, end, event.get('DTSTART', ('', ''))[1])}")
    for name, label in (("LOCATION", "Where"), ("STATUS", "Status")):
        value = _unescape(event.get(name, ("", ""))[1])
        if value:
            lines.append(f"{label}: {value}")
    organiser = _person(event.get("ORGANIZER"))
    if organiser:
        lines.append(f"Organiser: {organiser}")
    if event.get("ATTENDEE"):
        lines.append(f"Invited: {event['ATTENDEE'][1]}")
    blocks = [Block(summary, heading_level=1)] if summary else []
    blocks.append(Block("\n".join(lines)))
    description = clean_text(_unescape(event.get("DESCRIPTION", ("", ""))[1]))
    blocks.extend(Block(p.strip()) for p in re.split(r"\n\s*\n", description) if p.strip())
    return blocks


def _when(prop: tuple[str, str] | None) -> dt.datetime | None:
    if not prop:
        return None
    m = _STAMP.match(prop[1].strip())
    if not m:
        return None
    year, month, day, hour, minute, second, _utc = m.groups()
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                           int(second or 0))
    except ValueError:
        return None


def _span(start: dt.datetime, end: dt.datetime | None, raw: str) -> str:
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if "T" not in raw:  # an all-day event
        return day
    zone = " (UTC)" if raw.strip().endswith("Z") else ""
    if end is not None and end.date() == start.date() and end > start:
        return f"{day}, {start:%H:%M} to {end:%H:%M}{zone}"
    return f"{day}, {start:%H:%M}{zone}"


def _person(prop: tuple[str, str] | None) -> str | None:
    if not prop:
        return None
    params, value = prop
    name = re.search(r';CN="?([^";:]+)"?', params or "", re.IGNORECASE)
    address = value.split(":", 1)[1] if value.lower().startswith("mailto:") else value
    if name and address:
        return f"{name.group(1).strip()} <{address.strip()}>"
    return (name.group(1).strip() if name else address.strip()) or None


def _unescape(value: str) -> str:
    return re.sub(r"\\[nN,;\\]", lambda m: _ESCAPES[m.group(0)], value).strip()
