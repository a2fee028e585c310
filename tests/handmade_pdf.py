"""PDFs written object by object, for tests of what pdfium's text page gets wrong.

`build_pdf` takes the objects' bodies (object 1 is the catalog, 2 the page tree) and writes
a file with a correct cross-reference table, so each test states exactly the PDF construct
it is about: a form field, an annotation's appearance, a font without a character map.
"""

from __future__ import annotations

import zlib
from pathlib import Path


def stream(entries: bytes, data: bytes, *, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data)
        entries += b" /Filter /FlateDecode"
    return b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def build_pdf(path: Path, objects: list[bytes]) -> Path:
    """`objects[i]` is the body of object i + 1."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def one_page_pdf(path: Path, content: bytes, *, fonts: bytes = b"", resources: bytes = b"",
                 page_extra: bytes = b"", catalog_extra: bytes = b"",
                 more: list[bytes] | None = None) -> Path:
    """A one-page A4 PDF: object 3 the page, 4 its content, 5 Helvetica (/F1); `more` are
    objects 6, 7, ... that `fonts` (more /Font entries), `resources`, `page_extra` or
    `catalog_extra` may refer to."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R " + fonts + b">> " + resources + b">> "
        + page_extra + b">>",
        stream(b"", content),
        HELVETICA,
        *(more or []),
    ]
    return build_pdf(path, objects)
