"""Earlier messages quoted in an email: each was written on its own date, not the reply's.

A reply carries the message it answers below it ("On 12 Mar 2015, at 09:14, Jane Officer
wrote:", or Outlook's "From: / Sent: / To: / Subject:" block, or a forwarded message's
header). "Yesterday" in the quoted message means the day before *it* was sent, so each quoted
message becomes a dated passage (as a dated edit note is), from its marker to the next one:
relative words in it resolve against its own date, and a claim dated from it gets that date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from evidence_pack.core.ingest.stated_dates import StatedDate, find_stated_dates
from evidence_pack.core.models import DatedPassage, ParsedPage

# "On Thu, 12 Mar 2015 at 09:14, Jane Officer <jane@ccg.example> wrote:", over up to three
# lines as mail programs wrap it
_WROTE = re.compile(r"(?m)^[ \t>]*On\s+(?P<when>[^\n]{4,120}?(?:\n[^\n]{0,120}?){0,2}?)"
                    r"\s+wrote:[ \t]*$")
# Outlook's header of the message answered or forwarded: From, then Sent (or Date) within
# the next few lines
_HEADER = re.compile(r"(?m)^[ \t>]*(?:-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}"
                     r"[ \t]*\n[ \t>]*)?From:[^\n]*\n(?:[ \t>]*[A-Za-z-]+:[^\n]*\n){0,3}?"
                     r"[ \t>]*(?P<label>Sent|Date):[ \t]*(?P<when>[^\n]+)")


def quoted_messages(pages: list[ParsedPage], sent: str | None) -> list[DatedPassage]:
    """The quoted earlier messages of an email's pages, each from its marker to the next
    marker or the end of the page; the first page's own header block is the email's."""
    passages: list[DatedPassage] = []
    for page in pages:
        skip = _own_header_end(page.text) if page.number == 1 else 0
        markers = sorted(_markers(page.text, skip, sent), key=lambda m: m[0])
        for n, (start, written, wording) in enumerate(markers):
            end = markers[n + 1][0] if n + 1 < len(markers) else len(page.text)
            passages.append(DatedPassage(page.number, start, end, written, wording))
    return passages


def _markers(text: str, skip: int, sent: str | None) -> Iterator[tuple[int, str, str]]:
    for pattern in (_WROTE, _HEADER):
        for m in pattern.finditer(text, skip):
            date = _day(m.group("when"), sent)
            if date is None:
                continue
            wording = " ".join(m.group(0).split())
            yield m.start(), date, wording if len(wording) <= 160 else wording[:159] + "…"


def _day(when: str, sent: str | None) -> str | None:
    """The day a quoted message was sent: its header's date, no later than the email's."""
    dates = [d for d in find_stated_dates(" ".join(when.split())) if d.precision == "day"]
    if not dates:
        return None
    date: StatedDate | None = dates[0]
    if date is not None and not date.year_given:
        if not sent:
            return None
        year = int(sent[:4])
        date = date.with_year(year)
        if date is not None and date.value > sent[:10]:
            date = date.with_year(year - 1)
    if date is None or (sent and date.value > sent[:10]):
        return None  # a "quoted" message sent after the email is no quoted message
    return date.value


def _own_header_end(text: str) -> int:
    """Where the email's own From/To/Date block (first on its first page) ends."""
    if not text.startswith(("From:", "To:", "Cc:", "Date:", "Subject:")):
        return 0
    end = text.find("\n\n")
    return len(text) if end < 0 else end
