"""Where a page's text is on the page as printed: one module for the reader, the clippings
and the briefing's exhibits, so the three always agree on where a quote is.

A `PageLayout` holds boxes for spans of a page's stored text (`pages.text`, the text every
citation's offsets index): one box per character from a PDF's text layer (pdfium's text
page, aligned to the cleaned text the pack stores) or one per word read by OCR. Boxes are
fractions of the page as displayed (after /Rotate and the crop box), from its top-left
corner, so they fit a render at any size.

- `layout.PageLayout.rects(start, end)`: the rectangles to draw for a span (one per line
  run), what the reader highlights, the clipping marks and the exhibit crops around;
- `layout.PageLayout.span_between(a, b)`: the text offsets between two points, what a drag
  over the page image selects (then widened to whole words as the text view does);
- `spans.citation_span` / `spans.quote_span`: where a citation or a quote is in the text.
"""

from evidence_pack.core.geometry.layout import PageLayout, Rect, TextBox

__all__ = ["PageLayout", "Rect", "TextBox"]
