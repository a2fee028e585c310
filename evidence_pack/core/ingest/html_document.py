"""HTML that is a document, not a web page: read whole, in order, rather than as an article.

Company accounts filed at Companies House are inline XBRL (iXBRL): XHTML pages of balance
sheets and notes, every figure tagged for machines. Word can also save a report "as a web
page". Neither has menus or "most read" lists to leave out, and the article finder, judging
what is the article, drops headings, the directors' table or whole notes from them. So such
a file is read whole: headings as headings, each table row a line of its cells between
" | " (as a .docx table is), hidden parts (the iXBRL header, display:none) left out.

An iXBRL filing also states when its accounts were approved for issue, in a tag of its own:
that date is the one the accounts carry, rather than the balance sheet's (which htmldate
finds first on the page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from evidence_pack.core.ingest.sections import Block
from evidence_pack.core.ingest.stated_dates import first_stated_date
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.ingest.web_dates import Signal

IXBRL = "inline XBRL accounts"
WORD_PAGE = "a Word document saved as a web page"
_IXBRL_MARKS = (b"inlinexbrl", b"<ix:header")
# Word's own generator line, in the head: text pasted from Word into a web page's body
# brings Word's namespaces along, but not this
_WORD_MARKS = (b'content="microsoft word', b"content=microsoft word",
               b"content='microsoft word")
_BLOCK_TAGS = {"p", "div", "section", "article", "header", "footer", "main", "aside",
               "blockquote", "pre", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
               "h5", "h6", "table", "tr", "caption", "address", "figure", "figcaption", "form",
               "fieldset", "nav", "body", "center", "hr"}
_SKIPPED_TAGS = {"head", "script", "style", "noscript", "template", "title", "ix:header",
                 "object", "iframe", "svg"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_APPROVED = re.compile(r"DateAuthorisationFinancialStatementsForIssue$|DateApprovalAccounts$",
                       re.IGNORECASE)
_MAX_DEPTH = 400


def document_kind(html: bytes | str) -> str | None:
    """IXBRL or WORD_PAGE when the file is one of those documents, else None."""
    head = (html if isinstance(html, bytes) else html.encode("utf-8", "replace"))[:65536]
    top = head.lower()
    if any(mark in top for mark in _IXBRL_MARKS):
        return IXBRL
    if any(mark in top.split(b"<body", 1)[0] for mark in _WORD_MARKS):
        return WORD_PAGE
    return None


def document_blocks(tree: Any) -> list[Block]:
    """The document's visible text in order: paragraphs, headings and table rows."""
    blocks: list[Block] = []
    line: list[str] = []

    def flush(level: int = 0) -> None:
        text = clean_text(" ".join("".join(line).split()))
        if text:
            blocks.append(Block(text, heading_level=level))
        line.clear()

    def walk(element: Any, depth: int) -> None:
        tag = _tag(element)
        if not tag or tag in _SKIPPED_TAGS or _hidden(element) or depth > _MAX_DEPTH:
            if element.tail:  # a comment, or what is not shown: only the text after it
                line.append(element.tail)
            return
        if tag == "tr":
            flush()
            cells = [" ".join(_text(cell).split()) for cell in element
                     if _tag(cell) in ("td", "th") and not _hidden(cell)]
            row = " | ".join(cell for cell in cells if cell)
            if row:
                blocks.append(Block(clean_text(row)))
        else:
            block = tag in _BLOCK_TAGS
            if block:
                flush()
            if tag == "br":
                flush()
            if element.text:
                line.append(element.text)
            for child in element:
                walk(child, depth + 1)
            if block or tag in _HEADING:
                flush(_HEADING.get(tag, 0))
        if element.tail:
            line.append(element.tail)

    body = tree.find(".//body")
    walk(body if body is not None else tree, 0)
    flush()
    return blocks


def ixbrl_dates(tree: Any) -> list[Signal]:
    """The date the accounts were approved for issue, from its iXBRL tag."""
    found = []
    for element in _tagged(tree):
        if _APPROVED.search(element.get("name", "")):
            date = first_stated_date(_text(element))
            if date is not None and date.precision == "day" and date.year_given:
                found.append(Signal(date.value, "published",
                                    "the date the accounts were approved (iXBRL)", "metadata"))
    return found[:1]


def _tagged(tree: Any) -> Iterator[Any]:
    for element in tree.iter():
        tag = _tag(element)
        if tag.endswith("nonnumeric"):
            yield element


def _text(element: Any) -> str:
    return clean_text(" ".join(" ".join(element.itertext()).split()))


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _hidden(element: Any) -> bool:
    return bool(_HIDDEN_STYLE.search(element.get("style") or "")) or \
        element.get("hidden") is not None
