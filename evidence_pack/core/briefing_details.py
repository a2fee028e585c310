"""Where a pack keeps its briefing's own text (pack_meta keys), shared by the operation
that edits it and the export that reads it, without importing the Word writer."""

from __future__ import annotations

from typing import Any

SUBTITLE_META_KEY = "briefing_subtitle"
AUTHOR_META_KEY = "briefing_author"
SUMMARY_META_KEY = "briefing_summary"


def briefing_details(pack: Any) -> dict[str, str]:
    """The saved title, subtitle, author and summary ("" where none was saved)."""
    get = pack.store.get_meta
    return {
        "title": pack.title,
        "subtitle": get(SUBTITLE_META_KEY) or "",
        "author": get(AUTHOR_META_KEY) or "",
        "summary": get(SUMMARY_META_KEY) or "",
    }
