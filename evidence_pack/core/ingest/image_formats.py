"""Recognising the image files OCR reads by their bytes: scans (.png, .jpg/.jpeg, .tif/.tiff),
screenshots saved as WebP, and phone photos in the HEIF format iPhones take them in (.heic).
"""

from __future__ import annotations

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".heic",
                            ".heif"})
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),  # BigTIFF
    (b"MM\x00+", "TIFF"),
)
# An ISO media file's first box is "ftyp" with a brand: these are HEIF still images
# (HEVC-coded, as phones write them, or their image sequences and bursts).
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs",
                b"mif1", b"msf1")
_openers_registered = False


def image_format(head: bytes) -> str | None:
    """"PNG", "JPEG", "TIFF", "WEBP" or "HEIF" from a file's first bytes, or None."""
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "HEIF"
    return None


def register_image_openers() -> None:
    """Let Pillow open HEIF photos (pi-heif's decoder); Pillow reads the rest itself. Called
    before an image is opened, in the parser and the render worker alike."""
    global _openers_registered
    if _openers_registered:
        return
    _openers_registered = True
    try:
        from pi_heif import register_heif_opener
    except ImportError:  # a HEIF photo is then refused as an image Pillow cannot decode
        return
    register_heif_opener()
