"""Second reader for PDFs that pdfium refuses as malformed.

pdfminer (under pdfplumber) is slower but parses some broken cross-reference tables and
linearisation data that pdfium rejects outright. It is tried only after pdfium has failed, so
healthy files never pay for it; anything it recovers is imported with a warning.
"""

from __future__ import annotations

from pathlib import Path

from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.models import ParsedPage


def recover_pages(path: Path) -> list[ParsedPage] | None:
    """The pages pdfminer can read, or None when it cannot make sense of the file either."""
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            pages = [
                ParsedPage(number=i + 1, text=clean_text(page.extract_text() or ""))
                for i, page in enumerate(pdf.pages)
            ]
    except Exception:  # pdfminer raises a wide variety of types on broken input
        return None
    if not any(p.text for p in pages):
        return None
    return pages
