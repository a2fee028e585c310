"""Email as mail programs save it (.eml): headers, a plain and an HTML body, attachments and
forwarded messages, for tests, the hostile sweep and the self-test."""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from collections.abc import Sequence
from email.message import EmailMessage
from pathlib import Path


def email_bytes(*, subject: str, sender: str, to: Sequence[str], sent: dt.datetime,
                body: str, html: str | None = None, cc: Sequence[str] = (),
                attachments: Sequence[tuple[str, bytes, str]] = (),
                forwarded: Sequence[bytes] = ()) -> bytes:
    """`attachments`: (file name, bytes, MIME type); `forwarded`: whole messages attached."""
    message = EmailMessage(policy=email.policy.default)
    message["From"] = sender
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Subject"] = subject
    message["Date"] = email.utils.format_datetime(
        sent if sent.tzinfo else sent.replace(tzinfo=dt.UTC))
    message["Message-ID"] = email.utils.make_msgid(domain="council.example")
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, data, mime in attachments:
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    for inner in forwarded:
        message.add_attachment(email.message_from_bytes(inner, policy=email.policy.default))
    return message.as_bytes()


def write_eml(path: Path, **fields: object) -> Path:
    path = Path(path)
    path.write_bytes(email_bytes(**fields))  # type: ignore[arg-type]
    return path
