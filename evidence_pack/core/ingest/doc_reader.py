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
between " | " as a .docx table is. Pictures and note markers are left out. Headings are not
told apart from body text (that needs each paragraph's style, in the formatting tables), so a
.doc is sectioned by length, as plain text is.
"""

from __future__ import annotations

import re
import struct
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
    chars = "".join(_pieces(word, table[fc_clx:fc_clx + lcb_clx],
                            max(0, text_chars) + max(0, note_chars)))
    body = chars[:max(0, text_chars)]
    notes = chars[max(0, text_chars):max(0, text_chars) + max(0, note_chars)]
    return body, notes


def _pieces(word: bytes, clx: bytes, wanted: int) -> list[str]:
    """The characters of the pieces in order, until `wanted` characters are read."""
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
    out: list[str] = []
    read = 0
    for n in range(count):
        if read >= wanted:
            break
        length = cps[n + 1] - cps[n]
        if length <= 0:
            continue
        _, fc, _ = _PIECE.unpack_from(plc, 4 * (count + 1) + 8 * n)
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
            if part.strip():
                blocks.append(Block(clean_text(part)))
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
