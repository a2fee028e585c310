"""Signed and encrypted email as mail programs send it, for tests: clear-signed
(multipart/signed with an S/MIME or OpenPGP signature part), opaque-signed (the whole content
inside a CMS SignedData, smime.p7m, written in DER or as a streaming signer writes BER), and
encrypted (CMS EnvelopedData; OpenPGP multipart/encrypted). The structures are shaped as
RFC 5652 lays them out; the signatures in them sign nothing (readers never check them).
"""

from __future__ import annotations

import email.policy
from email.message import EmailMessage

_SIGNED_DATA = bytes.fromhex("2a864886f70d010702")
_ENVELOPED_DATA = bytes.fromhex("2a864886f70d010703")
_DATA = bytes.fromhex("2a864886f70d010701")
_SHA256 = bytes.fromhex("608648016503040201")


def cms_signed(content: bytes, *, streamed: bool = False) -> bytes:
    """A CMS ContentInfo of SignedData holding `content`. `streamed`: indefinite lengths and
    the content in 1,000-byte segments, as OpenSSL's -stream and Outlook write it."""
    if streamed:
        segments = b"".join(_tlv(0x04, content[i:i + 1000])
                            for i in range(0, len(content), 1000))
        octets = b"\x24\x80" + segments + b"\x00\x00"
        encap = b"\x30\x80" + _tlv(0x06, _DATA) + b"\xa0\x80" + octets + b"\x00\x00" \
            + b"\x00\x00"
    else:
        encap = _tlv(0x30, _tlv(0x06, _DATA) + _tlv(0xA0, _tlv(0x04, content)))
    digests = _tlv(0x31, _tlv(0x30, _tlv(0x06, _SHA256) + b"\x05\x00"))
    signed = _tlv(0x30, _tlv(0x02, b"\x01") + digests + encap + _tlv(0x31, b""))
    return _tlv(0x30, _tlv(0x06, _SIGNED_DATA) + _tlv(0xA0, signed))


def cms_enveloped() -> bytes:
    """A CMS ContentInfo of EnvelopedData (its recipients and ciphertext left empty)."""
    enveloped = _tlv(0x30, _tlv(0x02, b"\x00") + _tlv(0x31, b"")
                     + _tlv(0x30, _tlv(0x06, _DATA)))
    return _tlv(0x30, _tlv(0x06, _ENVELOPED_DATA) + _tlv(0xA0, enveloped))


def clear_signed(inner: EmailMessage, *, scheme: str = "S/MIME") -> EmailMessage:
    """`inner` (with its attachments) and a signature part beside it."""
    outer = EmailMessage(policy=email.policy.default)
    for name in ("From", "To", "Subject", "Date"):
        if inner[name]:
            outer[name] = inner[name]
            del inner[name]
    pgp = scheme == "OpenPGP"
    outer.set_type("multipart/signed")
    outer.set_param("protocol", "application/pgp-signature" if pgp
                    else "application/pkcs7-signature")
    outer.attach(inner)
    signature = EmailMessage(policy=email.policy.default)
    if pgp:
        signature.set_content("-----BEGIN PGP SIGNATURE-----\n\niQEz\n-----END PGP SIGNATURE-----"
                              "\n", subtype="plain")
        signature.replace_header("Content-Type", "application/pgp-signature")
        signature.add_header("Content-Disposition", "attachment", filename="signature.asc")
    else:
        signature.set_content(cms_signed(b""), maintype="application", subtype="pkcs7-signature",
                              filename="smime.p7s")
    outer.attach(signature)
    return outer


def opaque_signed(inner: EmailMessage, *, streamed: bool = False) -> EmailMessage:
    """The whole of `inner`'s content inside smime.p7m; its headers stay outside."""
    outer = EmailMessage(policy=email.policy.default)
    for name in ("From", "To", "Subject", "Date"):
        if inner[name]:
            outer[name] = inner[name]
            del inner[name]
    outer.set_content(cms_signed(inner.as_bytes(), streamed=streamed),
                      maintype="application", subtype="pkcs7-mime", filename="smime.p7m",
                      params={"smime-type": "signed-data"})
    return outer


def encrypted(headers: dict[str, str], *, scheme: str = "S/MIME") -> EmailMessage:
    outer = EmailMessage(policy=email.policy.default)
    for name, value in headers.items():
        outer[name] = value
    if scheme == "S/MIME":
        outer.set_content(cms_enveloped(), maintype="application", subtype="pkcs7-mime",
                          filename="smime.p7m", params={"smime-type": "enveloped-data"})
        return outer
    outer.set_type("multipart/encrypted")
    outer.set_param("protocol", "application/pgp-encrypted")
    version = EmailMessage(policy=email.policy.default)
    version.set_content(b"Version: 1\n", maintype="application", subtype="pgp-encrypted")
    body = EmailMessage(policy=email.policy.default)
    body.set_content(b"-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n",
                     maintype="application", subtype="octet-stream", filename="encrypted.asc")
    outer.attach(version)
    outer.attach(body)
    return outer


def _tlv(tag: int, content: bytes) -> bytes:
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + content
