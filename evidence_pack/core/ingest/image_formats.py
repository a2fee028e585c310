"""Recognising the image files OCR reads (.png, .jpg/.jpeg, .tif/.tiff) by their bytes."""

from __future__ import annotations

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),  # BigTIFF
    (b"MM\x00+", "TIFF"),
)


def image_format(head: bytes) -> str | None:
    """"PNG", "JPEG" or "TIFF" from a file's first bytes, or None."""
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    return None
