"""What a finder rule needs to know besides its match: the text, the document's date, and
whether the sentence around an expression looks ahead (future tense) or back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from evidence_pack.core.temporal.lexicon import FUTURE_CUES

_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"“‘(])|\n\s*\n")
_FUTURE = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in FUTURE_CUES) + r")\b",
                     re.IGNORECASE)
# Past cues, including any regular past-tense verb ("ruled", "predicted", "stepped down"):
# in news the verb nearest a bare weekday or month usually says which way it points.
_PAST = re.compile(r"\b(?:was|were|had|did|said|told|took|made|came|went|began|"
                   r"ago|last|earlier|previously|announced|reported|awarded|signed|completed|"
                   r"opened|closed)\b",
                   re.IGNORECASE)
_VERB_JUST_BEFORE = re.compile(r"\b(?!need|speed|feed|seed|bed)\w{3,}ed(?:\s+(?:on|in|by|late|"
                               r"early))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    text: str
    dct: dt.date | None
    day_first: bool = True

    def looks_ahead(self, start: int, end: int) -> bool:
        """Whether the clause around [start, end) speaks of the future relative to the DCT."""
        return self.tense(start, end) == "future"

    def tense(self, start: int, end: int) -> str | None:
        """"future", "past", or None when the clause gives no cue."""
        lo = max(0, start - 90)
        before = self.text[lo:start]
        cut = None
        for m in _SENTENCE_END.finditer(before):
            cut = m.end()
        if cut is not None:
            before = before[cut:]
        if _VERB_JUST_BEFORE.search(before[-30:]):
            return "past"  # "ruled Wednesday", "stepped down in March"
        after = self.text[end : end + 25]
        window = before[-70:] + " " + after
        future = [m.start() for m in _FUTURE.finditer(window)]
        past = [m.start() for m in _PAST.finditer(window)]
        if not future and not past:
            return None
        if not future:
            return "past"
        # the nearer cue to the expression wins
        return "future" if not past or max(future) >= max(past) else "past"
