"""The names a claim is about, and the other forms the pack uses for them.

"Northfield Imaging Services Limited (NIS)" defines NIS; "NIS" alone is its initials;
"Northfield Imaging" or "Northfield" is the name shortened after first use; "the Royal
Liverpool University Hospital" is found by "Liverpool", but "Royal" or "Hospital" alone
identify nothing. A passage is about a claim's subject when one of these forms is in it,
in the sentences just before it, under its heading, or in its source's title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from evidence_pack.core.checks.vocabulary import family, generic_name_word
from evidence_pack.core.search.analysis import stem_term

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'’]*")
_JOINERS = frozenset({"and", "of", "for", "&", "the", "on", "upon", "in", "de"})
# "i360", "eBay": a name that starts with a small letter, then a digit or a capital
_LOWER_BRAND = re.compile(r"[a-z]+(?:\d+[A-Za-z0-9]*|[A-Z][A-Za-z0-9]*)")
_OPENERS = frozenset({
    "under", "after", "before", "despite", "following", "although", "though", "while",
    "when", "if", "as", "since", "until", "during", "with", "without", "for", "from", "in",
    "on", "at", "by", "of", "to", "but", "and", "or", "so", "yet", "however", "meanwhile",
    "instead", "also", "then", "now", "still", "here", "there", "this", "that", "these",
    "those", "it", "its", "they", "their", "we", "our", "he", "she", "his", "her", "some",
    "many", "most", "all", "both", "each", "every", "such", "according", "including",
    # a hedge opening the sentence: "About 170,000 passengers use ..."
    "about", "around", "almost", "nearly", "over", "more", "fewer", "less", "roughly",
    "approximately", "only", "just", "up", "a", "an"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this"})
_CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday"})
_BODIES = frozenset({
    "council", "company", "trust", "group", "authority", "board", "partnership", "charity",
    "foundation", "service", "services", "office", "agency", "firm", "consortium"})
_HEADS = frozenset({
    "bypass", "relief", "link", "busway", "tramway", "hospital", "company", "council", "trust",
    "partnership", "group", "bridge", "building",
    "centre", "center", "line", "road", "railway", "tram", "scheme", "project",
    "programme", "school", "academy", "college", "university", "library", "prison", "office",
    "charity", "foundation", "authority", "board", "committee", "inquiry", "review", "report",
    "plan", "fund",
    "contract", "stadium", "museum", "theatre", "station", "airport", "port", "depot",
    "campus", "estate", "tower", "park", "plant", "site", "service", "services",
})
# "Northfield Imaging Services Limited (NIS)" and "NIS (Northfield Imaging Services)"
_LONG_THEN_SHORT = re.compile(
    r"((?:[A-Z][\w&'’-]*\s+(?:(?:and|of|for|&|the|on)\s+)?){1,8}[A-Za-z][\w&'’-]*)\s*\(\s*"
    r"(?:the\s+)?[\"'“‘]?([A-Z][A-Za-z0-9&]{1,9})[\"'”’]?\s*\)"
)
_SHORT_THEN_LONG = re.compile(
    r"\b([A-Z][A-Z0-9&]{1,9})\s*\(\s*((?:[A-Z][\w&'’-]*\s+(?:(?:and|of|for|&|the)\s+)?){1,8}"
    r"[A-Z][\w&'’-]*)\s*\)"
)


@dataclass(frozen=True)
class Name:
    words: tuple[str, ...]  # as written, possessive removed
    forms: frozenset[str] = field(default_factory=frozenset)  # acronyms, learned variants
    kind: str | None = None  # what the statement calls it: "council" in "Thurrock council"
    kind_adjacent: bool = False  # ... written straight after the name, as part of it
    page_kind: str | None = None  # the kind a page writes after the name ("... Bridge")

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def distinctive(self) -> tuple[str, ...]:
        """The words that identify it on their own (lower case)."""
        return tuple(w.lower() for w in self.words
                     if not generic_name_word(w) and not w.isdigit() and len(w) > 1)

    @property
    def head(self) -> str | None:
        """The kind of thing it names, by which a text goes on to call it: "the hospital"."""
        if self.kind:
            return self.kind
        last = self.words[-1].lower() if self.words else ""
        if last in _HEADS:
            return last
        # "National Programme for IT": the thing is what comes before "for" or "of"
        for i, word in enumerate(self.words[1:], 1):
            if word.lower() in ("for", "of") and self.words[i - 1].lower() in _HEADS:
                return self.words[i - 1].lower()
        return None

    @property
    def initials(self) -> str | None:
        caps = [w for w in self.words if w.lower() not in _JOINERS
                and w.lower() not in ("limited", "ltd", "plc", "llp")]
        if len(caps) < 2:
            return None
        return "".join(w[0].upper() for w in caps)


@dataclass(frozen=True)
class NameHit:
    name: str  # the claim's name
    form: str  # the form found


def kinds_from_statement(names: list[Name], text: str) -> list[Name]:
    """"Thurrock council", "Birmingham council's": the word after a name that says what it
    is becomes the name's kind, by which later sentences call it ("the council")."""
    out = []
    for name in names:
        # "the Westmoor children's hospital": a possessive word may stand between them
        m = re.search(re.escape(name.words[-1])
                      + r"(?:'s|’s)?\s+([a-z]+)(?:'s|’s)?(?:\s+([a-z]+))?", text)
        kind = None
        adjacent = False
        if m:
            kind = next((w for w in (m.group(1), m.group(2)) if w and w in _HEADS), None)
            # "Thurrock council": a body's kind is part of its name; "the Gosport panel
            # inquiry" is a thing, and its cost is the claim's figure
            adjacent = kind is not None and kind == m.group(1) and kind in _BODIES
        out.append(Name(name.words, name.forms, kind or name.kind, adjacent))
    return out


def names_in_statement(text: str) -> list[Name]:
    """Capitalised sequences ("Cambridgeshire and Peterborough"), acronyms ("G4S", "NHS")
    and camel-case names ("UnitingCare") of a claim's statement."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    names: list[list[str]] = []
    current: list[str] = []
    pending: list[str] = []
    for i, (raw, start) in enumerate(tokens):
        word = raw.rstrip("'’").removesuffix("'s").removesuffix("’s")
        possessive = word != raw
        capital = (word[:1].isupper() or (word[:1].isdigit() and any(c.isupper() for c in word))
                   or _LOWER_BRAND.fullmatch(word) is not None
                   ) and word.lower() not in _CALENDAR
        sentence_start = i == 0 or text[:start].rstrip().endswith((".", "!", "?", ":"))
        if sentence_start and word.lower() in _OPENERS:
            capital = False  # "Under the deal, ...": a capital that only opens the sentence
        # "Converting the Olympic Stadium ...": a verb opening the sentence names nothing
        # "Closing Prestwick Airport would have cost ...": an event word in -ing opening the
        # sentence is a verb too ("Reading", "Woking" are in no family of event words)
        verb = sentence_start and word.lower().endswith("ing") and i + 1 < len(tokens) and (
            tokens[i + 1][0] in _DETERMINERS or family(stem_term(word.lower())) is not None)
        if capital and not verb and not (
                sentence_start and generic_name_word(word) and not _acronym(word)):
            current.extend(pending)
            pending = []
            current.append(word)
            if possessive:  # "G4S's Olympic contract": the name ends at the possessive
                names.append(current)
                current = []
        elif current and word.lower() in _JOINERS and not pending:
            pending = [word]
        else:
            if current:
                names.append(current)
            current, pending = [], []
    if current:
        names.append(current)
    out = []
    for words in names:
        while words and words[-1].lower() in _JOINERS:
            words = words[:-1]
        forms: frozenset[str] = frozenset()
        if words and all(generic_name_word(w) for w in words):
            # "the Western bypass": a generic capitalised word names a thing with its kind
            m = re.search(r"\b" + re.escape(" ".join(words)) + r"\s+([a-z]+)", text)
            if m and m.group(1) in _HEADS:
                if len(words) > 1:
                    # "New Street station" is "New Street" on the next page
                    forms = frozenset({" ".join(words)})
                words = [*words, m.group(1)]
        # "Scottish Parliament" and "Post Office" name something as a phrase; "Council"
        # alone names nothing
        if words and (any(not generic_name_word(w) for w in words) or len(words) > 1):
            out.append(Name(tuple(words), forms))
    return out


def learn_forms(names: list[Name], texts: Iterable[str]) -> list[Name]:
    """The names with the abbreviations that `texts` define for them."""
    texts = list(texts)
    pairs: list[tuple[str, str]] = []
    for text in texts:
        pairs.extend(_definitions(text))
    out = []
    for name in names:
        forms = set(name.forms)
        initials = name.initials
        if initials:
            forms.add(initials)
        own = {w.lower() for w in name.distinctive}
        if not own:
            forms |= _shortened(name)
        phrases = {f.lower() for f in forms} | {name.text.lower()}
        for long, short in pairs:
            long_words = {w.lower() for w in _TOKEN.findall(long)}
            if (own and own <= long_words) or (not own and long.lower() in phrases):
                forms.add(short)
            elif short in name.words or short == initials:
                forms.update(w for w in _TOKEN.findall(long) if not generic_name_word(w))
        out.append(Name(name.words, frozenset(forms), name.kind, name.kind_adjacent,
                        _kind_on_page(name, texts) or name.page_kind))
    return out


def _shortened(name: Name) -> set[str]:
    """A name made only of common words is written with one of them left out: "NHS National
    Programme for IT" as "National Programme for IT" or "NHS Programme for IT". Its
    distinctive words are none, so it is found by these phrases, never by one word."""
    words = name.words
    if len(words) < 4:
        return set()
    out = set()
    for i in range(len(words) - 1):
        if words[i].lower() in _JOINERS:
            continue
        rest = words[:i] + words[i + 1:]
        if rest[0].lower() not in _JOINERS:
            out.add(" ".join(rest))
    return out


def _kind_on_page(name: Name, texts: Iterable[str]) -> str | None:
    """"The Mersey Gateway Bridge ... the bridge, which will cost £1.8bn": a page that writes
    the name with the kind of thing it is after it goes on to call it by that kind (a
    "project" on one page may be a "bridge" on the next)."""
    pattern = re.compile(re.escape(name.text) + r"(?:'s|’s)?\s+([A-Za-z]+)")
    for text in texts:
        for m in pattern.finditer(text):
            word = m.group(1).lower()
            if word in _HEADS and word not in _BODIES:
                return word
    return None


@lru_cache(maxsize=4096)
def _definitions(text: str) -> tuple[tuple[str, str], ...]:
    found = []
    for m in _LONG_THEN_SHORT.finditer(text):
        long, short = m.group(1).strip(), m.group(2)
        if _fits(long, short):
            found.append((long, short))
    for m in _SHORT_THEN_LONG.finditer(text):
        short, long = m.group(1), m.group(2).strip()
        if _fits(long, short):
            found.append((long, short))
    return tuple(found)


def _fits(long: str, short: str) -> bool:
    """An abbreviation whose letters start words of the long form, in order."""
    initials = "".join(w[0].upper() for w in _TOKEN.findall(long))
    it = iter(initials)
    return short[0].upper() == initials[:1] and all(c in it for c in short.upper()
                                                    if c.isalpha())


def find_names(names: list[Name], text: str) -> list[NameHit]:
    """Which of the names (in any of their forms) `text` mentions."""
    if not names:
        return []
    lower_words, raw_words, proper, joined = _text_words(text)
    hits = []
    for name in names:
        phrase = " ".join(w.lower() for w in name.words)
        if len(name.words) > 1 and f" {phrase} " in joined:
            hits.append(NameHit(name.text, name.text))
            continue
        word = next((w for w in name.distinctive
                     if (w in proper or stem_term(w) in proper)
                     and not _only_in_other_names(name, w, text)), None)
        if word is not None:
            hits.append(NameHit(name.text, word))
            continue
        form = next((f for f in sorted(name.forms) if f in raw_words
                     or (" " in f and f" {f.lower()} " in joined)
                     or (not f.isupper() and " " not in f and f.lower() in lower_words)), None)
        if form is not None:
            hits.append(NameHit(name.text, form))
    return hits


def _only_in_other_names(name: Name, word: str, text: str) -> bool:
    """Each time the text writes one of the name's words, it is part of another name:
    "European Air and Defence Systems" is not the Emirates Air Line, nor is "the Millennium
    Stadium" the Olympic Stadium. Only for names with two or more words of their own (one
    alone is the name, "Oracle" in "Oracle Fusion"), for a word after the first of them
    (the first names the place or owner: "Gosport" in "Gosport War Memorial Hospital" still
    says the page is about Gosport's panel), and not in a title-case headline."""
    if len(name.distinctive) == 1 and len(name.words) > 1:
        return _inside_other_names(name, word, text)
    if len(name.distinctive) < 2 or word == name.distinctive[0]:
        return False
    # "Emirate Air Line" is a slip for "Emirates": the name's words count by their stems
    return _in_other_names_only(name, word, text, by_stem=True)


def _inside_other_names(name: Name, word: str, text: str) -> bool:
    """A name with one word of its own ("Library of Birmingham", "Birmingham" its only
    distinctive word) is not meant where that word only stands inside other names: "Birmingham
    New Street", "Birmingham City Council". Another name is one with a distinctive word not
    the claim's, or two name words that are not (one alone may be the body's other title:
    "Thurrock Borough Council" for Thurrock Council)."""
    return _in_other_names_only(name, word, text, by_stem=False)


def _in_other_names_only(name: Name, word: str, text: str, *, by_stem: bool) -> bool:
    """Every capitalised run of the text holding `word` is another name: it has a
    distinctive word not the claim's, or two name words that are not. `by_stem`: the
    claim's words also count by their stems."""
    runs = _capital_runs(text)
    if runs is None:
        return False
    own = {w.lower() for w in name.words} | {f.lower() for f in name.forms}
    if by_stem:
        own |= {stem_term(w) for w in own}
    stem = stem_term(word)
    seen = False
    for run in runs:
        if not any(w.lower() == word or stem_term(w.lower()) == stem for w, _ in run):
            continue
        seen = True
        others = [w for w, opening in run if w.lower() not in own and not opening
                  and not (by_stem and stem_term(w.lower()) in own)]
        # "Birmingham New Street": two name words that are not the claim's make another
        # name even when each is a common one
        if not (any(not generic_name_word(w) for w in others) or len(others) >= 2):
            return False
    return seen


@lru_cache(maxsize=4096)
def _capital_runs(text: str) -> tuple[tuple[tuple[str, bool], ...], ...] | None:
    """Runs of capitalised words (joined by "and", "of", "&"), each word with whether it
    opens a sentence; None for a text written in title case."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    letters = [w for w, _ in tokens if w[:1].isalpha()]
    if letters and sum(w[:1].isupper() for w in letters) > 0.6 * len(letters):
        return None
    runs: list[tuple[tuple[str, bool], ...]] = []
    current: list[tuple[str, bool]] = []
    for i, (raw, start) in enumerate(tokens):
        word = raw.rstrip("'’").removesuffix("'s").removesuffix("’s")
        opening = i == 0 or text[:start].rstrip().endswith((".", "!", "?", ":", "“", '"'))
        if word[:1].isupper() and word.lower() not in _CALENDAR:
            current.append((word, opening))
            if word != raw:  # "Olympic Stadium's": the name ends at the possessive
                runs.append(tuple(current))
                current = []
        elif current and word.lower() in ("and", "of", "&") and i + 1 < len(tokens) and (
                tokens[i + 1][0][:1].isupper()):
            continue
        elif current:
            runs.append(tuple(current))
            current = []
    if current:
        runs.append(tuple(current))
    return tuple(runs)


@lru_cache(maxsize=16384)
def _text_words(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], str]:
    """A text's words: lower case, as written, those written as names (and their stems),
    and the lower-case words joined for phrase search. Cached: a page's sentences are
    looked at for every claim."""
    lower = _words(text.lower())
    raw = frozenset(_words(text))
    # a name's own word counts only where the text writes it as a name: "Robin Hood Energy"
    # is not found by "solar energy"
    proper = {w.lower() for w in raw if w[:1].isupper() or w[:1].isdigit()
              or _LOWER_BRAND.fullmatch(w)}
    proper |= {stem_term(w) for w in proper}
    return frozenset(lower), raw, frozenset(proper), " " + " ".join(lower) + " "


# What a page calls the built thing it is about, whatever kind of thing it is: "the
# attraction" for a museum, "the scheme" for a bridge. Never for a body ("the council").
_DESCRIPTIONS = ("attraction", "venue", "landmark", "facility", "development", "scheme",
                 "project", "crossing", "link", "route")
_DESCRIBED = re.compile(r"\b(?:the|this|its)\s+(?:new\s+)?(?:[£$€]\s?[\d.,]+\s?(?:m|bn|million|"
                        r"billion)?\s+)?(?:new\s+)?(" + "|".join(_DESCRIPTIONS) + r")\b",
                        re.IGNORECASE)


# a sum written before a name or a kind of thing: "the £350m Grange University Hospital",
# "the £80m attraction" (see same_fact: the sum is then that thing's cost or price)
SUM_BEFORE_THING = re.compile(
    r"[£$€]\s?\d[\d.,]*\s?(?:m|bn|million|billion)?\s+(?:[A-Z]|(?:new\s+)?(?:"
    + "|".join(sorted(_HEADS | set(_DESCRIPTIONS))) + r")\b)")


def find_by_head(names: list[Name], established: frozenset[str], text: str,
                 about: frozenset[str] = frozenset()) -> list[NameHit]:
    """"The hospital", "the super-hospital": a name the page has already given, called by
    the kind of thing it is; or, for a built thing the page is `about` (named in its title,
    heading or the sentences just before), by a description ("the £80m attraction")."""
    hits = []
    words = set(re.findall(r"[a-z]+", text.lower()))
    described = None
    for name in names:
        kinds = [k for k in (name.head, name.page_kind) if k]
        if name.text not in established or not kinds:
            continue
        said = next((k for k in kinds if k in words and _definite(k, text)), None)
        if said:
            hits.append(NameHit(name.text, f"the {said}"))
        elif name.head not in _BODIES and name.text in about:
            if described is None:
                m = _DESCRIBED.search(text)
                described = m.group(1).lower() if m else ""
            if described:
                hits.append(NameHit(name.text, f"the {described}"))
    return hits


_INDEFINITE = r"\b(?:a|an|another|other|one|each|every|any|some)\s+(?:[\w£$€.,'’-]+\s+){0,3}"


def _definite(kind: str, text: str) -> bool:
    """Whether the text calls something by the kind word other than as a new one: "A £24m
    library in Newcastle opened in 2009" brings in another library, it does not go on
    about the library the page is about."""
    lowered = text.lower()
    every = len(re.findall(r"\b" + re.escape(kind) + r"\b", lowered))
    fresh = len(re.findall(_INDEFINITE + re.escape(kind) + r"\b", lowered))
    return every > fresh


def with_aliases(names: list[Name], quote: str, taken: frozenset[str]) -> list[Name]:
    """Other names the cited passage gives its subject: "the Scottish Parliament building
    at Holyrood" makes "Scottish Parliament" a form of Holyrood. Only when the claim's own
    name is in the passage, and not names tied to the passage's other figures (`taken`)."""
    if not names:
        return names
    present = [n for n in names if find_names([n], quote)]
    if not present:
        return names
    extra: dict[str, set[str]] = {}
    tokens = [t.lower() for t in _TOKEN.findall(quote)]
    for other in names_in_statement(quote):
        words = {w.lower() for w in other.words}
        if any(words & {w.lower() for w in n.words} for n in names):
            continue
        if words & taken or (not other.distinctive and len(other.words) < 2):
            continue
        for name in present:
            if _next_to(tokens, [w.lower() for w in other.words],
                        [w.lower() for w in name.words]):
                extra.setdefault(name.text, set()).add(other.text)
    return [Name(n.words, n.forms | frozenset(extra.get(n.text, ())), n.kind, n.kind_adjacent,
                 n.page_kind)
            for n in names]


def _next_to(tokens: list[str], a: list[str], b: list[str], gap: int = 3) -> bool:
    """Whether phrase `a` stands within `gap` words of phrase `b`: "the Scottish Parliament
    building at Holyrood"."""
    def spans(words: list[str]) -> list[tuple[int, int]]:
        n = len(words)
        return [(i, i + n) for i in range(len(tokens) - n + 1) if tokens[i:i + n] == words]
    return any(abs(sa - eb) <= gap or abs(sb - ea) <= gap
               for sa, ea in spans(a) for sb, eb in spans(b))


def name_words(names: list[Name]) -> frozenset[str]:
    """Every word of every name, lower case: not counted again as an event word."""
    return frozenset(w.lower() for n in names for w in n.words) | frozenset(
        f.lower() for n in names for f in n.forms)


def _acronym(word: str) -> bool:
    return len(word) > 1 and sum(c.isupper() for c in word) >= 2


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    return tuple(m.group().rstrip("'’").removesuffix("'s").removesuffix("’s")
                 for m in _TOKEN.finditer(text))
