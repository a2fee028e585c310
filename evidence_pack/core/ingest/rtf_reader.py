"""Rich Text Format (.rtf) letters and reports: paragraphs, headings, tables and document info.

Our own reader of the RTF 1.9 syntax: the packages on PyPI either flatten everything to text
(losing headings, which become sections here) or target other jobs. RTF is a stream of
groups, control words and text; what matters for reading:
- destinations that are not body text are skipped (font and colour tables, pictures, objects,
  headers and footers, field instructions, anything marked `\\*` that we do not know);
- `\\'hh` bytes are text in the document's code page (`\\ansicpg`), `\\uN` is a Unicode
  character followed by `\\ucN` fallback characters to skip;
- headings are paragraphs whose style (`\\sN`, named in the stylesheet "heading 1") or
  `\\outlinelevelN` says so; a table row's cells are joined with " | ";
- `\\info` gives title, author and the creation time.
The scanner is iterative, so hostile nesting cannot exhaust the stack, and `\\binN` payloads
are skipped by length.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.sections import Block, sections_from_blocks
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.models import ParsedDocument

_MAX_BYTES = 200 * 1024 * 1024
_MAX_DEPTH = 1000
_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word with optional number
    rb"|\\'([0-9a-fA-F]{2})"  # hex byte
    rb"|\\([^a-zA-Z'])"  # control symbol
    rb"|([{}])"
    rb"|([^\\{}\r\n]+)"  # plain text
    rb"|[\r\n]+"
)
_SKIP_DESTINATIONS = {
    b"fonttbl", b"colortbl", b"pict", b"object", b"header", b"headerl", b"headerr", b"headerf",
    b"footer", b"footerl", b"footerr", b"footerf", b"fldinst", b"themedata", b"datastore",
    b"colorschememapping", b"latentstyles", b"listtable", b"listoverridetable", b"rsidtbl",
    b"xmlnstbl", b"generator", b"filetbl", b"revtbl", b"pgdsctbl", b"mmathPr", b"annotation",
    b"atnid", b"atnauthor", b"comment", b"footnote", b"private", b"userprops", b"docvar",
    b"shppict", b"nonshppict", b"bkmkstart", b"bkmkend", b"xe", b"tc", b"pnseclvl",
    b"listtext", b"pntext", b"wgrffmtfilter", b"passwordhash", b"operator",
}
_CAPTURED = {"title", "author", "subject", "company"}
_INFO_FIELDS = {b"title": "title", b"author": "author", b"subject": "subject",
                b"company": "company"}
_SYMBOLS = {b"emdash": "—", b"endash": "–", b"lquote": "‘", b"rquote": "’",
            b"ldblquote": "“", b"rdblquote": "”", b"bullet": "•", b"tab": "\t", b"line": "\n",
            b"emspace": " ", b"enspace": " ", b"qmspace": " "}
_CONTROL_SYMBOLS = {b"~": "\u00a0", b"_": "\u2011", b"-": "", b"\\": "\\", b"{": "{",
                    b"}": "}", b"\n": "\n", b"\r": "\n", b"|": "", b":": ""}
_HEADING_STYLE = re.compile(r"^(?:heading|título|titre|überschrift)\s*(\d)$", re.IGNORECASE)


@dataclass
class _Group:
    skip: bool = False
    uc: int = 1
    field: str | None = None  # an \info field or the stylesheet being read
    style_entry: int | None = None


@dataclass
class _State:
    codec: str = "cp1252"
    blocks: list[Block] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    pending: bytearray = field(default_factory=bytearray)
    info: dict[str, str] = field(default_factory=dict)
    created: dict[bytes, int] = field(default_factory=dict)
    styles: dict[int, str] = field(default_factory=dict)
    style: int = 0
    outline: int | None = None
    skip_chars: int = 0

    def flush_bytes(self, sink: list[str]) -> None:
        if self.pending:
            sink.append(self.pending.decode(self.codec, errors="replace"))
            self.pending.clear()


def read_rtf(path: Path) -> ParsedDocument:
    if path.stat().st_size > _MAX_BYTES:
        raise RejectedFile("unsupported file type", "a rich text file over 200 MB")
    data = path.read_bytes()
    if not data.lstrip()[:5] == b"{\\rtf":
        raise RejectedFile("not a rich text file despite its name",
                           "it does not start with the {\\rtf header")
    state = parse_rtf(data)
    pages = sections_from_blocks(state.blocks)
    if not pages:
        raise RejectedFile("empty file", "the rich text file has no text")
    title = state.info.get("title") or next(
        (b.text for b in state.blocks if b.heading_level == 1), None) or path.stem
    return ParsedDocument(
        kind="rtf",
        pages=pages,
        title=title,
        author=state.info.get("author"),
        published=_created(state.created),
        meta={k: v for k, v in state.info.items() if k in ("subject", "company")},
    )


def rtf_text(data: bytes) -> str:
    """The body text of RTF bytes (an Outlook message's body), paragraphs blank-line apart."""
    return "\n\n".join(b.text for b in parse_rtf(data).blocks)


def parse_rtf(data: bytes) -> _State:
    state = _State()
    stack: list[_Group] = [_Group()]
    pos = 0
    end = len(data)
    destination_next = False
    while pos < end:
        m = _TOKEN.match(data, pos)
        if m is None:  # a lone backslash at the end, or similar debris
            pos += 1
            continue
        pos = m.end()
        group = stack[-1]
        word, number, hexbyte, symbol, brace, text = m.groups()
        if brace == b"{":
            if len(stack) > _MAX_DEPTH:
                raise RejectedFile("damaged rich text file: it is nested too deeply to read")
            stack.append(_Group(group.skip, group.uc, group.field, None))
            destination_next = True
            continue
        first_in_group = destination_next
        destination_next = False
        if brace == b"}":
            _close_group(state, stack)
            continue
        if word is not None:
            pos = _control_word(state, stack, word, number, first_in_group, data, pos)
            continue
        if symbol is not None:
            if symbol == b"*":  # an optional destination: skipped unless named above
                group.skip = True
                destination_next = True
            elif _captures(group):
                _emit(state, _CONTROL_SYMBOLS.get(symbol, ""))
            continue
        if hexbyte is not None:
            if state.skip_chars:
                state.skip_chars -= 1
            elif _captures(group):
                state.pending.append(int(hexbyte, 16))
            continue
        if text is not None and _captures(group):
            chunk = text.decode("latin-1")
            if state.skip_chars:
                drop = min(state.skip_chars, len(chunk))
                chunk = chunk[drop:]
                state.skip_chars -= drop
            if chunk:
                _emit(state, chunk)
    _end_paragraph(state)
    return state


def _captures(group: _Group) -> bool:
    """Body text, or the text of an \\info field or a stylesheet entry being read."""
    return not group.skip or group.field in _CAPTURED or group.style_entry is not None


def _control_word(state: _State, stack: list[_Group], word: bytes, number: bytes | None,
                  first: bool, data: bytes, pos: int) -> int:
    group = stack[-1]
    n = int(number) if number is not None else None
    if word == b"bin" and n:
        return pos + max(0, n)  # raw binary payload, never text
    if first and word in _SKIP_DESTINATIONS:
        group.skip = True
        return pos
    if first and word == b"info":
        group.skip, group.field = True, "info"
        return pos
    if first and word == b"stylesheet":
        group.skip, group.field = True, "stylesheet"
        return pos
    if group.field == "info" and first and word in _INFO_FIELDS:
        group.field = _INFO_FIELDS[word]
        return pos
    if first and word == b"creatim":
        group.field = "creatim"
        return pos
    if group.field == "creatim" and word in (b"yr", b"mo", b"dy") and n is not None:
        state.created[word] = n
        return pos
    if group.field == "stylesheet" and word == b"s" and n is not None:
        group.style_entry = n
        return pos
    if word == b"ansicpg" and n:
        state.codec = _codec(n)
    elif word == b"uc" and n is not None:
        group.uc = max(0, n)
    elif word == b"u" and n is not None:
        if _captures(group):
            state.flush_bytes(state.text)
            state.text.append(chr(n + 65536 if n < 0 else n) if -32768 <= n <= 65535 else "")
        state.skip_chars = group.uc
    elif not _captures(group):
        return pos
    elif word in (b"par", b"sect", b"page"):
        _end_paragraph(state)
    elif word == b"pard":
        state.style, state.outline = 0, None
    elif word == b"s" and n is not None:
        state.style = n
    elif word == b"outlinelevel" and n is not None:
        state.outline = n
    elif word == b"cell" or word == b"nestcell":
        _emit(state, " | ")
    elif word == b"row" or word == b"nestrow":
        _end_paragraph(state, row=True)
    elif word in _SYMBOLS:
        _emit(state, _SYMBOLS[word])
    return pos


def _close_group(state: _State, stack: list[_Group]) -> None:
    closing = stack.pop() if len(stack) > 1 else stack[0]
    parent = stack[-1]
    if closing.field in _CAPTURED and closing.field != parent.field:
        state.flush_bytes(state.text)
        value = " ".join(clean_text("".join(state.text)).split())
        state.text.clear()
        if value:
            state.info[closing.field] = value
    elif closing.style_entry is not None and closing.field == "stylesheet":
        state.flush_bytes(state.text)
        name = "".join(state.text).strip().rstrip(";").strip()
        state.text.clear()
        state.styles[closing.style_entry] = name


def _emit(state: _State, text: str) -> None:
    state.flush_bytes(state.text)
    state.text.append(text)


def _end_paragraph(state: _State, *, row: bool = False) -> None:
    state.flush_bytes(state.text)
    raw = "".join(state.text)
    state.text.clear()
    if row:
        raw = " | ".join(part.strip() for part in raw.split(" | ") if part.strip())
    text = clean_text(raw)
    if not text:
        return
    state.blocks.append(Block(text, _heading_level(state)))


def _heading_level(state: _State) -> int:
    if state.outline is not None and 0 <= state.outline < 9:
        return state.outline + 1
    name = state.styles.get(state.style, "") if state.style else ""
    m = _HEADING_STYLE.match(name)
    if m:
        return int(m.group(1))
    return 1 if name.lower() == "title" else 0


def _codec(code_page: int) -> str:
    name = f"cp{code_page}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def _created(parts: dict[bytes, int]) -> str | None:
    year, month, day = parts.get(b"yr"), parts.get(b"mo"), parts.get(b"dy")
    if not year or not 1000 <= year <= 9999:
        return None
    if month and 1 <= month <= 12:
        if day and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"
