"""Signed and encrypted email (S/MIME, OpenPGP): what is inside, without keys or checks.

Public bodies sign their email. A "clear-signed" message (multipart/signed) carries its text
as usual and the signature as a part of its own (smime.p7s, signature.asc): that part is not
an attachment to import. An "opaque-signed" message (application/pkcs7-mime, smime.p7m)
wraps the whole MIME content, text and attachments, inside a CMS SignedData structure
(RFC 5652), in BER: its encapsulated content is read out here and read as the message's. An
encrypted message (CMS EnvelopedData, or multipart/encrypted for OpenPGP) cannot be read
without the recipient's private key: its headers are imported with a warning that says so.
Signatures are never verified here; the source only records that the message was signed.
"""

from __future__ import annotations

from dataclasses import dataclass

SIGNATURE_TYPES = frozenset({"application/pkcs7-signature", "application/x-pkcs7-signature",
                             "application/pgp-signature"})
OPAQUE_TYPES = frozenset({"application/pkcs7-mime", "application/x-pkcs7-mime"})
ENCRYPTED_WARNING = ("the email is encrypted ({scheme}): its text and attachments cannot be "
                     "read without the recipient's key; open it in the mail program that "
                     "holds the key, save it decrypted and import that")

# CMS content types (RFC 5652, RFC 5083), as DER object identifiers
_SIGNED_DATA = bytes.fromhex("2a864886f70d010702")
_ENVELOPED_DATA = bytes.fromhex("2a864886f70d010703")
_AUTH_ENVELOPED_DATA = bytes.fromhex("2a864886f70d0109100117")
_SEQUENCE, _SET, _OID, _OCTETS, _INTEGER = 0x30, 0x31, 0x06, 0x04, 0x02
_CONSTRUCTED_OCTETS = 0x24
_EXPLICIT_0 = 0xA0
_MAX_DEPTH = 64


@dataclass(frozen=True)
class Unwrapped:
    """What a CMS structure holds: signed content (its bytes), or only that it is encrypted."""

    signed: bytes | None = None
    encrypted: bool = False


def unwrap_cms(data: bytes) -> Unwrapped:
    """The content of a CMS ContentInfo (PKCS #7): SignedData gives its encapsulated content,
    EnvelopedData only that it is encrypted. Raises ValueError for anything else."""
    tag, start, end, _ = _element(data, 0)
    if tag != _SEQUENCE:
        raise ValueError("not a CMS structure")
    children = _children(data, start, end)
    if len(children) < 1 or children[0][0] != _OID:
        raise ValueError("a CMS structure without its content type")
    oid = data[children[0][1]:children[0][2]]
    if oid in (_ENVELOPED_DATA, _AUTH_ENVELOPED_DATA):
        return Unwrapped(encrypted=True)
    if oid != _SIGNED_DATA:
        raise ValueError("a CMS structure that is neither signed nor encrypted data")
    if len(children) < 2 or children[1][0] != _EXPLICIT_0:
        raise ValueError("signed data without its content")
    (signed,) = _children(data, children[1][1], children[1][2])[:1] or [(0, 0, 0)]
    if signed[0] != _SEQUENCE:
        raise ValueError("signed data that is not a sequence")
    # SignedData: version, digest algorithms, then the encapsulated content info
    fields = _children(data, signed[1], signed[2])
    encap = next((f for f in fields[2:3] if f[0] == _SEQUENCE), None)
    if encap is None:
        raise ValueError("signed data without its encapsulated content")
    inner = _children(data, encap[1], encap[2])
    if len(inner) < 2 or inner[1][0] != _EXPLICIT_0:
        raise ValueError("detached signed data: the content is not inside")
    (content,) = _children(data, inner[1][1], inner[1][2])[:1] or [(0, 0, 0)]
    return Unwrapped(signed=_octets(data, content, 0))


def _octets(data: bytes, element: tuple[int, int, int], depth: int) -> bytes:
    """An OCTET STRING's bytes, joined from its segments when it is constructed (as a
    streaming signer writes it)."""
    tag, start, end = element
    if tag == _OCTETS:
        return data[start:end]
    if tag != _CONSTRUCTED_OCTETS or depth > _MAX_DEPTH:
        raise ValueError("signed content that is not an octet string")
    return b"".join(_octets(data, part, depth + 1) for part in _children(data, start, end))


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    """(tag, content start, content end) of each element between start and end."""
    out = []
    pos = start
    while pos < end:
        if data[pos:pos + 2] == b"\x00\x00":  # the end of an indefinite length
            break
        tag, content_start, content_end, pos = _element(data, pos)
        out.append((tag, content_start, content_end))
    return out


def _element(data: bytes, pos: int, depth: int = 0) -> tuple[int, int, int, int]:
    """(tag, content start, content end, next position) of the BER element at pos."""
    if depth > _MAX_DEPTH:
        raise ValueError("a CMS structure nested too deep")
    if pos + 2 > len(data):
        raise ValueError("a CMS structure cut short")
    tag = data[pos]
    if tag & 0x1F == 0x1F:
        raise ValueError("a CMS element with a long tag")
    first = data[pos + 1]
    pos += 2
    if first < 0x80:
        length = first
    elif first == 0x80:  # indefinite: constructed, ends with two zero bytes
        if not tag & 0x20:
            raise ValueError("an indefinite length on a primitive element")
        at = pos
        while True:
            if at + 2 > len(data):
                raise ValueError("a CMS structure cut short")
            if data[at:at + 2] == b"\x00\x00":
                return tag, pos, at, at + 2
            at = _element(data, at, depth + 1)[3]
    else:
        count = first & 0x7F
        if count > 4 or pos + count > len(data):
            raise ValueError("a CMS element with an impossible length")
        length = int.from_bytes(data[pos:pos + count], "big")
        pos += count
    if pos + length > len(data):
        raise ValueError("a CMS structure cut short")
    return tag, pos, pos + length, pos + length
