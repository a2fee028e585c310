"""Saved web articles: .html/.htm and Chrome's single-file .mhtml.

trafilatura finds the article among menus, cookie banners and "most read" lists and reads
its metadata. The publication and update dates are decided by web_dates from every signal
the page carries (htmldate's extensive search and trafilatura's date among them); the date
the page was saved comes from the MHTML header or SingleFile's comment. It runs entirely
offline on the bytes.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.article_lines import merge_recall_lines
from evidence_pack.core.ingest.html_document import (
    IXBRL,
    document_blocks,
    document_kind,
    ixbrl_dates,
)
from evidence_pack.core.ingest.sections import Block, sections_from_blocks
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.ingest.web_dates import Signal, WebDates, web_dates
from evidence_pack.core.models import ParsedDocument

_SAVED_FROM = re.compile(rb"<!-- saved from url=\(\d+\)(\S+?) -->")
_ISO_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# SingleFile's header comment: "Page saved with SingleFile \n url: ... \n saved date: Mon
# Feb 08 2016 10:22:31 GMT+0000"
_SINGLEFILE = re.compile(rb"Page saved with SingleFile\s+url:\s*(\S+)\s+saved date:\s*([^\n(]+)")


def read_html(path: Path) -> ParsedDocument:
    data = path.read_bytes()
    url = None
    accessed = None
    m = _SAVED_FROM.search(data[:4096])
    if m:
        url = m.group(1).decode("ascii", "replace")
    single = _SINGLEFILE.search(data[:8192])
    if single:
        url = url or single.group(1).decode("ascii", "replace")
        accessed = _saved_day(single.group(2).decode("ascii", "replace"))
    doc = _article(data, kind="html", fallback_title=path.stem, url=url)
    if accessed:
        doc.accessed, doc.accessed_basis = accessed, "metadata"
    return doc


def _saved_day(text: str) -> str | None:
    from evidence_pack.core.ingest.stated_dates import first_stated_date

    # "Mon Feb 08 2016 10:22:31 GMT+0000": the month-day-year reading after the weekday
    date = first_stated_date(re.sub(r"^\w{3}\s+", "", text.strip()))
    return date.value if date is not None and date.precision == "day" else None


def read_mhtml(path: Path) -> ParsedDocument:
    message, html_part, html = mhtml_page(path.read_bytes())
    url = message.get("Snapshot-Content-Location") or html_part.get("Content-Location")
    accessed = None
    if message.get("Date"):
        try:
            accessed = email.utils.parsedate_to_datetime(message["Date"]).date().isoformat()
        except (TypeError, ValueError):
            accessed = None
    doc = _article(html, kind="mhtml", fallback_title=path.stem, url=url)
    doc.accessed = accessed
    doc.accessed_basis = "metadata" if accessed else None
    return doc


def read_webarchive(path: Path) -> ParsedDocument:
    """Safari's .webarchive, what it saves a page as by default (see webarchive_page)."""
    if path.stat().st_size > _MAX_ARCHIVE_BYTES:
        raise RejectedFile("unsupported file type", "a web archive over 200 MB")
    html, url = webarchive_page(path.read_bytes())
    doc = _article(html, kind="html", fallback_title=path.stem, url=url)
    doc.meta["saved_as"] = "Safari web archive"
    return doc


def webarchive_page(data: bytes) -> tuple[bytes | str, str | None]:
    """The page in a Safari web archive, a property list whose main resource is the page's
    HTML with its address and text encoding: (HTML, address)."""
    import plistlib

    try:
        archive = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError,
            OverflowError) as exc:
        raise RejectedFile(f"damaged web archive: {type(exc).__name__}") from exc
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    page = main.get("WebResourceData") if isinstance(main, dict) else None
    if not isinstance(page, bytes) or not page:
        raise RejectedFile("damaged web archive: it holds no HTML page")
    url = main.get("WebResourceURL")
    encoding = main.get("WebResourceTextEncodingName")
    html: bytes | str = page
    if isinstance(encoding, str) and encoding:
        try:
            html = page.decode(encoding, errors="replace")
        except LookupError:
            html = page
    return html, url if isinstance(url, str) else None


_MAX_ARCHIVE_BYTES = 200 * 1024 * 1024


def mhtml_page(data: bytes) -> tuple[Any, Any, str]:
    """A web archive's message, its HTML part and that part's text."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    html_part = next(
        (p for p in message.walk() if p.get_content_type() == "text/html"), None
    )
    if html_part is None:
        raise RejectedFile("damaged web archive: it holds no HTML page")
    try:
        html = html_part.get_content()
    except (LookupError, ValueError) as exc:
        raise RejectedFile(f"damaged web archive: {exc}") from exc
    return message, html_part, html


def _article(
    html: bytes | str, *, kind: str, fallback_title: str, url: str | None
) -> ParsedDocument:
    import trafilatura

    warnings: list[str] = []
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
        )
    except Exception as exc:  # lxml and trafilatura raise many types on malformed markup
        raise RejectedFile(f"damaged web page: {type(exc).__name__}") from exc
    document = document_kind(html)
    tree = _tree(html) if document else None
    whole = document_blocks(tree) if tree is not None else []
    text = "" if whole else (
        clean_text(getattr(result, "text", None) or "") if result is not None else "")
    if text:
        text = merge_recall_lines(text, _recall_text(html))
    if not text and not whole:
        text = _whole_page_text(html)
        if text:
            warnings.append(
                "the article could not be told apart from the rest of the page; "
                "all of the page's text was imported"
            )
    if not text and not whole:
        raise RejectedFile("empty file", "the web page has no readable text")
    blocks = whole or [Block(line) for line in text.split("\n")]
    headline = _clean(getattr(result, "title", None)) if result is not None else None
    if headline and not whole and not _starts_with(text, headline):
        # the page as printed opens with its headline, which often states the news itself
        # ("Mitie buys Interserve's FM arm for £120m"): keep it, to search and to cite
        blocks.insert(0, Block(headline, heading_level=1))
    meta_url = getattr(result, "url", None) if result is not None else None
    dates = _dates(html, meta_url or url, getattr(result, "date", None) if result else None,
                   ixbrl_dates(tree) if document == IXBRL and tree is not None else [])
    published, updated = dates.published, dates.updated
    return ParsedDocument(
        kind=kind,
        pages=sections_from_blocks(blocks),
        title=_clean(getattr(result, "title", None)) or fallback_title,
        author=_clean(getattr(result, "author", None)),
        publisher=_clean(getattr(result, "sitename", None)),
        url=meta_url or url,
        published=published.value if published else None,
        published_basis=published.basis if published else None,
        published_reason=published.reason if published else None,
        updated=updated.value if updated else None,
        updated_basis=updated.basis if updated else None,
        updated_reason=updated.reason if updated else None,
        warnings=warnings,
        meta={
            **{k: v for k in ("description", "hostname")
               if (v := _clean(getattr(result, k, None) if result is not None else None))},
            **({"document": document} if whole else {}),
        },
    )


def _starts_with(text: str, headline: str) -> bool:
    """Whether the article text already gives the headline near its start."""
    head = " ".join(text[:len(headline) + 400].split()).casefold()
    return " ".join(headline.split()).casefold() in head


def _recall_text(html: bytes | str) -> str:
    """The recall-oriented extraction, for the lists the precise one drops (article_lines)."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, include_comments=False, include_tables=True,
                                             deduplicate=False, favor_recall=True)
    except Exception:
        return ""
    return clean_text(getattr(result, "text", None) or "") if result is not None else ""


def _tree(html: bytes | str) -> Any:
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html if isinstance(html, bytes) else html.encode("utf-8"))
    except Exception:  # lxml raises several types on hopeless markup
        return None


def _dates(html: bytes | str, url: str | None, trafilatura_date: str | None,
           stated: list[Signal]) -> WebDates:
    signals = list(stated)
    if trafilatura_date and _ISO_DAY.match(trafilatura_date):
        signals.append(Signal(trafilatura_date, "published", "trafilatura's metadata",
                              "htmldate"))
    return web_dates(html, url, extra=signals)


def _whole_page_text(html: bytes | str) -> str:
    import trafilatura

    try:
        _tree, text, _length = trafilatura.baseline(html)
    except Exception:
        return ""
    return clean_text(text or "")


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(clean_text(value).split())
    return value or None
