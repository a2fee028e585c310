"""The words the conflicts check reasons with: families of event words that briefings are
about, words that change what a figure measures, words that place a date in a plan, and the
parts of names that do not identify anyone on their own.

Everything is kept as stems (search.analysis.stem_term), so "awarded", "awarding" and
"awards" are one word here, as they are in search.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from evidence_pack.core.search.analysis import stem_term

# Event and measure words that name the same thing in other words. A word may sit in one
# family only; derivations come from the stemmer.
_FAMILIES: dict[str, tuple[str, ...]] = {
    "award": ("award", "awarded", "awarding", "selected", "select", "selection", "chose",
              "chosen", "choose", "won", "win", "wins", "winning", "appointed", "appoint",
              "appointment", "let", "handed", "preferred", "bidder",
              "successful"),
    "acquire": ("acquire", "acquired", "acquisition", "acquiring", "bought", "buy", "buys",
                "buying", "purchase", "purchased", "purchasing", "takeover", "took",
                "take-over", "merger", "merged", "sale", "sold", "sell", "selling", "sells"),
    "invest": ("invest", "invested", "investment", "investing", "injection", "putting",
               "poured", "pumped", "ploughed", "financed", "financing"),
    "open": ("open", "opened", "opening", "opens", "launch", "launched", "unveiled",
             "complete", "completed", "completion", "completing", "finish", "finished",
             "finishing", "handover"),
    "close": ("close", "closed", "closure", "closing", "shut", "shutdown", "closures",
              "wound", "collapse", "collapsed", "liquidation", "administration",
              "insolvency", "bust", "folded"),
    "convict": ("convict", "convicted", "conviction", "convictions", "prosecute",
                "prosecuted", "prosecution", "prosecutions", "sentenced", "guilty",
                "charged", "jailed"),
    "repay": ("repay", "repaid", "repayment", "refund", "refunded", "reimburse",
              "reimbursed"),
    "pay": ("pay", "paid", "payment", "payments", "paying", "payout", "settlement",
            "consideration"),
    "run": ("run", "running", "ran", "manage", "managed", "management", "managing",
            "operate", "operated", "operating", "franchise", "privatisation",
            "privatization", "privatised", "privatized", "outsourced", "outsourcing"),
    "sign": ("sign", "signed", "signing", "agreed", "entered", "concluded", "struck",
             "commissioned"),
    "lose": ("lose", "lost", "loss", "losses", "write-off", "written", "write-down",
             "writedown", "wiped", "cut", "axed", "shed", "redundant", "redundancy",
             "redundancies"),
    "gap": ("gap", "shortfall", "shortfalls", "deficit", "deficits", "overspend",
            "overspends", "overspent", "overrun", "hole"),
    "inquiry": ("inquiry", "inquiries", "enquiry", "investigation", "investigations",
                "probe", "panel"),
    "construct": ("build", "building", "built", "construction", "constructed", "works",
                  "rebuild", "rebuilt", "rebuilding"),
    "remove": ("remove", "removed", "removal", "removing", "fell", "felled", "felling",
               "demolish", "demolished", "demolition"),
    "replace": ("replace", "replaced", "replacement", "replacing", "replant", "replanted"),
    "spend": ("spend", "spent", "spending", "expenditure", "outlay"),
    "cost": ("cost", "costs", "price", "priced", "bill", "expense", "outturn"),
    "owe": ("debt", "debts", "owe", "owed", "owes", "owing", "borrowing", "borrowings",
            "indebted", "liabilities", "liability", "exposure"),
    "start": ("start", "started", "starting", "began", "begin", "beginning", "commenced",
              "commence", "commencement", "onwards", "inception"),
    "value": ("worth", "value", "valued", "contract", "contracts", "deal", "deals",
              "agreement", "budget", "tender", "bid", "budgeted", "allocated", "allocation",
              "earmarked", "aside"),
    "fund": ("fund", "funded", "funding", "grant", "grants", "gave", "given", "giving",
             "give", "received", "receive", "provided", "provide"),
    "money": ("money", "cash", "taxpayer", "taxpayers", "purse"),
    "staff": ("staff", "employees", "employee", "workers", "worker", "personnel",
              "workforce", "jobs", "posts", "employ", "employs", "employed", "employing",
              "headcount", "people"),
    "delay": ("late", "later", "delay", "delayed", "delays", "behind", "overdue", "slipped"),
    # work on something that already exists: its cost is a part of the whole ("converting
    # the stadium cost £272m", against "the stadium's total cost of £709m")
    "convert": ("convert", "converted", "converting", "conversion", "transform",
                "transformed", "transforming", "transformation", "refurbish", "refurbished",
                "refurbishing", "refurbishment", "redevelop", "redeveloped", "redevelopment",
                "renovate", "renovated", "renovation", "refit", "retrofit", "retrofitted",
                "revamp", "revamped", "upgrade", "upgraded", "improve", "improved",
                "improvement", "improvements", "modernise", "modernised", "modernisation"),
    "sponsor": ("sponsor", "sponsors", "sponsored", "sponsoring", "sponsorship"),
    # a part of a company: "its social housing arm", "the group's social housing division"
    "division": ("arm", "arms", "division", "divisions", "subsidiary", "subsidiaries",
                 "unit", "units", "offshoot"),
    # things counted under other names: "164 stores" and "163 shops"; "nine floors" and
    # "a 10-storey library"
    "outlet": ("store", "stores", "shop", "shops", "branch", "branches", "outlet", "outlets"),
    "storey": ("storey", "storeys", "floor", "floors", "story", "stories"),
    # a share of a company: "its 89% shareholding", "a 90 per cent stake", "89% owned by"
    "stake": ("stake", "stakes", "shareholding", "shareholdings", "holding", "holdings",
              "owned", "owns"),
}

# Work whose cost is one part of a project's: building it, converting it, or what a sponsor
# pays towards it. A claim about one is not contradicted by the whole project's cost.
ACTIVITY_FAMILIES = frozenset({"construct", "convert", "sponsor"})
# Families that name an event (what happened), as against a measure ("worth", "debt"): a
# date is tied to a claim's event only by one of these.
EVENT_FAMILIES = frozenset({"award", "acquire", "invest", "open", "close", "convict", "repay",
                            "pay", "spend", "start", "fund", "delay", "run", "sign", "lose",
                            "remove", "replace"})
# The price of a purchase is what was paid: "paid £271m for", "bought for £271m"; paying
# back a loan is repaying it.
# A contract's value is what it costs; jobs are lost when a body closes.
RELATED_FAMILIES = {"pay": ("acquire", "repay"), "acquire": ("pay",), "repay": ("pay",),
                    "value": ("cost",),
                    "cost": ("value",), "lose": ("close",), "close": ("lose",)}

# A figure next to one of these measures something else than the claim's figure, unless the
# claim itself uses the word: "a contract gap of £30m", "a management fee of £57m".
_SCOPE_WORDS = (
    "gap", "shortfall", "saving", "savings", "fee", "fees", "deficit", "deficits", "loss",
    "losses", "profit", "profits", "penalty", "penalties", "fine", "fines", "write-down",
    "writedown", "overspend", "overrun", "increase", "rise", "rose", "cut", "cuts",
    "reduction", "extra", "additional", "another", "further", "interest", "dividend",
    "dividends", "bonus", "bonuses", "salary", "salaries", "compensation", "donation",
    "donations", "private", "pension", "pensions", "maintenance", "running", "annual",
    "annually", "monthly", "weekly", "share", "stake", "turnover", "revenue", "revenues",
    "income", "recovery", "recovered", "termination", "repayment", "refund", "subsidy",
    "subsidies", "insurance", "legal", "consultancy", "consultants", "advisers", "stage",
    "phase", "portion", "component", "instalment", "deposit", "down-payment",
    "settle", "settled", "historical", "previous", "past", "already",
)
# a figure per period is a rate, not a total: "£3m a year"
_RATE_WORDS = ("monthly", "annual", "annually", "yearly", "weekly", "daily", "quarterly")
_RATE_AFTER = ("a year", "per year", "each year", "per annum", "a month", "per month",
               "each month", "a week", "per week", "a day", "per day", "every year",
               "in the first year", "this year", "last year", "a head", "per head",
               "per person", "per patient", "every month", "every six months",
               "every three months", "twice a year", "a quarter", "per quarter",
               "each quarter", "every quarter")
# The months in the period a rate is given for, where its words say so: "£1.49m each year"
# and "£1,492,000 every six months" are then two accounts of one repayment, at twice the rate
_YEAR, _MONTH = Decimal(12), Decimal(1)
_PERIOD_AFTER = (("every six months", Decimal(6)), ("twice a year", Decimal(6)),
                 ("every three months", Decimal(3)), ("a quarter", Decimal(3)),
                 ("per quarter", Decimal(3)), ("each quarter", Decimal(3)),
                 ("every quarter", Decimal(3)), ("a year", _YEAR), ("per year", _YEAR),
                 ("each year", _YEAR), ("every year", _YEAR), ("per annum", _YEAR),
                 ("a month", _MONTH), ("per month", _MONTH), ("each month", _MONTH),
                 ("every month", _MONTH), ("a week", _YEAR / 52), ("per week", _YEAR / 52),
                 ("a day", _YEAR / 365), ("per day", _YEAR / 365))
_PERIOD_WORDS = {"monthly": _MONTH, "annual": _YEAR, "annually": _YEAR, "yearly": _YEAR,
                 "weekly": _YEAR / 52, "daily": _YEAR / 365, "quarterly": Decimal(3)}

# Where a date or figure sits in a plan. A claim about the original plan is compared with
# other statements of the original plan only; a claim about what happened is compared with
# what happened and with forecasts (an earlier forecast that was not met is worth seeing),
# never with a plan the source itself marks as original.
ORIGINAL = "original"
FORECAST = "forecast"
ACTUAL = "actual"
_ORIGINAL_CUES = (
    "had been", "previously", "earlier estimate", "previous estimate", "last estimate",
    "original", "originally", "initial", "initially", "first due", "first planned",
    "first scheduled", "first expected", "had been due", "had been expected",
    "had been scheduled", "had been planned", "was due", "were due", "was meant",
    "were meant", "was supposed", "were supposed", "was planned", "were planned",
    "was scheduled", "were scheduled", "was expected", "were expected", "was intended",
    "was to have", "were to have", "was set to", "was originally", "had planned",
    "target date", "targeted", "at the outset", "first estimate", "first estimated",
    "early estimate", "early estimates", "estimate in", "forecast in", "initial estimate",
    "initial estimates", "business case",
    # hindsight and past promises: "should have opened in April", "we were told it would"
    "should have", "ought to have", "were told", "was told", "were promised",
    "was promised",
    # money put by for a project is its planned cost: "the £19m put aside for it"
    "put aside", "set aside", "earmarked", "allocated", "budgeted",
)
_FORECAST_CUES = (
    "will", "now", "expected", "expects", "is due", "are due", "now due", "scheduled", "set to",
    "on track", "planned", "plans", "intends", "hopes", "hopeful", "forecast", "projected",
    "anticipated", "revised", "new date", "new completion", "pushed back", "put back",
    "delayed until", "now expected", "estimated", "estimate", "likely", "target", "aims",
    "could", "would", "may", "might", "predicted",
)
_ACTUAL_CUES = (
    "final", "finally", "eventually", "outturn", "actual", "actually", "opened", "completed",
    "finished", "ended up", "came in at", "in the end", "ultimately", "turned out",
)

# Parts of names that identify nothing on their own: "Royal", "Hospital", "Council".
_GENERIC_NAME_WORDS = frozenset(w.lower() for w in (
    "the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "new", "old", "royal",
    "national", "central", "general", "university", "universities", "hospital", "hospitals",
    "council", "councils", "trust", "trusts", "foundation", "group", "company", "companies",
    "limited", "ltd", "plc", "llp", "inc", "partnership", "services", "service",
    "department", "office", "post", "city", "county", "borough", "district", "health",
    "care", "nhs", "uk", "british", "britain", "england", "english", "scotland", "scottish",
    "wales", "welsh", "government", "ministry", "agency", "authority", "board", "committee",
    "commission", "project", "programme", "scheme", "centre", "center", "building", "tower",
    "clinical", "commissioning", "public", "house", "commons", "lords", "parliament",
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "chief", "executive", "chairman",
    "chair", "minister", "secretary", "state", "street", "road", "lane", "west", "east",
    "north", "south", "western", "eastern", "northern", "southern", "great", "greater",
    "london", "it", "this", "that", "these", "those", "its", "their", "there", "but",
    "however", "meanwhile", "yesterday", "today", "in", "as", "when", "after", "before",
    "since", "last", "next", "first", "one", "two", "three", "some", "many", "most",
    "all", "both", "each", "every", "other", "such", "what", "which", "who", "how", "why",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "spring", "summer", "autumn", "winter", "image",
    "photo", "photograph", "caption", "published", "updated", "read", "more",
))

# Words that stand for something named earlier: the subject carried from the sentence before.
ANAPHORS = frozenset({
    "it", "its", "this", "that", "these", "they", "their", "them", "which", "the firm",
    "the company", "the group", "the project", "the scheme", "the hospital", "the building",
    "the site", "the council", "the trust", "the contract", "the deal", "the figure",
    "the total", "the bill", "the cost", "the sum", "the partnership", "the consortium",
    "the charity", "the organisation", "the facility", "the line", "the bridge",
    "the property", "the venture", "the business", "the contractor", "the provider",
})

STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "had", "has",
    "have", "in", "into", "is", "it", "its", "of", "on", "or", "that", "the", "their",
    "there", "this", "to", "was", "were", "which", "will", "with", "would", "about", "than",
    "also", "being", "our", "your", "they", "them", "he", "she", "we", "you", "said", "says",
    "say", "his", "her", "who", "whom", "whose", "what", "when", "where", "while", "but",
    "not", "no", "so", "if", "then", "can", "could", "may", "might", "should", "shall",
    "do", "does", "did", "up", "out", "over", "under", "around", "some", "all", "any",
    "more", "most", "less", "least", "only", "just", "very", "much", "many", "such", "these",
    "those", "both", "each", "other", "own", "same", "onto", "per", "via", "after",
    "before", "between", "during", "through", "until", "till", "upon", "within", "without",
    "against", "among", "yet", "still", "even", "ever", "now", "here", "how", "why", "one",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "year", "years",
    "month", "months", "week", "weeks", "day", "days", "million", "billion", "thousand",
    "m", "bn", "k", "s", "t", "mr", "mrs", "ms", "dr", "according", "including", "includes",
    "include", "included", "reported", "report", "reports", "time", "times", "new",
    "since", "range", "region", "order", "tune", "sum", "amount", "amounting", "totalling",
    "total", "almost", "nearly", "approximately", "roughly", "estimated", "must", "every",
})


@lru_cache(maxsize=1)
def stage_stems() -> frozenset[str]:
    """Words that place a value in a plan rather than say what it measures."""
    words = ("original", "originally", "initial", "initially", "first", "planned", "plan",
             "due", "expected", "meant", "supposed", "scheduled", "intended", "target",
             "targeted", "forecast", "projected", "anticipated", "revised", "now", "final",
             "finally", "eventually", "actual", "actually", "estimate", "estimated", "latest",
             "current", "currently", "previously", "later", "earlier")
    return frozenset(stem_term(w) for w in words)


def rate_word(stem: str) -> bool:
    return stem in _RATE_STEMS


@lru_cache(maxsize=1)
def _family_of() -> dict[str, str]:
    out: dict[str, str] = {}
    for family, words in _FAMILIES.items():
        for word in words:
            out.setdefault(stem_term(word), family)
    return out


def family(stem: str) -> str | None:
    """The event family a stemmed word belongs to, if any."""
    return _family_of().get(stem)


def family_clashes() -> list[tuple[str, str, str]]:
    """Words whose stem another family already has (each stem must name one family)."""
    seen: dict[str, str] = {}
    clashes = []
    for name, words in _FAMILIES.items():
        for word in words:
            stem = stem_term(word)
            if seen.setdefault(stem, name) != name:
                clashes.append((word, seen[stem], name))
    return clashes


def family_words(name: str) -> tuple[str, ...]:
    return _FAMILIES.get(name, ())


@lru_cache(maxsize=1)
def scope_stems() -> frozenset[str]:
    return frozenset(stem_term(w) for w in _SCOPE_WORDS)


_RATE_STEMS = frozenset(stem_term(w) for w in _RATE_WORDS)
_PERIOD_STEMS = {stem_term(w): months for w, months in _PERIOD_WORDS.items()}


_PERIOD = re.compile(r"\b(?:(?:19|20)\d\d\s?[/–-]\s?\d\d\b(?!\d)|financial year|fiscal year|"
                     r"(?:first|second|third|fourth|last|final) quarter|year to (?:the end of )?"
                     r"(?:january|february|march|april|may|june|july|august|september|"
                     r"october|november|december))", re.IGNORECASE)


def for_a_period(text: str) -> bool:
    """A figure for one financial year or quarter ("a £23m loss for 2018/19"), not a total."""
    return bool(_PERIOD.search(text))


def rate_period(after: str, near_stems: tuple[str, ...] = ()) -> Decimal | None:
    """The months a rate is given for: from what follows it ("every six months", "a
    year"), else from a rate word next to it ("annual", "monthly"); None when unsaid."""
    head = " ".join(after.lower().replace("-", " ").split()[:5])
    for phrase, months in _PERIOD_AFTER:
        if head.startswith(phrase):
            return months
    for stem in near_stems:
        if stem in _PERIOD_STEMS:
            return _PERIOD_STEMS[stem]
    return None


def rate_after(text: str) -> bool:
    """Whether `text` (what follows a figure) makes it a rate: "a year", "per head"."""
    # "a £15m-a-year budget" is written with hyphens
    head = " ".join(text.lower().replace("-", " ").split()[:5])
    return any(head.startswith(r) for r in _RATE_AFTER)


def plan_stage(before: str, after: str = "") -> str | None:
    """original, forecast or actual, from the words before a date or figure, else from the
    clause that follows it ("the £60m that was originally pledged")."""
    found = _stage_in(before)
    if found is None and after:
        clause = re.split(r"[,;:()–—]|\b(?:despite|but|while|although|whereas|and)\b",
                          after.lower(), maxsplit=1)[0]
        found = _stage_in(clause)
    return found


# "originally loaned out £36.2m", "originally signed in 2013": what first happened, not a
# plan; "originally budgeted", "originally estimated" stay plans
_FIRST_DONE = re.compile(r"\b(?:originally|initially)\s+(?!(?:" + "|".join((
    "planned", "budgeted", "estimated", "expected", "scheduled", "intended", "projected",
    "forecast", "costed", "priced", "valued", "earmarked", "allocated", "proposed",
    "targeted", "envisaged", "anticipated", "predicted", "pledged", "promised", "agreed",
    "quoted", "set", "due", "meant", "supposed")) + r")\b)[a-z]+ed\b")


def _stage_in(words: str) -> str | None:
    text = " " + " ".join(_FIRST_DONE.sub(" ", words.lower()).split()) + " "
    if any(f" {cue} " in text or f" {cue}," in text for cue in _ORIGINAL_CUES):
        return ORIGINAL
    if any(f" {cue} " in text or f" {cue}," in text for cue in _FORECAST_CUES):
        return FORECAST
    if any(f" {cue} " in text or f" {cue}," in text for cue in _ACTUAL_CUES):
        return ACTUAL
    return None


def stages_comparable(claim: str | None, found: str | None) -> bool:
    """A plan the source marks as original is compared only with the original plan."""
    if claim == ORIGINAL or found == ORIGINAL:
        return claim == found
    if claim is None or found is None or claim == found:
        return True
    # actual against forecast is compared: a forecast that was not met is worth seeing
    return ORIGINAL not in (claim, found)


def generic_name_word(word: str) -> bool:
    return word.lower() in _GENERIC_NAME_WORDS
