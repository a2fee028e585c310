"""PowerPoint 97-2003 presentations (.ppt): each slide's text, read as [MS-PPT] lays it out.

Board and committee presentations from before 2007 (and many since, saved "for
compatibility") are .ppt. olefile opens the Compound File; the rest is read here. The
"PowerPoint Document" stream is a tree of records (an 8-byte header: version and instance,
type, length). Which record is the current version of each slide is told by the persist
directory: the "Current User" stream points at the last UserEditAtom, and each edit's
PersistDirectoryAtom maps persist ids to offsets (a later save's entries win; fast saves
append edits instead of rewriting). The DocumentContainer's SlideListWithText lists the
slides in their order, each by its persist id.

A slide's text is in its drawing: each shape's ClientTextbox holds the text itself (what
LibreOffice and later PowerPoint versions write), or a reference to one of the texts that
follow the slide's entry in the SlideListWithText (PowerPoint's placeholders). Shapes are read
top to bottom, then left to right, as the .pptx reader does; a group laid out as a grid (a
table) is read a row a line, its cells between " | ". Speaker notes are matched to their
slide by its id. Each slide is a page numbered as in the deck, its title the page's heading.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.document_dates import settle_file_dates
from evidence_pack.core.ingest.ole_summary import summary_day, summary_text
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.models import ParsedDocument, ParsedPage

PPT_HINT = "open it in PowerPoint or LibreOffice, save it as .pptx (or PDF) and import that"
_MAX_BYTES = 256 * 1024 * 1024
_MAX_SLIDES = 10_000
_MAX_DEPTH = 32

_CURRENT_USER, _USER_EDIT, _PERSIST_DIRECTORY = 0x0FF6, 0x0FF5, 0x1772
_DOCUMENT, _SLIDE, _NOTES, _NOTES_ATOM = 0x03E8, 0x03EE, 0x03F0, 0x03F1
_SLIDE_LIST, _SLIDE_PERSIST = 0x0FF0, 0x03F3
_TEXT_HEADER, _TEXT_CHARS, _TEXT_BYTES, _OUTLINE_REF = 0x0F9F, 0x0FA0, 0x0FA8, 0x0F9E
_DRAWING, _GROUP, _SHAPE = 0x040C, 0xF003, 0xF004
_CLIENT_ANCHOR, _CHILD_ANCHOR, _CLIENT_DATA, _CLIENT_TEXTBOX = 0xF010, 0xF00F, 0xF011, 0xF00D
_PLACEHOLDER = 0x0BC3
_SLIDES_LIST, _NOTES_LIST = 0, 2  # SlideListWithText instances (1 is the masters')
_UNENCRYPTED, _ENCRYPTED = 0xE391C05F, 0xF3D1C4DF
# placeholder kinds that are a slide's title ([MS-PPT] PlaceholderEnum), and the text types
# (TextHeaderAtom) that are one
_TITLE_PLACEHOLDERS = {0x0D, 0x0F, 0x11}
_NOTES_BODY = 0x0C
_TITLE_TEXT_TYPES = {0, 6}
# a tenth of an inch in master units (576 an inch): shapes whose tops differ by less are
# read as one row, left to right
_ROW_BAND = 58
_TEXT_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\xa0": " "})


class _Damaged(Exception):
    pass


@dataclass
class _Box:
    top: int
    left: int
    text: str
    title: bool = False
    notes_body: bool = False


@dataclass
class _SlideEntry:
    persist: int
    slide_id: int
    texts: list[tuple[int, str]] = field(default_factory=list)  # (text type, text)


def read_ppt(path: Path) -> ParsedDocument:
    import olefile

    if path.stat().st_size > _MAX_BYTES:
        raise RejectedFile("unsupported file type", "a PowerPoint file over 256 MB")
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("PowerPoint Document"):
                raise RejectedFile("damaged PowerPoint 97-2003 file (.ppt): its PowerPoint "
                                   "Document stream is missing", PPT_HINT)
            stream = ole.openstream("PowerPoint Document").read()
            user = ole.openstream("Current User").read() if ole.exists("Current User") \
                else b""
            meta = ole.get_metadata()
    except (OSError, ValueError, IndexError, struct.error) as exc:
        raise RejectedFile(f"damaged PowerPoint 97-2003 file (.ppt): {exc}", PPT_HINT) from exc
    try:
        pages = slide_pages(stream, user)
    except _Damaged as exc:
        raise RejectedFile(f"damaged PowerPoint 97-2003 file (.ppt): {exc}", PPT_HINT) from exc
    if not any(page.text for page in pages):
        raise RejectedFile("empty file", "the presentation's slides have no text")
    created, modified = summary_day(meta.create_time), summary_day(meta.last_saved_time)
    title = summary_text(meta.title) or next((p.heading for p in pages if p.heading), None)
    doc = ParsedDocument(
        kind="ppt",
        pages=pages,
        title=title or path.stem,
        author=summary_text(meta.author),
        meta={k: v for k, v in {"slides": len(pages), "subject": summary_text(meta.subject),
                                "created": created, "modified": modified}.items() if v},
    )
    settle_file_dates(doc, created or modified)
    return doc


def slide_pages(stream: bytes, current_user: bytes) -> list[ParsedPage]:
    """One page per slide, in the deck's order, from the two streams' bytes."""
    offsets, document_ref = _persist_directory(stream, _current_edit(current_user))
    document = _record_at(stream, offsets.get(document_ref), _DOCUMENT, "document")
    slides: list[_SlideEntry] = []
    notes: list[_SlideEntry] = []
    for typ, instance, start, end in _children(stream, *document):
        if typ == _SLIDE_LIST and instance in (_SLIDES_LIST, _NOTES_LIST):
            (slides if instance == _SLIDES_LIST else notes).extend(
                _slide_list(stream, start, end))
    if len(slides) > _MAX_SLIDES:
        raise _Damaged(f"it claims {len(slides)} slides")
    notes_by_slide = _notes_by_slide(stream, offsets, notes)
    pages = []
    for number, entry in enumerate(slides, 1):
        boxes = _slide_boxes(stream, offsets.get(entry.persist), _SLIDE, entry.texts)
        title = next((b.text for b in boxes if b.title), None)
        text = "\n".join(b.text for b in boxes)
        said = notes_by_slide.get(entry.slide_id)
        if said:
            text += f"\n\nNotes: {said}"
        pages.append(ParsedPage(number=number, text=text.strip(), label=str(number),
                                heading=" ".join(title.split()) if title else None))
    return pages


def _current_edit(user: bytes) -> int:
    if len(user) < 20:
        raise _Damaged("its Current User stream is missing or cut short")
    typ = struct.unpack_from("<H", user, 2)[0]
    token, offset = struct.unpack_from("<II", user, 12)
    if typ != _CURRENT_USER:
        raise _Damaged("its Current User stream does not hold the current user record")
    if token == _ENCRYPTED:
        raise RejectedFile("password-protected PowerPoint file",
                           "open it with its password, save a copy without one (as .pptx) "
                           "and import that")
    if token != _UNENCRYPTED:
        raise _Damaged("its Current User record has an unknown header token")
    return int(offset)


def _persist_directory(stream: bytes, edit: int) -> tuple[dict[int, int], int]:
    """Offsets by persist id, the newest save's first, and the document's persist id."""
    offsets: dict[int, int] = {}
    document_ref: int | None = None
    seen: set[int] = set()
    while edit not in seen:
        seen.add(edit)
        start, _ = _record_at(stream, edit, _USER_EDIT, "edit")
        if start + 20 > len(stream):
            raise _Damaged("an edit record is cut short")
        previous, directory, document = struct.unpack_from("<III", stream, start + 8)
        if document_ref is None:
            document_ref = document
        dir_start, dir_end = _record_at(stream, directory, _PERSIST_DIRECTORY,
                                        "persist directory")
        at = dir_start
        while at + 4 <= dir_end:
            entry = struct.unpack_from("<I", stream, at)[0]
            first, count = entry & 0xFFFFF, entry >> 20
            at += 4
            if at + 4 * count > dir_end:
                raise _Damaged("its persist directory is cut short")
            for n, offset in enumerate(struct.unpack_from(f"<{count}I", stream, at)):
                offsets.setdefault(first + n, offset)
            at += 4 * count
        if previous == 0:
            break
        edit = previous
    assert document_ref is not None
    return offsets, document_ref


def _slide_list(stream: bytes, start: int, end: int) -> Iterator[_SlideEntry]:
    entry: _SlideEntry | None = None
    text_type = 4
    for typ, _instance, body, body_end in _children(stream, start, end):
        if typ == _SLIDE_PERSIST and body + 16 <= body_end:
            if entry is not None:
                yield entry
            persist, _flags, _texts, slide_id = struct.unpack_from("<IIiI", stream, body)
            entry = _SlideEntry(persist, slide_id)
        elif typ == _TEXT_HEADER and body + 4 <= body_end:
            text_type = struct.unpack_from("<I", stream, body)[0]
        elif typ in (_TEXT_CHARS, _TEXT_BYTES) and entry is not None:
            entry.texts.append((text_type, _text(stream, typ, body, body_end)))
    if entry is not None:
        yield entry


def _notes_by_slide(stream: bytes, offsets: dict[int, int],
                    notes: list[_SlideEntry]) -> dict[int, str]:
    """Each slide's speaker notes by the slide's id (a notes page names its slide)."""
    found: dict[int, str] = {}
    for entry in notes:
        start, end = _record_at(stream, offsets.get(entry.persist), _NOTES, "notes page")
        slide_id = next((struct.unpack_from("<I", stream, body)[0]
                         for typ, _i, body, body_end in _children(stream, start, end)
                         if typ == _NOTES_ATOM and body + 4 <= body_end), None)
        if slide_id is None:
            continue
        boxes = _slide_boxes(stream, start - 8, _NOTES, entry.texts)
        body_boxes = [b for b in boxes if b.notes_body] or boxes
        text = " ".join(" ".join(b.text.split()) for b in body_boxes if b.text)
        if text:
            found[slide_id] = text
    return found


def _slide_boxes(stream: bytes, offset: int | None, kind: int,
                 texts: list[tuple[int, str]]) -> list[_Box]:
    start, end = _record_at(stream, offset, kind, "slide" if kind == _SLIDE else "notes page")
    referred: set[int] = set()
    boxes: list[_Box] = []
    for typ, _instance, body, body_end in _children(stream, start, end):
        if typ == _DRAWING:
            for group_start, group_end in _find(stream, body, body_end, _GROUP, 0):
                boxes = _group_boxes(stream, group_start, group_end, texts, referred, 0)
                break
    # placeholder texts no shape refers to are still the slide's
    for n, (text_type, text) in enumerate(texts):
        if n not in referred and text:
            boxes.append(_Box(1 << 30, n, text, title=text_type in _TITLE_TEXT_TYPES))
    return [b for b in boxes if b.text]


def _group_boxes(stream: bytes, start: int, end: int, texts: list[tuple[int, str]],
                 referred: set[int], depth: int) -> list[_Box]:
    if depth > _MAX_DEPTH:
        raise _Damaged("its shapes are nested too deep")
    boxes: list[_Box] = []
    for typ, _instance, body, body_end in _children(stream, start, end):
        if typ == _SHAPE:
            box = _shape_box(stream, body, body_end, texts, referred)
            if box is not None:
                boxes.append(box)
        elif typ == _GROUP:
            inner = _group_boxes(stream, body, body_end, texts, referred, depth + 1)
            anchor = _group_anchor(stream, body, body_end)
            boxes.extend(_grouped(inner, anchor))
    boxes.sort(key=lambda b: (b.top // _ROW_BAND, b.left))
    return boxes


def _grouped(inner: list[_Box], anchor: tuple[int, int] | None) -> list[_Box]:
    """A group's boxes placed at the group's own position; a grid of them (a table: two or
    more rows of two or more cells) becomes one line a row."""
    top, left = anchor if anchor else (min((b.top for b in inner), default=0),
                                       min((b.left for b in inner), default=0))
    rows: dict[int, list[_Box]] = {}
    for box in inner:
        rows.setdefault(box.top // _ROW_BAND, []).append(box)
    if len(rows) >= 2 and sum(len(r) >= 2 for r in rows.values()) >= 2 \
            and not any(b.title for b in inner):
        lines = [" | ".join(" ".join(b.text.split()) for b in sorted(row, key=lambda b: b.left))
                 for _band, row in sorted(rows.items())]
        return [_Box(top, left, "\n".join(lines))]
    return [_Box(top, left, b.text, b.title, b.notes_body) for b in inner]


def _shape_box(stream: bytes, start: int, end: int, texts: list[tuple[int, str]],
               referred: set[int]) -> _Box | None:
    top = left = 0
    placeholder: int | None = None
    text_type: int | None = None
    parts: list[str] = []
    for typ, _instance, body, body_end in _children(stream, start, end):
        anchor = _anchor(stream, typ, body, body_end)
        if anchor is not None:
            top, left = anchor
        elif typ == _CLIENT_DATA:
            for at, at_end in _find(stream, body, body_end, _PLACEHOLDER, 0):
                if at + 5 <= at_end:
                    placeholder = stream[at + 4]
        elif typ == _CLIENT_TEXTBOX:
            for inner, _i, inner_body, inner_end in _children(stream, body, body_end):
                if inner == _TEXT_HEADER and inner_body + 4 <= inner_end:
                    text_type = struct.unpack_from("<I", stream, inner_body)[0]
                elif inner in (_TEXT_CHARS, _TEXT_BYTES):
                    parts.append(_text(stream, inner, inner_body, inner_end))
                elif inner == _OUTLINE_REF and inner_body + 4 <= inner_end:
                    index = struct.unpack_from("<I", stream, inner_body)[0]
                    if index < len(texts):
                        referred.add(index)
                        text_type = texts[index][0]
                        parts.append(texts[index][1])
    text = "\n".join(p for p in parts if p.strip())
    if not text or text.strip() == "*":  # "*" alone stands for a field: a slide number, a date
        return None
    title = placeholder in _TITLE_PLACEHOLDERS if placeholder is not None \
        else text_type in _TITLE_TEXT_TYPES and bool(texts)
    return _Box(top, left, text, title=title, notes_body=placeholder == _NOTES_BODY)


def _group_anchor(stream: bytes, start: int, end: int) -> tuple[int, int] | None:
    # a group's first shape is the group itself: its anchor places the group
    for typ, _instance, body, body_end in _children(stream, start, end):
        if typ != _SHAPE:
            continue
        for inner, _i, inner_body, inner_end in _children(stream, body, body_end):
            anchor = _anchor(stream, inner, inner_body, inner_end)
            if anchor is not None:
                return anchor
        return None
    return None


def _anchor(stream: bytes, typ: int, start: int, end: int) -> tuple[int, int] | None:
    """(top, left) from a shape's anchor record: a slide's own (top, left, right, bottom,
    two bytes each or four) or a grouped shape's (left, top, right, bottom); else None."""
    if typ == _CLIENT_ANCHOR and end - start == 8:
        top, left = struct.unpack_from("<hh", stream, start)
    elif typ == _CLIENT_ANCHOR and end - start >= 16:
        top, left = struct.unpack_from("<ii", stream, start)
    elif typ == _CHILD_ANCHOR and end - start >= 16:
        left, top = struct.unpack_from("<ii", stream, start)
    else:
        return None
    return top, left


def _text(stream: bytes, typ: int, start: int, end: int) -> str:
    raw = stream[start:end]
    # TextBytesAtom keeps the low byte of each UTF-16 unit: Latin-1, not the ANSI code page
    text = raw.decode("utf-16-le", errors="replace") if typ == _TEXT_CHARS \
        else raw.decode("latin-1")
    return clean_text(text.translate(_TEXT_BREAKS))


def _record_at(stream: bytes, offset: int | None, expected: int, what: str) -> tuple[int, int]:
    """The body (start, end) of the record of type `expected` at `offset`."""
    if offset is None or offset + 8 > len(stream):
        raise _Damaged(f"its {what} record is missing")
    typ, length = struct.unpack_from("<HI", stream, offset + 2)
    if typ != expected:
        raise _Damaged(f"its {what} record is not where the file says")
    end = offset + 8 + length
    if end > len(stream):
        raise _Damaged(f"its {what} record is cut short")
    return offset + 8, end


def _children(stream: bytes, start: int, end: int) -> Iterator[tuple[int, int, int, int]]:
    """(type, instance, body start, body end) of each record directly inside [start, end)."""
    at = start
    while at + 8 <= end:
        version_instance, typ, length = struct.unpack_from("<HHI", stream, at)
        body_end = at + 8 + length
        if body_end > end:
            raise _Damaged("a record runs past the one it is in")
        yield typ, version_instance >> 4, at + 8, body_end
        at = body_end


def _find(stream: bytes, start: int, end: int, wanted: int,
          depth: int) -> Iterator[tuple[int, int]]:
    """The bodies of records of type `wanted` anywhere inside [start, end), outermost first."""
    if depth > _MAX_DEPTH:
        raise _Damaged("its records are nested too deep")
    for typ, _instance, body, body_end in _children(stream, start, end):
        if typ == wanted:
            yield body, body_end
        elif stream[body - 8] & 0x0F == 0x0F:  # a container: look inside
            yield from _find(stream, body, body_end, wanted, depth + 1)
