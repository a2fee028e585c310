"""Signed and encrypted email: a signature is not an attachment to import, an opaque-signed
message's content is read from inside its CMS structure, a signed file is attached as the
file, and an encrypted message is imported by its headers with a warning that says why."""

from __future__ import annotations

import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from evidence_pack.core.ingest import parse_file
from evidence_pack.core.ingest.signed_mail import unwrap_cms
from evidence_pack.core.pack import Pack
from evidence_pack.generate.signed_mail import (
    clear_signed,
    cms_signed,
    encrypted,
    opaque_signed,
)

HEADERS = {"From": "Jane Officer <jane@ccg.example>", "To": "Cllr Smith <smith@council.example>",
           "Subject": "Depot lease", "Date": "Thu, 12 Mar 2015 09:14:00 +0000"}


def _message(with_table: bool = True) -> EmailMessage:
    message = EmailMessage(policy=email.policy.default)
    for name, value in HEADERS.items():
        message[name] = value
    message.set_content("The depot lease was signed on 3 March 2015 for £1.2m.\n")
    if with_table:
        message.add_attachment(b"Item,Cost\nRoof,95000\n", maintype="text", subtype="csv",
                               filename="costs.csv")
    return message


def _save(tmp_path: Path, message: EmailMessage, name: str = "mail.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(message.as_bytes())
    return path


@pytest.mark.parametrize("scheme", ["S/MIME", "OpenPGP"])
def test_a_clear_signed_email_keeps_its_text_and_drops_the_signature(
        pack: Pack, tmp_path: Path, scheme: str) -> None:
    report = pack.add([_save(tmp_path, clear_signed(_message(), scheme=scheme))])
    assert not report.failed  # the signature part was imported as a failed file before
    by_kind = {i.source.kind: i.source for i in report.imported}
    email_source, table = by_kind["eml"], by_kind["csv"]
    assert table.parent_id == email_source.id and len(report.imported) == 2
    assert email_source.meta["signed"] == f"{scheme} (the signature is not checked)"
    assert not email_source.warnings
    text = pack.page(email_source.id, 1).text
    assert "signed on 3 March 2015 for £1.2m" in text and "smime.p7s" not in text


@pytest.mark.parametrize("streamed", [False, True])
def test_an_opaque_signed_email_is_read_from_inside(pack: Pack, tmp_path: Path,
                                                    streamed: bool) -> None:
    report = pack.add([_save(tmp_path, opaque_signed(_message(), streamed=streamed))])
    assert not report.failed
    by_kind = {i.source.kind: i.source for i in report.imported}
    email_source, table = by_kind["eml"], by_kind["csv"]
    assert email_source.title == "Depot lease"
    assert email_source.published.earliest == "2015-03-12"
    assert email_source.meta["signed"].startswith("S/MIME")
    assert "signed on 3 March 2015 for £1.2m" in pack.page(email_source.id, 1).text
    assert table.title and table.parent_id == email_source.id
    assert [h.source_id for h in pack.search('"Cost: 95000"').hits] == [table.id]


def test_a_file_signed_on_its_own_is_attached_as_the_file(tmp_path: Path) -> None:
    message = _message(with_table=False)
    message.add_attachment(cms_signed(b"Item,Cost\nRoof,95000\n"), maintype="application",
                           subtype="pkcs7-mime", filename="costs.csv.p7m")
    doc = parse_file(_save(tmp_path, message))
    assert [(a.name, a.data) for a in doc.attachments] == [("costs.csv",
                                                            b"Item,Cost\nRoof,95000\n")]
    assert doc.meta["signed"].startswith("S/MIME")


@pytest.mark.parametrize("scheme", ["S/MIME", "OpenPGP"])
def test_an_encrypted_email_is_kept_by_its_headers_with_the_reason(
        pack: Pack, tmp_path: Path, scheme: str) -> None:
    report = pack.add([_save(tmp_path, encrypted(HEADERS, scheme=scheme))])
    assert not report.failed
    (imported,) = report.imported
    source = imported.source
    assert source.title == "Depot lease" and source.meta["encrypted"] == scheme
    assert list(source.warnings) == [f"the email is encrypted ({scheme}): its text and attachments "
                               "cannot be read without the recipient's key; open it in the "
                               "mail program that holds the key, save it decrypted and "
                               "import that"]
    assert "From: Jane Officer" in pack.page(source.id, 1).text


def test_a_damaged_signed_part_is_a_warning_not_a_lost_email(tmp_path: Path) -> None:
    whole = cms_signed(_message().as_bytes())
    message = EmailMessage(policy=email.policy.default)
    for name, value in HEADERS.items():
        message[name] = value
    message.set_content(whole[: len(whole) // 2], maintype="application",
                        subtype="pkcs7-mime", filename="smime.p7m")
    doc = parse_file(_save(tmp_path, message))
    assert doc.title == "Depot lease" and not doc.attachments
    assert any("'smime.p7m') could not be read: a CMS structure cut short" in w
               for w in doc.warnings)


def test_cms_structures_that_hold_no_readable_content_are_refused() -> None:
    with pytest.raises(ValueError, match="not a CMS structure"):
        unwrap_cms(b"\x04\x03abc")
    with pytest.raises(ValueError, match="cut short"):
        unwrap_cms(cms_signed(b"x" * 300)[:-40])
    assert unwrap_cms(cms_signed(b"x" * 3000, streamed=True)).signed == b"x" * 3000


@pytest.mark.parametrize("wrapping", ["clear", "opaque", "encrypted"])
def test_a_signed_or_encrypted_outlook_message(pack: Pack, tmp_path: Path,
                                               wrapping: str) -> None:
    """Outlook keeps a signed message's whole content in one attachment, smime.p7m: the
    MIME of a clear-signed message as it is, an opaque-signed or encrypted one as CMS."""
    from evidence_pack.generate.outlook_msg import OutlookMessage, write_msg

    if wrapping == "clear":
        content, mime = clear_signed(_message()).as_bytes(), "multipart/signed"
    elif wrapping == "opaque":
        content, mime = cms_signed(_message().as_bytes()), "application/pkcs7-mime"
    else:
        content, mime = encrypted(HEADERS).get_payload(decode=True), "application/pkcs7-mime"
    path = write_msg(tmp_path / "lease.msg", OutlookMessage(
        subject="Depot lease", sender=("Jane Officer", "jane@ccg.example"),
        to=[("Cllr Smith", "smith@council.example")],
        attachments=[("smime.p7m", content, mime)]))
    report = pack.add([path])
    assert not report.failed
    by_kind = {i.source.kind: i.source for i in report.imported}
    message = by_kind["msg"]
    if wrapping == "encrypted":
        assert message.meta["encrypted"] == "S/MIME" and set(by_kind) == {"msg"}
        return
    assert message.meta["signed"].startswith("S/MIME")
    assert "signed on 3 March 2015 for £1.2m" in pack.page(message.id, 1).text
    assert by_kind["csv"].parent_id == message.id
