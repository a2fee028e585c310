"""Snippets: short passages around matched terms, with the offsets of each match."""

from __future__ import annotations

from whoosh import highlight

_ELLIPSIS = " … "


class _OffsetFormatter(highlight.Formatter):
    """Collects plain snippet text plus match offsets instead of marking text up."""

    between = _ELLIPSIS

    def format(self, fragments, replace=False):  # type: ignore[no-untyped-def]
        text_parts: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        for i, fragment in enumerate(fragments):
            if i:
                text_parts.append(self.between)
                length += len(self.between)
            base = fragment.startchar
            source = fragment.text
            for token in fragment.matches:
                if token.startchar < base or token.endchar > fragment.endchar:
                    continue
                start = length + token.startchar - base
                spans.append((start, start + token.endchar - token.startchar))
            piece = _squeeze(source[base : fragment.endchar])
            text_parts.append(piece)
            length += len(piece)
        return "".join(text_parts), tuple(spans)


def _squeeze(text: str) -> str:
    # one char in, one char out, so match offsets stay valid after flattening line breaks
    return text.translate(_FLATTEN)


_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " "})


def make_highlighter(max_chars: int = 220, surround: int = 70) -> highlight.Highlighter:
    return highlight.Highlighter(
        fragmenter=highlight.ContextFragmenter(maxchars=max_chars, surround=surround),
        scorer=highlight.BasicFragmentScorer(),
        formatter=_OffsetFormatter(),
    )


def leading_snippet(text: str, max_chars: int = 200) -> str:
    """For hits with no highlightable term (e.g. a field-only query): the page's opening."""
    flat = " ".join(text.split())
    if len(flat) <= max_chars:
        return flat
    cut = flat.rfind(" ", 0, max_chars)
    return flat[: cut if cut > 0 else max_chars] + "…"
