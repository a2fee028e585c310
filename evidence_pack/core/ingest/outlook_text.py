"""Text as Outlook stores it, shared by the .msg reader and the winmail.dat (TNEF) reader:
the codec of a MAPI code page, and the text of a compressed RTF body."""

from __future__ import annotations

import codecs


def codepage_codec(codepage: int | None) -> str:
    """The codec for 8-bit strings of that Windows code page (unknown, 0 or UTF-16's 1200:
    Windows-1252, what Outlook writes when it says nothing else)."""
    if codepage in (None, 0, 1200, 65001):
        return "utf-8" if codepage == 65001 else "cp1252"
    try:
        return codecs.lookup(f"cp{codepage}").name
    except LookupError:
        return "cp1252"


def rtf_body_text(compressed: bytes | None, warnings: list[str]) -> str:
    """The text of a compressed RTF body (PR_RTF_COMPRESSED); "" with a warning when it
    cannot be unpacked."""
    if not compressed:
        return ""
    from evidence_pack.core.ingest.rtf_body import decompress_rtf
    from evidence_pack.core.ingest.rtf_reader import rtf_text

    try:
        rtf = decompress_rtf(compressed)
    except ValueError as exc:
        warnings.append(f"the message body could not be unpacked ({exc})")
        return ""
    # HTML mail kept as RTF (\fromhtml) carries its text outside the \*\htmltag groups,
    # which the RTF reader skips as optional destinations.
    return rtf_text(rtf)
