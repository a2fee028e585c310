"""The summary properties of a Compound (OLE2) Office file (title, author, dates), as olefile
reads them, made into the text and days a source keeps: legacy Word and Excel files alike."""

from __future__ import annotations

from pathlib import Path


def summary_text(value: object) -> str | None:
    """A property's text, its NULs and runs of spaces gone; None when empty."""
    if isinstance(value, bytes):
        value = value.decode("cp1252", errors="replace")
    text = " ".join(str(value or "").replace("\x00", "").split())
    return text or None


def summary_day(stamp: object) -> str | None:
    """A property's time as an ISO day; None when unset (an unset time reads as 1601)."""
    date = getattr(stamp, "date", None)
    if date is None or getattr(stamp, "year", 0) < 1980:
        return None
    return date().isoformat()  # type: ignore[no-any-return]


def file_summary(path: Path) -> tuple[str | None, str | None, str | None]:
    """Title, author and created day of the file, or Nones when it has no readable summary."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            meta = ole.get_metadata()
    except (OSError, ValueError, IndexError):
        return None, None, None
    return summary_text(meta.title), summary_text(meta.author), summary_day(meta.create_time)
