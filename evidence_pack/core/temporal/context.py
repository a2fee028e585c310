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
_PAST = re.compile(r"\b(?:(?:was|were)(?!\s+(?:planning|preparing|expected|scheduled|due|set|"
                   r"going|about|to)\b)|had|did|said|told|took|made|came|went|began|"
                   r"ago|last|earlier|previously|announced|reported|awarded|signed|completed|"
                   r"opened|closed)\b",
                   re.IGNORECASE)
_VERB_JUST_BEFORE = re.compile(r"\b(?:(?!need|speed|feed|seed|bed|planned|expected|scheduled|"
                               r"slated)\w{3,}ed|said|told|met|"
                               r"went|came|took|made|began|left|held|gave|sent|sold|bought|"
                               r"paid|rose|fell|won|lost|spoke|wrote|ran|led|fled|flew|saw|"
                               r"struck|quit)(?:\s+(?:on|in|by|at|during|over|late|early))?\s*$",
                               re.IGNORECASE)
# "In March, the company announced": a regular past verb within the next few words.
_PAST_VERB_AFTER = re.compile(r"^,?\s+(?:\w+\s+){0,3}?(?:(?!need|speed|feed|seed|bed|expected|"
                              r"planned|scheduled)\w{3,}ed|brought|bought|sold|paid|won|lost|"
                              r"left|held|gave|sent|rose|fell|met|spoke|wrote|ran|led|fled|"
                              r"flew|saw|struck|quit|became|began|came|went|took|made|told|"
                              r"said|found|got|kept|built|chose|drew|fought|grew|heard|knew|"
                              r"meant|sought|spent|stood|taught|thought|threw)\b",
                              re.IGNORECASE)
# The word just before a date often says which way it lies: "since" looks back; a deadline
# ("until", "by", "as soon as", "postponed to") looks ahead, even in a past-tense clause
# ("gave them until 9 a.m. Tuesday"), and so does a date a present-tense "is" points at
# ("Columbus Day is Monday", "the vote is set for March 3"). A clock time may stand between
# ("until 5 p.m. Nov. 9").
_SIGNAL_JUST_BEFORE = re.compile(
    r"\b(?P<w>since|until|till|as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|deadline\s+of|"
    r"is|are|(?:is|are)\s+(?:set|due|scheduled)\s+for|"
    r"(?:extended|postponed|delayed|adjourned|deferred|put\s+off)\s+(?:to|until|till))"
    r"(?:\s+(?:at|on))?\s*$", re.IGNORECASE)
# A plan that had been made for a day now past: "had been scheduled to expire Friday"
_PLUPERFECT_PLAN = re.compile(r"\bhad\s+been\s+(?:due|scheduled|expected|set|planned|"
                              r"supposed)\b", re.IGNORECASE)
_FUTURE_AUXILIARY = re.compile(r"\b(?:(?:will|would|shall|'ll|to|must|may|can|"
                               r"should)\s+(?:be|have\s+been)|to\s+be)\s+$", re.IGNORECASE)
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are|am|isn't|aren't)\s+"
                              r"(?:not\s+|being\s+|not\s+being\s+)?$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# A cue after the expression counts only within its own clause.
_CLAUSE_END = re.compile(r"[.!?;]|``|''|[\"“”]")
# "arrived on Sunday and will provide": a second verb phrase of the same subject has its own
# tense, which says nothing of the date before it
_NEXT_VERB_PHRASE = re.compile(r"\s(?:and|but)\s+(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|"
                               r"expects?\s+to|intends?\s+to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    text: str
    dct: dt.date | None
    day_first: bool = True

    def looks_ahead(self, start: int, end: int) -> bool:
        """Whether the clause around [start, end) speaks of the future relative to the DCT."""
        return self.tense(start, end) == "future"

    def _clause_after(self, end: int, size: int = 45) -> str:
        after = self.text[end : end + size]
        stop = _CLAUSE_END.search(after) or _NEXT_VERB_PHRASE.search(after)
        return after[: stop.start()] if stop is not None else after

    def tense(self, start: int, end: int) -> str | None:
        """"future", "past", or None when the clause gives no cue."""
        return self.tense_cue(start, end)[0]

    def tense_cue(self, start: int, end: int) -> tuple[str | None, bool]:
        """The tense and whether its cue is firm: a verb or signal word next to the
        expression ("met in March", "since May", "will be paid Dec. 14") is; the nearer of
        the cues elsewhere in the clause (a reporting verb, "would") is not."""
        lo = max(0, start - 90)
        before = self.text[lo:start]
        cut = None
        for m in _SENTENCE_END.finditer(before):
            cut = m.end()
        if cut is not None:
            before = before[cut:]
        signal = _SIGNAL_JUST_BEFORE.search(before[-30:])
        # ("Until Thursday, they had not..." opening a sentence looks back from a change)
        if signal is not None and signal.group("w") != "Until":
            return ("past" if signal.group("w").lower() == "since" else "future"), True
        if _PLUPERFECT_PLAN.search(before[-70:]):
            return "past", False  # the plan may have been moved to a later day
        verb = _VERB_JUST_BEFORE.search(before[-30:])
        if verb is not None and _PRESENT_PASSIVE.search(before[: len(before) - len(before[-30:])
                                                               + verb.start()]):
            # "if the bill is not presented on December 16": a present passive, not a
            # past event; it speaks of what is to happen
            return "future", False
        if verb is not None:
            ahead = _FUTURE_AUXILIARY.search(before[: len(before) - 30 + verb.start()]
                                             if len(before) > 30 else before[: verb.start()])
            # "ruled Wednesday", "stepped down in March"; but "will be paid Dec. 14" and
            # "to be published in early November" look ahead
            return ("future" if ahead else "past"), True
        after = self._clause_after(end, 25)
        window = before[-70:] + " " + after
        if not _FUTURE.search(window) and _PAST_VERB_AFTER.match(self._clause_after(end)):
            # "In March, American Medical received an offer": firm when the date opens its
            # clause; after it, a verb may belong to another clause ("which expire Nov. 21,
            # can be exercised")
            return "past", (cut is not None or lo == 0) and len(_WORD.findall(before)) <= 2
        here = len(before[-70:])  # where the expression sits in the window

        def distance(m: re.Match[str]) -> int:
            return here - m.end() if m.end() <= here else m.start() - here - 1

        future = [distance(m) for m in _FUTURE.finditer(window)]
        past = [distance(m) for m in _PAST.finditer(window)]
        if not future and not past:
            return None, False
        # the cue nearer the expression wins; a tie looks ahead
        if future and (not past or min(future) <= min(past)):
            return "future", True
        return "past", False
