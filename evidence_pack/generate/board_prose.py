"""Deterministic, text-dense board-pack prose for benchmarks: realistic sentence shapes,
figures, dates and money, and a vocabulary of several thousand words, so that a 10,000-page
index has the term statistics of real council and NHS papers rather than of lorem ipsum."""

from __future__ import annotations

import random
from collections.abc import Iterator


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_NOUNS = _words(
    "contract procurement tender provider commissioner service pathway referral waiting list "
    "scanner clinic ward theatre budget forecast variance deficit surplus allocation tariff "
    "activity capacity demand workforce vacancy agency recruitment retention sickness appraisal "
    "governance assurance audit committee board meeting minutes agenda paper report summary "
    "recommendation decision risk register mitigation incident complaint investigation inquest "
    "inspection rating regulator standard target trajectory performance indicator dashboard "
    "strategy plan programme project milestone timeline deadline consultation engagement survey "
    "patient resident carer family volunteer councillor officer director chair member partner "
    "hospital practice surgery pharmacy hospice school library depot highway junction housing "
    "estate tenancy licence permit application appeal objection scheme policy framework "
    "transformation integration estates facility equipment maintenance repair backlog "
    "contingency reserve borrowing capital revenue grant subsidy income expenditure saving "
    "efficiency productivity quality safety outcome experience equality diversity inclusion"
)
_VERBS = _words(
    "approved noted agreed endorsed rejected deferred reviewed considered received requested "
    "reported confirmed highlighted identified estimated projected forecast awarded signed "
    "extended terminated renewed delivered implemented launched completed delayed exceeded "
    "missed achieved improved reduced increased declined stabilised escalated monitored "
    "commissioned procured tendered evaluated scored moderated challenged questioned "
    "scrutinised audited inspected rated published consulted invested transferred"
)
_ADJECTIVES = _words(
    "annual quarterly monthly interim final draft revised provisional substantive temporary "
    "urgent routine elective emergency acute community primary secondary specialist regional "
    "national local statutory discretionary significant material minor major critical "
    "sustainable affordable recurrent non-recurrent cumulative outstanding overdue independent "
    "joint integrated digital clinical operational financial strategic contractual legal"
)
_SYLLABLES = _words(
    "ash bar bel brook burn by cal carr dal den don ett field ford gate grove ham hay holme "
    "hurst ing kel ley lin low mar mere mill moor ney nor ock pen ridge ros shaw stan stead "
    "ton thorpe val well wick win wood worth wyn"
)
_MONTHS = _words(
    "January February March April May June July August September October November December"
)


_OFFICERS = ("Director", "Chief Executive", "Finance Director", "Head of Commissioning",
             "Monitoring Officer", "Medical Director", "Chief Nurse", "Deputy Director")
_PROMISES = ("undertook to provide a written answer", "agreed to circulate a briefing note",
             "would report back to the next meeting", "promised an update in the spring",
             "said the figures would be published", "confirmed that officers were reviewing it")
_RAG = ("red", "amber", "green", "amber-red", "amber-green")


class _Vocabulary:
    """Word lists drawn with Zipf-like frequencies, as in real prose: a few words on most
    pages, most words on few, so search hit counts look like a real pack's."""

    def __init__(self, rng: random.Random) -> None:
        # Place names and surnames from syllables: the long tail of rare terms real text has.
        self.names = sorted(
            {
                (rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)).capitalize()
                for _ in range(6000)
            }
        )
        jargon = sorted(
            {rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) + "ing" for _ in range(1500)}
            | {rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) + "ment" for _ in range(1500)}
        )
        nouns = list(_NOUNS)
        rng.shuffle(nouns)
        self._nouns = nouns + jargon
        self._noun_weights = _zipf(len(self._nouns))
        self._name_weights = _zipf(len(self.names))

    def noun(self, rng: random.Random) -> str:
        return rng.choices(self._nouns, cum_weights=self._noun_weights)[0]

    def name(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self._name_weights)[0]


def _zipf(n: int) -> list[float]:
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1 / rank
        out.append(total)
    return out


def dense_pages(n: int, seed: int = 0, chars_per_page: int = 3500) -> list[list[str]]:
    """`n` pages, each a list of paragraphs (the first a numbered heading)."""
    rng = random.Random(seed)
    vocab = _Vocabulary(rng)
    pages = []
    for number in range(1, n + 1):
        paragraphs = [f"{number}. {_heading(rng)}"]
        size = len(paragraphs[0])
        while size < chars_per_page:
            paragraph = " ".join(_sentence(rng, vocab) for _ in range(rng.randint(3, 6)))
            paragraphs.append(paragraph)
            size += len(paragraph)
        pages.append(paragraphs)
    return pages


def _heading(rng: random.Random) -> str:
    return f"{rng.choice(_ADJECTIVES).capitalize()} {rng.choice(_NOUNS)} {rng.choice(_NOUNS)}"


def _sentence(rng: random.Random, vocab: _Vocabulary) -> str:
    place = vocab.name(rng)
    person = vocab.name(rng)
    year = rng.randint(2009, 2019)
    month = rng.choice(_MONTHS)
    noun, noun2, noun3 = vocab.noun(rng), vocab.noun(rng), vocab.noun(rng)
    adj, adj2 = rng.choice(_ADJECTIVES), rng.choice(_ADJECTIVES)
    verb = rng.choice(_VERBS)
    money = f"£{rng.randint(1, 950)}{rng.choice(['m', ' million', ',000', 'k'])}"
    pct = f"{rng.randint(1, 99)}%"
    officer = rng.choice(_OFFICERS)
    promise = rng.choice(_PROMISES)
    asked = rng.choice(("asked whether", "queried whether", "sought assurance that",
                        "wanted to know if", "challenged whether"))
    shapes = (
        f"The {adj} {noun} for {place} was {verb} by the {noun2} committee in {month} {year}.",
        f"Councillor {person} {asked} the {noun} {noun2} would be {verb} before "
        f"{month} {year + 1}, and the {officer} {promise}.",
        f"Expenditure on {adj} {noun} reached {money} against a budget of {money}, a variance "
        f"of {pct} that the {noun2} {noun3} attributes to {adj2} {vocab.noun(rng)}.",
        f"Members {verb} the {adj} {noun} and asked officers to report on {noun2} at "
        f"{place} by the end of {year}.",
        f"Since {year - 2}, {adj} {noun} at {place} has {verb} by {pct}, while {noun2} "
        f"{noun3} remained broadly {adj2}.",
        f"{place} {noun.capitalize()} {noun2.capitalize()} reported {rng.randint(2, 480)} "
        f"{vocab.noun(rng)}s in {month}, compared with {rng.randint(2, 480)} a year earlier.",
        f"The {noun} {verb} in {month} {year} is worth {money} over {rng.randint(2, 15)} years "
        f"and includes {adj} {noun2} for {place} and {vocab.name(rng)}.",
        f"In {month} the {officer} told members that {noun} {noun2} in {place} was "
        f"{adj} and that a {adj2} {noun3} would follow.",
        f"A {adj} review of {noun} found {rng.randint(2, 60)} {noun2}s needing {adj2} "
        f"{noun3}, most of them in {place}.",
        f"Partners in {place} and {vocab.name(rng)} have {verb} a {adj} {noun} plan, with "
        f"{money} set aside for {noun2}.",
        f"{person} & Co. were {verb} to deliver {adj} {noun} from {month} {year}.",
        f"The {noun2} risk rating for {noun} moved from {rng.choice(_RAG)} to "
        f"{rng.choice(_RAG)} after {rng.randint(2, 9)} months of {adj} {noun3}.",
    )
    return rng.choice(shapes)


def paper_lengths(total_pages: int, papers: int, seed: int = 0) -> list[int]:
    """Page counts of `papers` board papers adding up to `total_pages`: mostly short reports
    and minutes, a few long packs (a log-normal spread, as in a council's year of papers)."""
    rng = random.Random(seed)
    weights = [rng.lognormvariate(0, 1.0) for _ in range(papers)]
    scale = (total_pages - papers) / sum(weights)
    counts = [1 + int(w * scale) for w in weights]
    for i in range(total_pages - sum(counts)):  # what rounding left over, one page each
        counts[i % papers] += 1
    return counts


def board_papers(page_counts: list[int], seed: int = 0) -> Iterator[list[list[str]]]:
    """One paper's pages at a time (each page a list of paragraphs), with one vocabulary for
    all of them and page lengths that vary as real papers' do: a cover or an appendix page
    of a few hundred characters, full pages of prose of 1,500-4,000."""
    rng = random.Random(seed)
    vocab = _Vocabulary(rng)
    for count in page_counts:
        density = rng.randint(1500, 4000)
        pages = []
        for number in range(1, count + 1):
            target = rng.randint(200, 800) if rng.random() < 0.08 else density
            paragraphs = [f"{number}. {_heading(rng)}"]
            size = len(paragraphs[0])
            while size < target:
                paragraph = " ".join(_sentence(rng, vocab) for _ in range(rng.randint(2, 6)))
                paragraphs.append(paragraph)
                size += len(paragraph)
            pages.append(paragraphs)
        yield pages
