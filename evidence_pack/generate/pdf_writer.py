"""A small PDF writer: text pages in Helvetica, metadata, page labels, scanned-looking image
pages and RC4 password protection. Written from the PDF specification (ISO 32000-1).

Only what import has to cope with is supported; the output opens in pdfium, pdfminer,
LibreOffice and Acrobat.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from evidence_pack.generate import rc4
from evidence_pack.generate.helvetica import text_width

PAGE_W, PAGE_H = 595, 842  # A4 in points
MARGIN = 56
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


class _Objects:
    """Numbered PDF objects, optionally encrypted with a file key."""

    def __init__(self, key: bytes | None) -> None:
        self.bodies: list[bytes | None] = []
        self.key = key

    def reserve(self) -> int:
        self.bodies.append(None)
        return len(self.bodies)

    def put(self, number: int, body: bytes) -> int:
        self.bodies[number - 1] = body
        return number

    def add(self, body: bytes) -> int:
        return self.put(self.reserve(), body)

    def string(self, number: int, text: str) -> bytes:
        """A text string for object `number`: PDFDocEncoding if ASCII, else UTF-16BE."""
        raw = text.encode("ascii") if text.isascii() else b"\xfe\xff" + text.encode("utf-16-be")
        if self.key is not None:
            raw = rc4.rc4(rc4.object_key(self.key, number), raw)
        return b"<" + raw.hex().encode() + b">"

    def stream(self, number: int, entries: bytes, data: bytes, *, compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, 6)
            entries += b" /Filter /FlateDecode"
        if self.key is not None:
            data = rc4.rc4(rc4.object_key(self.key, number), data)
        body = b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        return self.put(number, body)


def write_pdf(
    path: Path,
    pages: Sequence[Sequence[str] | str],
    *,
    title: str | None = None,
    author: str | None = None,
    subject: str | None = None,
    creation_date: str | None = None,
    producer: str = "Evidence Pack document generator",
    page_labels: Sequence[str] | None = None,
    font_size: float = 10.5,
    password: str | None = None,
    owner_password: str | None = None,
    image_only_pages: Iterable[int] = (),
    catalog_extra: bytes = b"",
) -> Path:
    """Write a PDF with one page per item of `pages` (a list of lines, or one string whose
    paragraphs are separated by blank lines). Lines are wrapped to the page width.

    `password` sets a user password (the file cannot be opened without it); `owner_password`
    alone protects permissions only, and the file opens without a password, as many
    published council PDFs do. `image_only_pages` (0-based) are drawn as a picture of the
    text with no text layer, as a scanner would produce.
    """
    path = Path(path)
    file_id = hashlib.md5(f"{path.name}{title}{len(pages)}".encode()).digest()
    encrypted = password is not None or owner_password is not None
    key = None
    encrypt_entries = b""
    if encrypted:
        user = password or ""
        owner = rc4.owner_entry(owner_password or user or "owner", user)
        key = rc4.file_key(user, owner, file_id)
        encrypt_entries = (
            b"/Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%s> /U <%s>"
            % (rc4.PERMISSIONS, owner.hex().encode(), rc4.user_entry(key, file_id).hex().encode())
        )
    objs = _Objects(key)
    catalog, page_tree, font = objs.reserve(), objs.reserve(), objs.reserve()
    objs.put(
        font,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    )
    scanned = set(image_only_pages)
    kids = []
    for index, page in enumerate(pages):
        lines = _wrap(_as_lines(page), font_size)
        if index in scanned:
            kids.append(_image_page(objs, page_tree, lines, font_size))
        else:
            kids.append(_text_page(objs, page_tree, font, lines, font_size))
    objs.put(
        page_tree,
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)),
    )
    labels = b""
    if page_labels:
        labels = b" /PageLabels << /Nums [%s] >>" % _label_ranges(objs, catalog, page_labels)
    # catalog_extra lets tests write the active content real PDFs carry (/OpenAction etc.)
    objs.put(catalog, b"<< /Type /Catalog /Pages %d 0 R%s %s>>" % (page_tree, labels,
                                                                    catalog_extra))
    info = objs.reserve()
    objs.put(info, _info(objs, info, title, author, subject, creation_date, producer))
    encrypt = objs.add(b"<< " + encrypt_entries + b" >>") if encrypted else None
    if encrypt is not None:
        objs.key = None  # the encryption dictionary itself is never encrypted
    path.write_bytes(_serialise(objs, catalog, info, encrypt, file_id))
    return path


def _as_lines(page: Sequence[str] | str) -> list[str]:
    if isinstance(page, str):
        out: list[str] = []
        for para in page.split("\n\n"):
            out.extend([" ".join(para.split()), ""])
        return out[:-1]
    return list(page)


def _wrap(lines: list[str], size: float) -> list[str]:
    width = PAGE_W - 2 * MARGIN
    space = text_width(" ", size)
    out: list[str] = []
    for line in lines:
        words = line.split(" ")
        current, current_width = "", 0.0
        for word in words:
            # the width of the line so far plus this word: each word is measured once
            word_width = text_width(word, size)
            candidate_width = current_width + space + word_width if current else word_width
            if current and candidate_width > width:
                out.append(current)
                current, current_width = word, word_width
            else:
                current = f"{current} {word}" if current else word
                current_width = candidate_width
        out.append(current)
    return out


def _pdf_literal(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    out = bytearray(b"(")
    for byte in raw:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            out.append(byte)
        else:
            out += b"\\%03o" % byte
    return bytes(out + b")")


def _kerned(line: str, seed: int) -> bytes:
    """The line as a TJ array with pair-kerning adjustments inside words, the way word
    processors write text; extraction has to join the pieces back into words."""
    pieces: list[bytes] = []
    for i, word in enumerate(line.split(" ")):
        chunk = word if i == 0 else " " + word
        cut = (seed + i * 7) % 5
        if len(word) > 4 and cut:
            pieces.append(_pdf_literal(chunk[: cut + 1]))
            pieces.append(b"%d" % (15 + (seed + i) % 40))
            chunk = chunk[cut + 1 :]
        pieces.append(_pdf_literal(chunk))
    return b"[" + b" ".join(pieces) + b"]"


def _text_page(objs: _Objects, parent: int, font: int, lines: list[str], size: float) -> int:
    leading = size * 1.35
    ops = [b"BT", b"/F1 %.2f Tf" % size, b"%.2f TL" % leading]
    ops.append(b"%d %d Td" % (MARGIN, PAGE_H - MARGIN))
    for n, line in enumerate(lines):
        ops.append(_kerned(line, n) + b" TJ T*")
    ops.append(b"ET")
    content = objs.stream(objs.reserve(), b"", b"\n".join(ops))
    return objs.add(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
        % (parent, PAGE_W, PAGE_H, font, content)
    )


def _image_page(objs: _Objects, parent: int, lines: list[str], size: float) -> int:
    from evidence_pack.generate.scan_image import render_scan

    width, height, pixels = render_scan(lines, size, PAGE_W, PAGE_H, MARGIN)
    image = objs.stream(
        objs.reserve(),
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8" % (width, height),
        pixels,
    )
    content = objs.stream(
        objs.reserve(), b"", b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (PAGE_W, PAGE_H)
    )
    return objs.add(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
        b"/Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>"
        % (parent, PAGE_W, PAGE_H, image, content)
    )


def _label_ranges(objs: _Objects, catalog: int, labels: Sequence[str]) -> bytes:
    """/PageLabels number-tree entries for labels like i, ii, iii, 1, 2, A-1, A-2."""
    entries: list[bytes] = []
    previous: tuple[bytes, str, int] | None = None
    for index, label in enumerate(labels):
        style, prefix, number = _label_style(label)
        continues = previous is not None and previous[:2] == (style, prefix)
        if continues and previous is not None and number == previous[2] + 1:
            previous = (style, prefix, number)
            continue
        parts = []
        if style:
            parts.append(b"/S /" + style)
        if prefix:
            parts.append(b"/P " + objs.string(catalog, prefix))
        if number != 1 and style:
            parts.append(b"/St %d" % number)
        entries.append(b"%d << %s >>" % (index, b" ".join(parts)))
        previous = (style, prefix, number)
    return b" ".join(entries)


def _label_style(label: str) -> tuple[bytes, str, int]:
    if label.isdigit():
        return b"D", "", int(label)
    if _ROMAN.match(label):
        return b"r", "", _roman_value(label)
    if _ROMAN.match(label.lower()) and label.isupper():
        return b"R", "", _roman_value(label.lower())
    m = re.match(r"^(.*?)(\d+)$", label)
    if m:
        return b"D", m.group(1), int(m.group(2))
    return b"", label, 0


def _roman_value(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        v = values[ch]
        total += -v if nxt and values[nxt] > v else v
    return total


def _info(
    objs: _Objects,
    number: int,
    title: str | None,
    author: str | None,
    subject: str | None,
    creation_date: str | None,
    producer: str = "Evidence Pack document generator",
) -> bytes:
    parts = [b"/Producer " + objs.string(number, producer)]
    for key, value in ((b"Title", title), (b"Author", author), (b"Subject", subject)):
        if value:
            parts.append(b"/" + key + b" " + objs.string(number, value))
    if creation_date:
        stamp = "D:" + creation_date.replace("-", "").ljust(8, "0")[:8] + "090000Z"
        parts.append(b"/CreationDate " + objs.string(number, stamp))
        parts.append(b"/ModDate " + objs.string(number, stamp))
    return b"<< " + b" ".join(parts) + b" >>"


def _serialise(
    objs: _Objects, catalog: int, info: int, encrypt: int | None, file_id: bytes
) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objs.bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + (body or b"null") + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    ident = file_id.hex().encode()
    trailer = b"/Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]" % (
        len(offsets) + 1, catalog, info, ident, ident
    )
    if encrypt is not None:
        trailer += b" /Encrypt %d 0 R" % encrypt
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def write_damaged_pdf(path: Path, kind: str) -> Path:
    """A PDF broken the ways real downloads are: "truncated" (cut off half way),
    "garbage_xref" (cross-reference table overwritten), or "zero_pages" (an empty page tree)."""
    path = Path(path)
    if kind == "zero_pages":
        objs = _Objects(None)
        catalog, tree = objs.reserve(), objs.reserve()
        objs.put(tree, b"<< /Type /Pages /Kids [] /Count 0 >>")
        objs.put(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % tree)
        info = objs.add(b"<< >>")
        path.write_bytes(_serialise(objs, catalog, info, None, bytes(16)))
        return path
    write_pdf(path, [["A page that will be damaged."] * 20] * 4, title="Damaged")
    data = path.read_bytes()
    if kind == "truncated":
        data = data[: len(data) // 2]
    elif kind == "garbage_xref":
        start = data.rindex(b"xref")
        data = data[:start] + bytes((b * 7 + 3) & 0xFF for b in data[start:])
    else:
        raise ValueError(f"unknown damage: {kind}")
    path.write_bytes(data)
    return path
