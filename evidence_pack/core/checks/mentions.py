"""The figures and dates a sentence states, each with the words around it.

For "In November 2014 it awarded a five-year contract for £726 million to UnitingCare" the
£726m is tied to "contract", "awarded" and "five-year"; November 2014 to "awarded". The
words nearest a value say what it measures, so they decide whether it is the claim's fact
(see same_fact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from evidence_pack.core.checks.amounts import find_amounts
from evidence_pack.core.checks.counts import find_counts, find_delays
from evidence_pack.core.checks.date_spans import DateSpan, find_date_spans
from evidence_pack.core.checks.event_dates import DateFinder, default_finder
from evidence_pack.core.checks.figures import Figure
from evidence_pack.core.checks.vocabulary import (
    ACTIVITY_FAMILIES,
    FORECAST,
    ORIGINAL,
    STOP,
    family,
    for_a_period,
    plan_stage,
    rate_after,
    rate_period,
    rate_word,
)
from evidence_pack.core.search.analysis import stem_term

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*\d|\d|[,;:–—]")
_REACH = 6  # content words kept on each side of a value
_DATEISH = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:spring|summer|"
    r"autumn|winter|year|month|decade)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    kind: str  # "money", "percent", "count", "delay" or "date"
    figure: Figure | None
    span: DateSpan | None
    start: int  # offsets into the sentence's text
    end: int
    near: tuple[tuple[str, int, str, bool], ...]  # (stem, distance in content words, the
    #   word as written, bound), nearest first; a bound word describes the value itself:
    #   any word before it, or after it with no preposition between but "of" or "in"
    #   ("£43m of public money"; not "£271m for Interserve's facilities")
    stage: str | None  # where it sits in a plan (vocabulary.plan_stage)
    rate: bool  # "£3m a year", "a monthly accruing liability of £5m"
    part: bool  # a share of, or difference from, another figure: "£23.9m of which",
    #             "£7m cheaper than"
    owner: str | None  # a name the value stands before: "the £335m Royal Liverpool Hospital"
    describes: frozenset[str] = frozenset()  # for a count, the stems between it and what it
    #                                          counts: "street" in "17,500 street trees"
    attached: tuple[str, ...] = ()  # stems of the words a figure stands before, when it is
    #                                 used as their modifier: "a £2 million hardship fund"
    whole: bool = False  # said to be a total: "the total cost", "£60m in total", "overall"
    activities: frozenset[str] = frozenset()  # the work a sum is the cost of, when its own
    #   words say so: "converting" (vocabulary.ACTIVITY_FAMILIES), not a head noun ("the £45m
    #   building" is the building)
    per: Decimal | None = None  # a rate's period in months, when its words give it
    change: str | None = None  # "by" for the size of a change ("rose by £12m", "a 6.5%
    #   hike"), "to" for the level it reached ("increased to £180m"); None when unsaid
    tally: tuple[str, bool | None] | None = None  # the contract or deal a sum is the value
    #   of, and whether of several together ("two contracts worth £500m", "contracts
    #   totalling £108m") or of one ("the £13.8m contract"); None for either when unsaid

    @property
    def text(self) -> str:
        if self.figure is not None:
            return self.figure.text
        return self.span.text if self.span is not None else ""

    def comparable(self, other: Mention) -> bool:
        if self.kind != other.kind:
            return False
        if self.figure is not None and other.figure is not None:
            return self.figure.comparable(other.figure)
        if self.span is not None and other.span is not None:
            return self.span.comparable(other.span)
        return False

    def consistent(self, other: Mention) -> bool:
        if self.figure is not None and other.figure is not None:
            return self.figure.consistent(other.figure)
        if self.span is not None and other.span is not None:
            return self.span.consistent(other.span)
        return True


@lru_cache(maxsize=16384)
def sentence_mentions(text: str, dct: str | None, finder: DateFinder = default_finder,
                      dates: bool = True) -> tuple[Mention, ...]:
    """Cached on the sentence and its source's date: a page is a candidate for many claims.
    Without `dates`, only figures (finding dates is most of the cost)."""
    figures = _figures(text)
    spans: list[DateSpan] = []
    if dates and _DATEISH.search(text):
        spans = [s for s in find_date_spans(text, dct, finder)
                 if not any(s.start < f.end and f.start < s.end for f in figures)
                 and not _ACT_YEAR.search(text, 0, s.start)
                 and not (dct is None and _RELATIVE.search(s.text))]
    values: list[tuple[str, Figure | None, DateSpan | None, int, int]] = (
        [(f.kind, f, None, f.start, f.end) for f in figures]
        + [("date", None, s, s.start, s.end) for s in spans])
    values.sort(key=lambda v: v[3])
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out = []
    for kind, figure, span, start, end in values:
        counted = _counted_words(text, figure)
        unit = figure.unit if figure is not None and figure.kind == "count" else None
        near = _near_words(tokens, values, start, end, kind,
                           counted | ({unit} if unit else set()))
        before = _clause_before(text, values, start, kind)
        after = " ".join(text[end:].split()[:8])
        stage = (ORIGINAL if _changed_from(text, values, start, end, kind)
                 else plan_stage(before, after) or _after_publication(span, dct))
        # a period said in the value's own clause: "a £23m loss for 2018/19", not "in the
        # 2023/24 financial year, the council faces a deficit of £1.2bn"
        clause = before.rsplit(",", 1)[-1] + " " + after.split(",", 1)[0]
        attached = _attached(text, end, kind)
        out.append(Mention(kind, figure, span, start, end, near, stage,
                           kind != "date" and (rate_after(text[end:end + 40]) or any(
                               rate_word(stem) for stem, d, _w, _b in near if d <= 3)
                               # "a 6.9% rise in 2025-26" is a change for that year, the
                               # same as "a 9.99% rise" said without it
                               or (kind != "percent" and for_a_period(clause))),
                           _part_of(text, start, end), _owner(text, end),
                           counted, attached,
                           whole=_whole(before, after) if kind == "money" else False,
                           activities=(_activities(text, start, near, attached)
                                       if kind == "money"
                                       else frozenset()),
                           tally=_tally(text, start, end, kind),
                           change=_change(text, start, end, kind),
                           per=(rate_period(text[end:end + 40],
                                            tuple(s for s, d, _w, _b in near if d <= 3))
                                if kind != "date" else None)))
    return tuple(out)


# "the Local Government Finance Act 1988": the year is part of a law's name, not a date
_ACT_YEAR = re.compile(r"\b(?:Act|Acts|Regulations|Order|Bill|Rules)(?: of)?\s*$")
# "imposed in July last year" on a page with no date: the year is not known
_RELATIVE = re.compile(r"\b(?:last|next|this|ago|yesterday|today|tomorrow|previous|"
                       r"following|coming)\b", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)
_TO = re.compile(r"\s*(?:,\s*)?(?:up\s+to|rising\s+to|to|and\s+then)\s+", re.IGNORECASE)


def _changed_from(text: str, values: list[tuple[str, Figure | None, DateSpan | None, int, int]],
                  start: int, end: int, kind: str) -> bool:
    """The first figure of "rose from £7.3m to £60m" or "from a cost value of £10 million up
    to £414 million" is what it was before: an earlier figure, like an original estimate."""
    if not _FROM.search(text[max(0, start - 30):start]):
        return False
    later = [s for k, _f, _d, s, _e in values if k == kind and s >= end]
    if not later:
        return False
    gap = text[end:later[0]]
    # "from £10 million up to £414 million": the "up to" is read as the second one's hedge
    return (_TO.fullmatch(gap) is not None
            or (not gap.strip() and text[later[0]:later[0] + 6].lower().startswith(
                ("up to", "to "))))


_CHANGE_WORD = (r"(?:increas\w*|rais(?:e|es|ed|ing)|ris(?:e|es|en|ing)|rose|gr[eo]w\w*|"
                r"climb\w*|jump\w*|soar\w*|balloon\w*|f[ae]ll\w*|drop\w*|cut|cuts|cutting|"
                r"reduc\w*|decreas\w*|shr[iau]nk\w*|went up|gone up|go(?:es)? up|revised)")
_TO_LEVEL = re.compile(rf"\b{_CHANGE_WORD}\s+(?:[\w'’-]+\s+){{0,8}}?to\s+$", re.IGNORECASE)
_BY_SIZE = re.compile(rf"(?:\b{_CHANGE_WORD}\s+(?:[\w'’-]+\s+){{0,3}}?by|\b(?:increase|rise|"
                      rf"cut|reduction|jump|hike|overspend|overrun)\s+of)\s+$", re.IGNORECASE)
_SIZE_AFTER = re.compile(r"\s*(?:increase|rise|jump|hike|cut|reduction|overspend|overrun)s?\b",
                         re.IGNORECASE)


def _change(text: str, start: int, end: int, kind: str) -> str | None:
    """Whether a figure is the size of a change ("rose by £12m", "an increase of £12m", "a
    6.5% hike") or the level something changed to ("increased to an estimated £180m"): two
    figures of one story that are never two accounts of each other."""
    if kind not in ("money", "percent", "count"):
        return None
    head = text[max(0, start - 80):start]
    if _BY_SIZE.search(head) or _SIZE_AFTER.match(text, end):
        return "by"
    if _TO_LEVEL.search(head):
        return "to"
    return None


def _after_publication(span: DateSpan | None, dct: str | None) -> str | None:
    """A date later than the source's own date can only be a plan or a forecast."""
    if span is None or not dct:
        return None
    return FORECAST if span.first.earliest > dct[:10] else None


# "a further £46m", "an extra £130m", "add £130m to": an amount on top of another one
_PART_BEFORE = re.compile(r"\b(?:of which|selection of|sample of|subset of|share of|part of|"
                          r"portion of|a further|another|an? extra|an? additional|"
                          r"add(?:s|ed|ing)?(?: (?:an? )?(?:extra|further|another))?)\s*$",
                          re.IGNORECASE)
_PART_AFTER = re.compile(r"\s*(?:of which\b|(?:less|more|lower|higher|cheaper|dearer|greater|"
                         r"smaller|fewer)\s+(?:[\w'’-]+\s+){0,3}?than\b|short of\b|above\b|"
                         r"below\b|up on\b|"
                         r"down on\b|over (?:the|its|their) (?:budget|estimate|forecast)\b|"
                         # "£36m of the costs": a share of the total
                         r"of (?:the|its|their) (?:(?:total|overall|whole|final)\s+)?"
                         r"(?:costs?|bill|budget|total)\b)",
                         re.IGNORECASE)


# "the additional order will bring the total ordered trains to 46": a new total after
# something was added, not another account of the first figure
_NEW_TOTAL = re.compile(r"\b(?:bring|brings|bringing|brought|take|takes|taking|took|raise|"
                        r"raises|raising|raised|push|pushes|pushing|pushed)\s+(?:the|its|their)"
                        r"\s+(?:[\w'’-]+\s+){0,3}?(?:total|tally|number|count)\s+"
                        r"(?:[\w'’-]+\s+){0,3}?to\s+(?:more\s+than\s+|over\s+|almost\s+|"
                        r"nearly\s+|about\s+|around\s+)?$", re.IGNORECASE)


# "the other 11% is owned by the councils": the rest of a whole; "6% of that –": a share of
# a figure given before, not of the claim's subject ("58% of that funding" is the claim's)
_PERCENT_WRITTEN = re.compile(r"\d\s?(?:%|per ?cent)", re.IGNORECASE)
_REST_BEFORE = re.compile(r"\bthe (?:other|remaining)\s+$", re.IGNORECASE)
_OF_THAT = re.compile(r"\s+of\s+(?:that|this|it|them)\s*(?=[,.;:–—)-]|$)", re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"\d(?:\.\d+)?\s?(?:%|per ?cent)\s+of\s+(?:the\s+|its\s+|their\s+)?"
                           r"[\w'’]+(?:\s+[\w'’]+)?,\s*$", re.IGNORECASE)


_LINKS = frozenset({"the", "a", "an", "its", "their", "under", "over", "into", "through",
                    "between", "within", "across", "against", "during"})
_WORDS_AFTER = re.compile(r"[A-Za-z][\w'’-]*|[^\sA-Za-z]")


def _attached(text: str, end: int, kind: str) -> tuple[str, ...]:
    """The words a money figure or percentage modifies ("£2 million hardship fund",
    "a 64% cut"): up to three lower-case words straight after it, names skipped."""
    if kind not in ("money", "percent"):
        return ()
    out: list[str] = []
    for i, m in enumerate(_WORDS_AFTER.finditer(text, end, min(len(text), end + 60))):
        word = m.group()
        if not word[0].isalpha():
            break
        low = word.lower()
        if i == 0 and (low in STOP or low in _PREPOSITIONS):
            return ()
        if low in _PREPOSITIONS or low in _LINKS:
            continue  # "£237 million payment under the contract"
        if low in STOP or len(out) == 3:
            break
        if not word[0].isupper():
            out.append(stem_term(low.strip("'’-")))
    return tuple(out)


_WHOLE = re.compile(r"\b(?:total|overall|in all|altogether|whole|entire|all told|combined)\b",
                    re.IGNORECASE)
_ACTIVITY_REACH = 4


def _whole(before: str, after: str) -> bool:
    """Whether a sum's own clause calls it a total: "the total cost of ... £709m", "£60m
    in total", "the overall cost of the project hitting £62.6m"."""
    head = before.rsplit(",", 1)[-1].split()[-6:]
    tail = after.split(",", 1)[0].split()[:3]
    return _WHOLE.search(" ".join(head + tail)) is not None


def _activities(text: str, start: int, near: tuple[tuple[str, int, str, bool], ...],
                attached: tuple[str, ...]) -> frozenset[str]:
    """Before the sum ("converting the stadium cost £272m", "sponsorship deal worth £36m"),
    or after it when it is not a noun's modifier ("cost £44m to design and build"): "the
    £60m cable car has been sponsored" says what was done to the cable car."""
    out = set()
    for stem, distance, word, _bound in near:
        group = family(stem)
        if distance > _ACTIVITY_REACH or stem in attached or group not in ACTIVITY_FAMILIES:
            continue
        if attached and text.rfind(word, 0, start) < 0:
            continue
        out.add(group)
    return frozenset(out)


_AGREEMENTS = {"contract": "contract", "contracts": "contract", "deal": "deal", "deals": "deal",
               "agreement": "agreement", "agreements": "agreement"}
_TOGETHER = re.compile(r"\b(?:in total|totall?ing|combined|altogether|between them|"
                       r"(?:two|three|four|five|six|several|both)\s+(?:\w+\s+){0,2}?"
                       r"(?:contracts|deals|agreements))\b", re.IGNORECASE)
_AGREEMENT_REACH = 6  # words either side of a sum that may name what it is the value of


def _tally(text: str, start: int, end: int, kind: str) -> tuple[str, bool | None] | None:
    """The nearest "contract" or "deal" to a sum, and whether the sum is of several of them
    together (a plural, "totalling", "combined") or of one; None when neither is near. A
    "total contract value" is left open: the total of one contract or of several."""
    if kind != "money":
        return None
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 80):start])[-_AGREEMENT_REACH:]
    after = re.findall(r"[A-Za-z]+", text[end:end + 80])[:_AGREEMENT_REACH]
    near = sorted([(i, w) for i, w in enumerate(reversed(before))]
                  + [(i, w) for i, w in enumerate(after)])
    noun = next((w.lower() for _i, w in near if w.lower() in _AGREEMENTS), None)
    if noun is None:
        return None
    window = text[max(0, start - 60):min(len(text), end + 60)]
    if noun.endswith("s") or _TOGETHER.search(window):
        return _AGREEMENTS[noun], True
    if re.search(r"\btotal\b", window, re.IGNORECASE):
        return _AGREEMENTS[noun], None
    return _AGREEMENTS[noun], False


def _counted_words(text: str, figure: Figure | None) -> frozenset[str]:
    if figure is None or figure.kind != "count" or not figure.unit:
        return frozenset()
    words = []
    for m in re.finditer(r"[A-Za-z][\w'’-]*", text[figure.end:figure.end + 60]):
        stem = stem_term(m.group().lower().rstrip("'’s"))
        if stem == figure.unit:
            return frozenset(words)
        words.append(stem)
    return frozenset()


def _part_of(text: str, start: int, end: int) -> bool:
    """A share of another figure ("£23.9m of which", "a selection of 250 cases", "40% of
    the money, £21.4m,") or a difference from one ("£7m cheaper than", "£200m less than
    the total")."""
    head = text[max(0, start - 40):start]
    share = _PERCENT_WRITTEN.search(text, start, end) is not None
    return bool(_PART_AFTER.match(text, end) or _PART_BEFORE.search(head[-20:])
                or _NEW_TOTAL.search(text[max(0, start - 80):start])
                or _SHARE_BEFORE.search(head)
                or (share and (_REST_BEFORE.search(head) or _OF_THAT.match(text, end))))


_OWNER = re.compile(r"\s+((?:[A-Z][\w'’-]*\s+(?:(?:for|of|and|&)\s+(?=[A-Z]))?){0,4}"
                    r"[A-Z][\w'’-]*)")


def _owner(text: str, end: int) -> str | None:
    """The capitalised name straight after a value, which the value then describes."""
    m = _OWNER.match(text, end)
    return m.group(1) if m else None


def _figures(text: str) -> list[Figure]:
    found = find_amounts(text)
    for extra in (find_delays(text), find_counts(text)):
        for f in extra:
            if not any(f.start < g.end and g.start < f.end for g in found):
                found.append(f)
    return sorted(found, key=lambda f: f.start)


def _near_words(
    tokens: list[tuple[str, int, int]],
    values: list[tuple[str, Figure | None, DateSpan | None, int, int]],
    start: int,
    end: int,
    kind: str,
    counted: frozenset[str] | set[str] = frozenset(),
) -> tuple[tuple[str, int, str, bool], ...]:
    """Content words on each side of a value, by distance, within its clause. Words between
    two values of the same kind go to the one they describe: "took over in October 2018 a
    new completion date of 2020" gives "completion date" to 2020."""
    same = sorted((s, e) for k, _f, _d, s, e in values if k == kind)
    i = same.index((start, end))
    others = [(s, e) for _k, _f, _d, s, e in values]
    lo = _split(tokens, same[i - 1][1], start) if i > 0 else 0
    hi = _split(tokens, end, same[i + 1][0]) if i + 1 < len(same) else len(tokens)
    if i > 0 and _joined(tokens, same[i - 1][1], start):
        # "rose from £7.3m to £60m": the second value is described by the first one's words
        lo = _clause_start(tokens, same[i - 1][0])
    pairs: list[tuple[str, int, str, bool]] = []
    left = [k for k in range(lo, len(tokens)) if tokens[k][2] <= start]
    right = [k for k in range(hi) if tokens[k][1] >= end]
    # "the sale, estimated at £26 million, will not cover public investment": a value set
    # off by commas belongs to its aside, not to the words after the closing comma
    aside = any(tokens[k][0] == "," for k in left[-4:]) or _in_relative_clause(tokens, left)
    for side, indices in (("left", reversed(left)), ("right", iter(right))):
        distance = 0
        first = True  # the preposition that introduces the value: "in 2013", "of £1.5bn"
        bound = True
        counted_last = False  # the word just read is what the value counts
        for k in indices:
            word, s, _e = tokens[k]
            if side == "left" and _ends_clause_before(tokens, k):
                break
            if side == "right" and (_starts_clause(tokens, k) or (aside and word == ",")):
                break
            if any(vs <= s < ve for vs, ve in others) or not word[0].isalpha():
                continue
            low = re.sub(r"['’]s$", "", word.lower()).strip("'’-")
            if side == "right" and low in _PREPOSITIONS and not first:
                if counted_last and low in ("in", "at", "across"):
                    # "5,000 jobs in the group's social housing division": which jobs
                    counted_last = False
                    continue
                break  # "£1.5bn of debt through its solar farm investments"
            if side == "right" and first and low in _PREPOSITIONS and low not in ("of", "in"):
                bound = False
            if low in STOP or len(low) < 2:
                continue
            first = False
            counted_last = stem_term(low.split("-")[-1]) in counted
            if not word[0].isupper() and not counted_last:
                distance += 1  # names and what is counted do not push the words away
            if distance > _REACH:
                break
            for part in low.split("-"):
                if part and part not in STOP:
                    pairs.append((stem_term(part), max(distance, 1), word, bound))
    pairs.sort(key=lambda p: p[1])
    return tuple(pairs)


_PREPOSITIONS = frozenset({"of", "for", "at", "in", "on", "by", "to", "until", "from", "with"})
_RELATIVES = frozenset({"which", "who", "whose"})


def _in_relative_clause(tokens: list[tuple[str, int, int]], left: list[int]) -> bool:
    """", which is expected to attract around 350,000 visitors a year, has already helped":
    a value in a clause opened by ", which" ends at the comma that closes it."""
    for k in reversed(left[-12:]):
        word = tokens[k][0]
        if word in (",", ";"):
            return False
        if word.lower() in _RELATIVES:
            return k > 0 and tokens[k - 1][0] == ","
    return False
_JOINERS = frozenset({"to", "and", "or", "-", "–", "—"})
_CLAUSE_OPENERS = frozenset({"it", "they", "he", "she", "we", "which", "who", "but", "while",
                             "although", "though", "when", "whereas", "however", "and",
                             "this", "that", "where"})


def _gap(tokens: list[tuple[str, int, int]], a: int, b: int) -> list[int]:
    return [k for k, (_w, s, e) in enumerate(tokens) if s >= a and e <= b]


def _split(tokens: list[tuple[str, int, int]], a: int, b: int) -> int:
    """Where the words between two values stop describing the first and start describing
    the second (a token index)."""
    gap = _gap(tokens, a, b)
    if not gap:
        return next((k for k, t in enumerate(tokens) if t[1] >= b), len(tokens))
    words = [tokens[k][0].lower() for k in gap]
    # "The £60m system was paid for with £36m": the noun straight after a value is what it
    # is the value of, whatever the words after it describe
    head = tokens[gap[0]][0]
    floor = (gap[0] + 1 if head[0].isalpha() and head.islower() and head not in STOP
             and head not in _PREPOSITIONS else gap[0])
    return max(floor, _split_at(tokens, gap, words))


def _split_at(tokens: list[tuple[str, int, int]], gap: list[int], words: list[str]) -> int:
    last = len(words) - 1
    while last >= 0 and words[last] in STOP and words[last] not in _PREPOSITIONS:
        last -= 1  # "of between £5m-£14m", "of about £3m", "of the"
    if last >= 0 and words[last] in _PREPOSITIONS:
        # "... a new completion date of 2020": the phrase before "of" is the second value's
        k = last
        content = 0
        while k > 0 and content < 3 and words[k - 1] not in (",", ";", "and", "but", "which"):
            k -= 1
            if words[k].isalpha() and words[k] not in STOP:
                content += 1
        return gap[k]
    for j, w in enumerate(words):
        if w in (";", ",") and j + 1 < len(words) and words[j + 1] in _CLAUSE_OPENERS:
            return gap[j + 1]
    middle = (len(gap) + 1) // 2
    return gap[middle] if middle < len(gap) else gap[-1] + 1


def _joined(tokens: list[tuple[str, int, int]], a: int, b: int) -> bool:
    words = [tokens[k][0].lower() for k in _gap(tokens, a, b)]
    return bool(words) and all(w in _JOINERS for w in words)


def _clause_start(tokens: list[tuple[str, int, int]], at: int) -> int:
    k = next((k for k, t in enumerate(tokens) if t[1] >= at), len(tokens))
    while k > 0 and not _ends_clause_before(tokens, k - 1):
        k -= 1
    return k


def _ends_clause_before(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """Walking left, token k is past a clause boundary: a semicolon, or a comma followed
    by a new clause ("..., it was supposed to be finished by March 2017"), but not ",
    which is 18,000 street trees", which restates what came before."""
    word = tokens[k][0]
    if word in (";", "–", "—"):
        return True  # "... for late delivery – the link should have been completed ... –"
    if word != "," or k + 1 >= len(tokens) or tokens[k + 1][0].lower() not in _CLAUSE_OPENERS:
        return False
    following = [t[0].lower() for t in tokens[k + 1:k + 4]]
    return not (following[:1] == ["which"] and following[1:2] in (["is"], ["was"], ["are"]))


_ATTRIBUTION = frozenset({"said", "says", "told", "according", "added", "confirmed", "stated",
                          "explained", "reported", "claimed", "insisted", "warned", "noted"})


def _starts_clause(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """Walking right, token k begins another clause: a semicolon, a comma before a new
    clause, or a comma before who said it ("It is 52, the director said")."""
    word = tokens[k][0]
    if word in (";", "–", "—"):
        return True
    if word != ",":
        return False
    if k + 1 < len(tokens) and tokens[k + 1][0].lower() in _CLAUSE_OPENERS:
        return True
    rest = []
    for w, _s, _e in tokens[k + 1:k + 8]:
        if w in (",", ";", ":"):
            break
        rest.append(w.lower())
    return any(w in _ATTRIBUTION for w in rest)


def _clause_before(
    text: str, values: list[tuple[str, Figure | None, DateSpan | None, int, int]], start: int,
    kind: str,
) -> str:
    """Up to ten words before a value, not reaching back past another value of its kind."""
    floor = max((e for k, _f, _d, s, e in values if k == kind and e <= start), default=0)
    words = text[floor:start].split()
    return " ".join(words[-10:])
