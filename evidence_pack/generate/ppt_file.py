"""PowerPoint 97-2003 (.ppt) files written from scratch as PowerPoint itself lays them out
([MS-PPT]), for tests: placeholder text kept in the document's slide list and referred to
from the slide's shapes, text boxes holding their own text, tables as grids of grouped
cells, speaker notes, and a fast save that appends a newer version of a slide.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evidence_pack.generate.compound_file import write_compound_file

_TITLE, _BODY, _NOTES_BODY = 0x0D, 0x0E, 0x0C  # placeholder kinds
_TITLE_TEXT, _BODY_TEXT, _OTHER_TEXT = 0, 1, 4  # text types
UNENCRYPTED, ENCRYPTED = 0xE391C05F, 0xF3D1C4DF


@dataclass
class Slide:
    title: str
    body: Sequence[str] = ()
    # (top, left, text) in master units (576 an inch), each with its own text
    boxes: Sequence[tuple[int, int, str]] = ()
    table: Sequence[Sequence[str]] = ()
    notes: str = ""
    slide_id: int = field(default=0)


def write_ppt(path: Path, slides: Sequence[Slide], *, revised: dict[int, Slide] | None = None,
              token: int = UNENCRYPTED) -> Path:
    """`revised`: slides (by index) saved again by a fast save, appended after the first
    save with their own edit and persist directory; the first versions stay in the file."""
    stream = bytearray()
    offsets: dict[int, int] = {}
    ids = [256 + n for n in range(len(slides))]
    slide_persist = {n: 2 + n for n in range(len(slides))}
    notes_persist = {n: 2 + len(slides) + n for n in range(len(slides)) if slides[n].notes}

    document_at = len(stream)
    stream += _document(slides, ids, slide_persist, notes_persist)
    offsets[1] = document_at
    for n, slide in enumerate(slides):
        offsets[slide_persist[n]] = len(stream)
        stream += _slide(slide)
        if n in notes_persist:
            offsets[notes_persist[n]] = len(stream)
            stream += _notes(slide.notes, ids[n])
    edit = _save(stream, offsets, previous=0)
    if revised:
        # the slide list (where placeholder text lives) is saved again with the slides
        final = [revised.get(n, slide) for n, slide in enumerate(slides)]
        newer = {1: len(stream)}
        stream += _document(final, ids, slide_persist, notes_persist)
        for n, slide in revised.items():
            newer[slide_persist[n]] = len(stream)
            stream += _slide(slide)
        edit = _save(stream, newer, previous=edit)
    user = _record(0x0FF6, struct.pack("<IIIHHBBH", 0x14, token, edit, 4, 0x03F4, 3, 0, 0)
                   + b"team" + struct.pack("<I", 8))
    return write_compound_file(path, {"PowerPoint Document": bytes(stream),
                                      "Current User": user})


def _save(stream: bytearray, offsets: dict[int, int], previous: int) -> int:
    directory = bytearray()
    for first in sorted(offsets):
        directory += struct.pack("<II", first | (1 << 20), offsets[first])
    directory_at = len(stream)
    stream += _record(0x1772, bytes(directory))
    edit_at = len(stream)
    stream += _record(0x0FF5, struct.pack("<IHBBIIIIHH", 0, 0, 0, 3, previous, directory_at,
                                          1, 64, 1, 0))
    return edit_at


def _document(slides: Sequence[Slide], ids: list[int], slide_persist: dict[int, int],
              notes_persist: dict[int, int]) -> bytes:
    slide_list = bytearray()
    for n, slide in enumerate(slides):
        slide_list += _record(0x03F3, struct.pack("<IIiII", slide_persist[n], 0, 2, ids[n], 0))
        slide_list += _text_record(slide.title, _TITLE_TEXT)
        slide_list += _text_record("\r".join(slide.body), _BODY_TEXT)
    notes_list = bytearray()
    for n, persist in notes_persist.items():
        notes_list += _record(0x03F3, struct.pack("<IIiII", persist, 0, 0, 0x100 + ids[n], 0))
    body = _record(0x03E9, bytes(40), version=1) + _container(0x0FF0, bytes(slide_list))
    if notes_list:
        body += _container(0x0FF0, bytes(notes_list), instance=2)
    return _container(0x03E8, body)


def _slide(slide: Slide) -> bytes:
    shapes = [_group_shape(0, 0)]
    # the text boxes first in drawing order, though they sit lower on the slide than the
    # title: reading order is by position
    for top, left, text in slide.boxes:
        shapes.append(_shape(top, left, text=text))
    shapes.append(_shape(100, 300, placeholder=_TITLE, outline_ref=0))
    shapes.append(_shape(700, 300, placeholder=_BODY, outline_ref=1))
    if slide.table:
        cells = [_group_shape(1800, 300, child=False)]
        for r, row in enumerate(slide.table):
            for c, text in enumerate(row):
                cells.append(_shape(1800 + 200 * r, 300 + 900 * c, text=text, child=True))
        shapes.append(_container(0xF003, b"".join(cells)))
    drawing = _container(0xF002, _container(0xF003, b"".join(shapes)))
    return _container(0x03EE, _record(0x03EF, bytes(24), version=2)
                      + _container(0x040C, drawing))


def _notes(text: str, slide_id: int) -> bytes:
    shapes = _group_shape(0, 0) + _shape(300, 300, placeholder=_NOTES_BODY, text=text)
    drawing = _container(0xF002, _container(0xF003, shapes))
    return _container(0x03F0, _record(0x03F1, struct.pack("<IHH", slide_id, 0, 0), version=1)
                      + _container(0x040C, drawing))


def _group_shape(top: int, left: int, child: bool = False) -> bytes:
    anchor = _anchor(top, left, child)
    return _container(0xF004, _record(0xF009, bytes(16), version=1) + anchor)


def _shape(top: int, left: int, *, text: str | None = None, placeholder: int | None = None,
           outline_ref: int | None = None, child: bool = False) -> bytes:
    body = _anchor(top, left, child)
    if placeholder is not None:
        body += _container(0xF011, _record(0x0BC3, struct.pack("<iBBH", 0, placeholder, 0, 0)))
    if outline_ref is not None:
        body += _container(0xF00D, _record(0x0F9E, struct.pack("<I", outline_ref)))
    elif text is not None:
        body += _container(0xF00D, _text_record(text, _OTHER_TEXT))
    return _container(0xF004, body)


def _anchor(top: int, left: int, child: bool) -> bytes:
    if child:
        return _record(0xF00F, struct.pack("<iiii", left, top, left + 800, top + 180))
    return _record(0xF010, struct.pack("<hhhh", top, left, left + 4000, top + 400))


def _text_record(text: str, text_type: int) -> bytes:
    header = _record(0x0F9F, struct.pack("<I", text_type))
    if all(ord(ch) < 256 for ch in text):  # PowerPoint keeps Latin-1 text a byte a letter
        return header + _record(0x0FA8, text.encode("latin-1"))
    return header + _record(0x0FA0, text.encode("utf-16-le"))


def _record(typ: int, body: bytes, *, version: int = 0, instance: int = 0) -> bytes:
    return struct.pack("<HHI", version | (instance << 4), typ, len(body)) + body


def _container(typ: int, body: bytes, *, instance: int = 0) -> bytes:
    return _record(typ, body, version=0xF, instance=instance)
