"""RC4 and the PDF Standard Security Handler, revision 3 (128-bit), for writing
password-protected PDFs like the ones councils publish. Algorithms 2, 3 and 5 of the PDF
specification (ISO 32000-1, 7.6.3)."""

from __future__ import annotations

import hashlib
import struct

# The padding string the PDF specification prescribes for passwords.
PAD = bytes.fromhex(
    "28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A"
)
KEY_BYTES = 16
PERMISSIONS = -3904  # print, copy and fill forms allowed; the usual "protected" setting


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) & 0xFF
        state[i], state[j] = state[j], state[i]
    out = bytearray(len(data))
    i = j = 0
    for n, byte in enumerate(data):
        i = (i + 1) & 0xFF
        j = (j + state[i]) & 0xFF
        state[i], state[j] = state[j], state[i]
        out[n] = byte ^ state[(state[i] + state[j]) & 0xFF]
    return bytes(out)


def _padded(password: str) -> bytes:
    raw = password.encode("latin-1", errors="replace")[:32]
    return raw + PAD[: 32 - len(raw)]


def owner_entry(owner_password: str, user_password: str) -> bytes:
    digest = hashlib.md5(_padded(owner_password or user_password)).digest()
    for _ in range(50):
        digest = hashlib.md5(digest).digest()
    key = digest[:KEY_BYTES]
    value = rc4(key, _padded(user_password))
    for i in range(1, 20):
        value = rc4(bytes(b ^ i for b in key), value)
    return value


def file_key(user_password: str, owner: bytes, file_id: bytes) -> bytes:
    digest = hashlib.md5(
        _padded(user_password) + owner + struct.pack("<i", PERMISSIONS) + file_id
    ).digest()
    for _ in range(50):
        digest = hashlib.md5(digest[:KEY_BYTES]).digest()
    return digest[:KEY_BYTES]


def user_entry(key: bytes, file_id: bytes) -> bytes:
    value = rc4(key, hashlib.md5(PAD + file_id).digest())
    for i in range(1, 20):
        value = rc4(bytes(b ^ i for b in key), value)
    return value + bytes(16)


def object_key(key: bytes, number: int, generation: int = 0) -> bytes:
    salt = struct.pack("<i", number)[:3] + struct.pack("<i", generation)[:2]
    return hashlib.md5(key + salt).digest()[: min(len(key) + 5, 16)]
