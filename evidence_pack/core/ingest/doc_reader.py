"""Word 97-2003 documents (.doc): the text, read from the piece table as [MS-DOC] lays it out.

Council archives and FOI disclosures are full of .doc files. olefile opens the Compound File;
the rest is read here: the File Information Block (FIB) at the start of the WordDocument
stream gives the length of the main text and of the footnotes, which table stream to use and
where in it the piece table (the Clx) is. Each piece is a run of characters stored either as
8-bit (Windows-1252) or as UTF-16 text somewhere in the WordDocument stream; in order, they
are the document's characters: the main text first, then the footnotes, headers and the rest.

Word's control characters are read as it shows them: a paragraph mark or a page break ends a
paragraph; a field ({PAGE}, a hyperlink, a cross-reference) shows its result, not its code;
cell marks end table cells and a row's own mark ends the row, read as one line with its cells
between " | " as a .docx table is. Pictures and note markers are left out.

Headings are told apart by each paragraph's style, as .docx headings are: the paragraph
properties (PAPX, in 512-byte pages the bin table points to) name a style in the stylesheet
(STSH), whose built-in identifier says "heading 1" to "heading 9" or "Title" whatever the
style is called in the document's language; a style of one's own named "Heading 2" counts,
and so does an outline level set on the paragraph itself.
"""

from __future__ import annotations

import re
import struct
from bisect import bisect_right
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.document_dates import settle_file_dates
from evidence_pack.core.ingest.ole_summary import summary_day, summary_text
from evidence_pack.core.ingest.sections import Block, sections_from_blocks
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.models import ParsedDocument

_MAX_BYTES = 256 * 1024 * 1024
_WORD_97 = 0xA5EC
_FIRST_WORD_6_NFIB, _FIRST_WORD_97_NFIB = 0x0065, 0x00C0
_ENCRYPTED, _WHICH_TABLE, _OBFUSCATED = 0x0100, 0x0200, 0x8000
_CCP_TEXT, _CCP_FOOTNOTES = 0x4C, 0x50
_CLX_PAIR = 33  # fcClx/lcbClx: the 34th offset-and-length pair of the FIB
_STSH_PAIR, _PAPX_BINS_PAIR = 1, 13  # fcStshf/lcbStshf, fcPlcfBtePapx/lcbPlcfBtePapx
_FKP = 512
_STI_TITLE = 62  # built-in style identifiers: 1-9 are "heading 1" to "heading 9"
_SPRM_OUTLINE_LEVEL = 0x2640
_HEADING_NAME = re.compile(r"heading\s*([1-9])$", re.IGNORECASE)
# put before a heading paragraph's text (level after it) until the blocks are made
_HEADING_MARK = "\ue000"
_COMPRESSED = 0x40000000
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_CELL = "\x07"
# a line break, a page or section break and a column break end what stands before them
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\r", "\x0e": "\r", "\x1e": "-",
                         "\xa0": " "})
# pictures, drawn objects, note and comment markers, optional hyphens: nothing to read
_HIDDEN = re.compile(r"[\x00-\x06\x08\x10-\x12\x16-\x1d\x1f]")
_PIECE = struct.Struct("<HIH")

DOC_HINT = "open it in Word or LibreOffice, save it as .docx (or PDF) and import that"


def read_doc(path: Path) -> ParsedDocument:
    import olefile

    if path.stat().st_size > _MAX_BYTES:
        raise RejectedFile("unsupported file type", "a Word document over 256 MB")
    try:
        with olefile.OleFileIO(str(path)) as ole:
            word = ole.openstream("WordDocument").read()
            table_name = "1Table" if _flags(word) & _WHICH_TABLE else "0Table"
            if not ole.exists(table_name):
                raise RejectedFile("damaged Word 97-2003 document (.doc): its "
                                   f"{table_name} stream is missing", DOC_HINT)
            table = ole.openstream(table_name).read()
            meta = ole.get_metadata()
    except (OSError, ValueError, IndexError, struct.error) as exc:
        raise RejectedFile(f"damaged Word 97-2003 document (.doc): {exc}", DOC_HINT) from exc
    body, notes = document_text(word, table)
    blocks = _blocks(body) + _blocks(notes)
    pages = sections_from_blocks(blocks)
    if not pages:
        raise RejectedFile("empty file", "the Word document has no text")
    created, modified = summary_day(meta.create_time), summary_day(meta.last_saved_time)
    doc = ParsedDocument(
        kind="doc",
        pages=pages,
        title=summary_text(meta.title) or path.stem,
        author=summary_text(meta.author),
        meta={k: v for k, v in {"subject": summary_text(meta.subject),
                                "keywords": summary_text(meta.keywords),
                                "created": created, "modified": modified}.items() if v},
    )
    settle_file_dates(doc, created or modified)
    return doc


def document_text(word: bytes, table: bytes) -> tuple[str, str]:
    """The main text and the footnotes' text, with Word's control characters as stored."""
    if len(word) < 0x9A or struct.unpack_from("<H", word)[0] != _WORD_97:
        raise RejectedFile("damaged Word 97-2003 document (.doc): it does not start with a "
                           "Word file information block", DOC_HINT)
    n_fib = struct.unpack_from("<H", word, 2)[0]
    if _FIRST_WORD_6_NFIB <= n_fib < _FIRST_WORD_97_NFIB:
        raise RejectedFile("old Word 6.0/95 document (.doc)", DOC_HINT)
    if n_fib < _FIRST_WORD_6_NFIB:
        raise RejectedFile(f"damaged Word 97-2003 document (.doc): its file information "
                           f"block names no Word version (nFib {n_fib})", DOC_HINT)
    flags = _flags(word)
    if flags & (_ENCRYPTED | _OBFUSCATED):
        raise RejectedFile("password-protected Word document",
                           "open it with its password, save a copy without one (as .docx) "
                           "and import that")
    csw = struct.unpack_from("<H", word, 0x20)[0]
    lw_at = 0x22 + 2 * csw
    cslw = struct.unpack_from("<H", word, lw_at)[0]
    pairs_at = lw_at + 2 + 4 * cslw + 2
    text_chars, note_chars = struct.unpack_from("<ii", word, _CCP_TEXT)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, pairs_at + 8 * _CLX_PAIR)
    if fc_clx + lcb_clx > len(table) or lcb_clx == 0:
        raise RejectedFile("damaged Word 97-2003 document (.doc): its piece table is missing "
                           "or outside the table stream", DOC_HINT)
    pieces = _piece_table(table[fc_clx:fc_clx + lcb_clx])
    chars = "".join(_pieces(word, pieces, max(0, text_chars) + max(0, note_chars)))
    body = chars[:max(0, text_chars)]
    try:
        levels = _heading_levels(word, table, pairs_at, pieces, body)
    except (struct.error, IndexError, ValueError):
        levels = {}  # damaged formatting: the text is still the text, sectioned by length
    if levels:
        body = _mark_headings(body, levels)
    notes = chars[max(0, text_chars):max(0, text_chars) + max(0, note_chars)]
    return body, notes


def _piece_table(clx: bytes) -> list[tuple[int, int, int]]:
    """(first character, length, fc) of each piece in order; fc has its compressed flag."""
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # formatting (Prc) before the piece table
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise RejectedFile("damaged Word 97-2003 document (.doc): no piece table", DOC_HINT)
    size = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5:pos + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise RejectedFile("damaged Word 97-2003 document (.doc): an empty piece table",
                           DOC_HINT)
    cps = struct.unpack_from(f"<{count + 1}i", plc)
    pieces = []
    for n in range(count):
        length = cps[n + 1] - cps[n]
        if length > 0:
            pieces.append((cps[n], length, _PIECE.unpack_from(plc, 4 * (count + 1) + 8 * n)[1]))
    return pieces


def _pieces(word: bytes, pieces: list[tuple[int, int, int]], wanted: int) -> list[str]:
    """The characters of the pieces in order, until `wanted` characters are read."""
    out: list[str] = []
    read = 0
    for _cp, length, fc in pieces:
        if read >= wanted:
            break
        if fc & _COMPRESSED:
            start = (fc & ~_COMPRESSED) // 2
            raw = word[start:start + length]
            text = raw.decode("cp1252", errors="replace")
        else:
            raw = word[fc:fc + 2 * length]
            text = raw.decode("utf-16-le", errors="replace")
        if not raw:
            break  # a piece past the end of the stream: the file is cut short
        out.append(text)
        read += len(text)
    return out


def _heading_levels(word: bytes, table: bytes, pairs_at: int,
                    pieces: list[tuple[int, int, int]], body: str) -> dict[int, int]:
    """Heading level (1-9) by the position of the paragraph mark ending each heading."""
    styles = _style_levels(table, *struct.unpack_from("<II", word, pairs_at + 8 * _STSH_PAIR))
    runs = _paragraph_runs(word, table,
                           *struct.unpack_from("<II", word, pairs_at + 8 * _PAPX_BINS_PAIR))
    if not runs:
        return {}
    starts = [run[0] for run in runs]
    levels: dict[int, int] = {}
    piece_at = 0
    for cp in (m.start() for m in re.finditer("\r", body)):
        while piece_at < len(pieces) and pieces[piece_at][0] + pieces[piece_at][1] <= cp:
            piece_at += 1
        if piece_at == len(pieces):
            break
        first, _length, fc = pieces[piece_at]
        offset = cp - first
        at = (fc & ~_COMPRESSED) // 2 + offset if fc & _COMPRESSED else fc + 2 * offset
        n = bisect_right(starts, at) - 1
        if n < 0 or at >= runs[n][1]:
            continue
        istd, outline = runs[n][2], runs[n][3]
        level = styles.get(istd, 0) or (outline + 1 if outline is not None and outline < 9
                                        else 0)
        if level:
            levels[cp] = level
    return levels


def _style_levels(table: bytes, at: int, size: int) -> dict[int, int]:
    """Heading level by style index, from the stylesheet's built-in identifiers and names."""
    if size < 4 or at + size > len(table):
        return {}
    header = struct.unpack_from("<H", table, at)[0]
    count, base_size = struct.unpack_from("<HH", table, at + 2)
    pos, end = at + 2 + header, at + size
    levels: dict[int, int] = {}
    for istd in range(count):
        if pos + 2 > end:
            break
        length = struct.unpack_from("<H", table, pos)[0]
        std = table[pos + 2:pos + 2 + length]
        pos += 2 + length
        if len(std) < max(base_size, 2):
            continue
        sti = struct.unpack_from("<H", std)[0] & 0x0FFF
        if 1 <= sti <= 9:
            levels[istd] = sti
        elif sti == _STI_TITLE:
            levels[istd] = 1
        elif len(std) >= base_size + 2:
            chars = struct.unpack_from("<H", std, base_size)[0]
            name = std[base_size + 2:base_size + 2 + 2 * chars].decode("utf-16-le", "replace")
            match = _HEADING_NAME.match(name.strip())
            if match:
                levels[istd] = int(match.group(1))
    return levels


def _paragraph_runs(word: bytes, table: bytes, at: int,
                    size: int) -> list[tuple[int, int, int, int | None]]:
    """(first fc, end fc, style index, outline level or None) of each run of paragraph
    properties, in file order, from the PAPX pages the bin table lists."""
    if size < 12 or at + size > len(table):
        return []
    count = (size - 4) // 8
    runs = []
    for n in range(count):
        page = struct.unpack_from("<I", table, at + 4 * (count + 1) + 4 * n)[0] & 0x3FFFFF
        fkp = word[page * _FKP:(page + 1) * _FKP]
        if len(fkp) < _FKP:
            continue
        crun = fkp[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", fkp)
        for i in range(crun):
            offset = 2 * fkp[4 * (crun + 1) + 13 * i]
            istd, outline = _papx(fkp, offset) if offset else (0, None)
            runs.append((fcs[i], fcs[i + 1], istd, outline))
    runs.sort()
    return runs


def _papx(fkp: bytes, offset: int) -> tuple[int, int | None]:
    """A paragraph's style index and the outline level its own properties set, if any."""
    cb = fkp[offset]
    if cb == 0:
        start, size = offset + 2, 2 * fkp[offset + 1]
    else:
        start, size = offset + 1, 2 * cb - 1
    data = fkp[start:start + size]
    if len(data) < 2:
        return 0, None
    istd = struct.unpack_from("<H", data)[0]
    outline = None
    pos = 2
    while pos + 2 <= len(data):
        sprm = struct.unpack_from("<H", data, pos)[0]
        pos += 2
        kind = sprm >> 13
        if kind == 6:  # a variable operand: its size first
            if pos >= len(data):
                break
            width = 1 + data[pos]
        else:
            width = (1, 1, 2, 4, 2, 2, 0, 3)[kind]
        if sprm == _SPRM_OUTLINE_LEVEL and pos < len(data):
            outline = data[pos]
        pos += width
    return istd, outline


def _mark_headings(body: str, levels: dict[int, int]) -> str:
    """The text with each heading paragraph's start marked with its level."""
    out: list[str] = []
    start = 0
    for cp in sorted(levels):
        paragraph_start = body.rfind("\r", 0, cp) + 1
        if paragraph_start < start or "\x07" in body[paragraph_start:cp]:
            continue  # not a paragraph of its own (a table's cell)
        out.append(body[start:paragraph_start])
        out.append(f"{_HEADING_MARK}{levels[cp]}")
        start = paragraph_start
    out.append(body[start:])
    return "".join(out)


def _blocks(chars: str) -> list[Block]:
    """Paragraphs, and each table row as one line of its cells.

    A cell's text ends with a cell mark and a row with a mark of its own, so an empty cell
    and the end of a row look alike; the first row of a table (ended by an empty mark)
    gives the table's width, and after it an empty mark ends the row only once it holds
    that many cells."""
    text = _HIDDEN.sub("", _field_results(chars).translate(_BREAKS))
    blocks: list[Block] = []
    cells: list[str] = []
    width: int | None = None  # cells in a row of the table under way
    cell = ""

    def end_row() -> None:
        nonlocal cells
        line = " | ".join(c for c in cells if c)
        if line:
            blocks.append(Block(line))
        cells = []

    for part, mark in re.findall(r"([^\r\x07]*)([\r\x07]|$)", text):
        if mark == _CELL:
            content = " ".join((cell + part).split())
            cell = ""
            if not content and cells and (width is None or len(cells) >= width):
                width = width or len(cells)
                end_row()  # the row's own mark, after its last cell
            else:
                cells.append(content)
        elif cells:  # a paragraph inside a cell of a row under way
            cell += part + " "
        else:
            width = None  # a paragraph between tables
            level = 0
            if part.startswith(_HEADING_MARK) and part[1:2].isdigit():
                level, part = int(part[1]), part[2:]
            if part.strip():
                blocks.append(Block(clean_text(part), heading_level=level))
    if cell.strip():
        cells.append(" ".join(cell.split()))
    end_row()
    return [b for b in blocks if b.text.strip()]


def _field_results(chars: str) -> str:
    """A field shows its result ({PAGE} its number, a hyperlink its text), not its code;
    fields nest."""
    if _FIELD_BEGIN not in chars:
        return chars
    out: list[str] = []
    showing: list[bool] = []  # per open field: past its separator (its result) or not
    in_codes = 0  # open fields not past their separator: while any, nothing shows
    for piece in re.split(r"([\x13\x14\x15])", chars):
        if piece == _FIELD_BEGIN:
            showing.append(False)
            in_codes += 1
        elif piece == _FIELD_SEPARATOR:
            if showing and not showing[-1]:
                showing[-1] = True
                in_codes -= 1
        elif piece == _FIELD_END:
            if showing and not showing.pop():
                in_codes -= 1
        elif not in_codes:
            out.append(piece)
    return "".join(out)


def _flags(word: bytes) -> int:
    return struct.unpack_from("<H", word, 0x0A)[0] if len(word) >= 0x0C else 0
