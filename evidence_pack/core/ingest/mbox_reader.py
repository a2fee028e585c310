"""A mailbox saved as one file (.mbox: Thunderbird's folders, Gmail's Takeout, Apple Mail's
export): each message is imported as an email of its own, with its attachments, as the
files of a .zip are; the mailbox itself is not a source.

Messages are told apart by the "From " line that starts each one, read with the standard
library's mailbox module; a line inside a message that began "From " was stored quoted
(">From "), and is read unquoted.
At most MAX_MESSAGES are taken, as from an archive; the rest are named in a warning.
"""

from __future__ import annotations

import email.policy
import mailbox
import re
from email.parser import BytesHeaderParser
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.archive_reader import container
from evidence_pack.core.ingest.email_reader import header_value, looks_like_email, safe_file_name
from evidence_pack.core.models import Attachment, ParsedDocument

MAX_BYTES = 1024 * 1024 * 1024
# as many as a dropped folder or archive may bring in (importer's limit on one file's files)
MAX_MESSAGES = 1000
_FROM_LINE = re.compile(rb"^From \S+")
_QUOTED_FROM = re.compile(rb"(?m)^>(>*From )")


def looks_like_mbox(head: bytes) -> bool:
    """A "From sender date" line, then an email's headers."""
    if not _FROM_LINE.match(head):
        return False
    _, _, rest = head.partition(b"\n")
    return looks_like_email(rest)


def read_mbox(path: Path) -> ParsedDocument:
    if path.stat().st_size > MAX_BYTES:
        raise RejectedFile("mailbox too large: over 1 GB",
                           "export the messages you need as a smaller mailbox, or save them "
                           "as .eml files, and import those")
    with path.open("rb") as f:
        if not looks_like_mbox(f.read(8192)):
            raise RejectedFile("not a mailbox despite its name",
                               "it does not start with a 'From ' line and email headers")
    box = mailbox.mbox(str(path), create=False)
    attachments: list[Attachment] = []
    warnings: list[str] = []
    try:
        keys = box.keys()
        for n, key in enumerate(keys[:MAX_MESSAGES], start=1):
            try:
                # a body line that began "From " was stored as ">From " (and ">From " as
                # ">>From "): one ">" comes off, as mail programs show it
                data = _QUOTED_FROM.sub(rb"\1", box.get_bytes(key))
                headers = BytesHeaderParser(policy=email.policy.default).parsebytes(data)
            except (ValueError, LookupError, UnicodeError, KeyError) as exc:
                warnings.append(f"message {n} of the mailbox could not be read ({exc})")
                continue
            subject = header_value(headers, "Subject") or "no subject"
            attachments.append(Attachment(
                name=safe_file_name(f"{n:04d} {subject[:80]}.eml", f"message {n:04d}.eml"),
                data=data, content_type="message/rfc822"))
        if len(keys) > MAX_MESSAGES:
            warnings.append(f"only the first {MAX_MESSAGES} of the mailbox's {len(keys)} "
                            "messages were taken")
    finally:
        box.close()
    if not attachments:
        raise RejectedFile("empty file", "the mailbox holds no messages")
    return container(path, attachments, warnings)
