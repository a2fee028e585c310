"""Printed words against imported words, page by page: is what import stores what the page shows?

    python benchmarks/pdf_print_fidelity.py ../shared/corpora/pdfs [--max-pages 5]
        [--out rows.json] [--cache DIR] [--baseline OTHER_CHECKOUT]

For the first --max-pages pages of every PDF under the folder: the printed words are what
Tesseract (the engine and English data import uses) reads from the page rendered by pdfium as
the page view draws it (form environment on, annotations drawn), at 200 dpi; when it finds
fewer than 60% of its words in ours, the page is read turned 90, 180 and 270 degrees too and
the best reading kept (a landscape table, a page drawn upside down). The imported words are
the page text `read_pdf` stores. Words: casefolded runs of letters and digits, 3+ characters
with a letter; a word within one edit of an unmatched word on the other side counts as found
(OCR's slips). Pages whose text is mostly not Latin script are skipped (the English data
cannot read them).

Figures: word recall (printed words found in ours, over all pages), unprinted share (our
words not printed), pages missing printed words (recall < 0.7 with 15+ printed words) and
pages with unprinted words (share > 0.3 with 15+ of ours). `--out` writes every page's row
with the words missing and the words not printed, to read the failures. OCR readings are
cached by file hash and page in --cache, so a second run measures the code alone.
`--baseline DIR` first runs the same measure with another checkout's code (e.g. main) in a
subprocess, and reports both and the pages whose figures changed.

OCR slips and cannot read mirrored or very small print: the figures are a floor, the same
for both runs; read the rows.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

_TOKEN = re.compile(r"[^\W_]+")
_DPI = 200.0
_MAX_PIXELS = 30e6


def tokens(text: str) -> Counter[str]:
    return Counter(t for t in _TOKEN.findall(text.casefold())
                   if len(t) >= 3 and any(c.isalpha() for c in t))


def _near(a: str, b: str) -> bool:
    """Within one edit (words of 4+ characters)."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def matched(words: Counter[str], other: Counter[str]) -> int:
    """How many of `words` are in `other` (exactly, else within one edit)."""
    common = words & other
    found = sum(common.values())
    pool = list((other - common).elements())
    for word in (words - common).elements():
        for j, candidate in enumerate(pool):
            if _near(word, candidate):
                found += 1
                pool.pop(j)
                break
    return found


class Printed:
    """OCR of rendered pages, cached on disk."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.api: Any = None

    def read(self, path: Path, pdf: pdfium.PdfDocument, index: int, turn: int) -> str:
        key = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
        cached = self.cache / f"{key}-{index}-{int(_DPI)}{f'-r{turn}' if turn else ''}.txt"
        if cached.exists():
            return cached.read_text()
        if self.api is None:
            import tesserocr

            from evidence_pack.core.ocr.tesseract import data_folder

            self.api = tesserocr.PyTessBaseAPI(path=str(data_folder("eng")), lang="eng")
        page = pdf[index]
        try:
            width, height = page.get_size()
            scale = min(_DPI / 72, (_MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
            image = page.render(scale=scale, grayscale=True, may_draw_forms=True).to_pil()
        finally:
            page.close()
        if turn:
            image = image.convert("L").rotate(turn, expand=True, fillcolor=255)
        self.api.SetImage(image)
        self.api.SetSourceResolution(int(_DPI))
        text = self.api.GetUTF8Text()
        self.cache.mkdir(parents=True, exist_ok=True)
        cached.write_text(text)
        return text


def _latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return not letters or sum(1 for ch in letters if ord(ch) < 0x250) >= 0.7 * len(letters)


def measure(folder: Path, max_pages: int, cache: Path) -> dict[str, Any]:
    from evidence_pack.core.errors import RejectedFile
    from evidence_pack.core.ingest.pdf_reader import read_pdf

    printed = Printed(cache)
    rows: list[dict[str, Any]] = []
    read_s = 0.0
    pdfs = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    for path in pdfs:
        shown = str(path.relative_to(folder))
        started = time.perf_counter()
        try:
            document = read_pdf(path)
        except RejectedFile as exc:
            rows.append({"file": shown, "rejected": str(exc)})
            continue
        read_s += time.perf_counter() - started
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            rows.append({"file": shown, "not drawn": str(exc)})
            continue
        with contextlib.suppress(Exception):  # a broken form still draws the page
            pdf.init_forms()
        for page in document.pages[:max_pages]:
            if not _latin(page.text):
                rows.append({"file": shown, "page": page.number, "skipped": "not Latin script"})
                continue
            ours = tokens(page.text)
            best: tuple[Counter[str], int, int] | None = None
            for turn in (0, 90, 180, 270):
                seen = tokens(printed.read(path, pdf, page.number - 1, turn))
                total = sum(seen.values())
                found = matched(seen, ours) if total else 0
                if best is None or (total and found / total > best[2] / max(best[1], 1)):
                    best = (seen, total, found)
                if not total or found >= 0.6 * total or sum(ours.values()) < 15:
                    break
            assert best is not None
            seen, total, found = best
            count = sum(ours.values())
            rows.append({
                "file": shown, "page": page.number, "printed": total, "ours": count,
                "recall": round(found / total, 3) if total else None,
                "unprinted": round(1 - matched(ours, seen) / count, 3) if count else None,
                "ocr": page.ocr is not None,
                "words_missing": sorted((seen - ours).elements())[:20],
                "words_not_printed": sorted((ours - seen).elements())[:20],
            })
        pdf.close()
    pages = [r for r in rows if "printed" in r]
    printed_words = sum(r["printed"] for r in pages)
    our_words = sum(r["ours"] for r in pages)
    return {
        "summary": {
            "files": len(pdfs),
            "pages": len(pages),
            "word_recall": round(sum(round((r["recall"] or 0) * r["printed"]) for r in pages)
                                 / max(printed_words, 1), 4),
            "unprinted_share": round(sum(round((r["unprinted"] or 0) * r["ours"])
                                         for r in pages) / max(our_words, 1), 4),
            "pages_missing_words": sum(1 for r in pages
                                       if r["printed"] >= 15 and r["recall"] < 0.7),
            "pages_with_unprinted_words": sum(1 for r in pages
                                              if r["ours"] >= 15 and r["unprinted"] > 0.3),
            "read_s": round(read_s, 2),
        },
        "rows": rows,
    }


def _changed(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[dict[str, Any]]:
    old = {(r["file"], r.get("page")): r for r in before}
    out = []
    for row in after:
        was = old.get((row["file"], row.get("page")), {})
        keys = ("ours", "recall", "unprinted", "ocr", "rejected")
        if any(was.get(k) != row.get(k) for k in keys):
            out.append({"file": row["file"], "page": row.get("page"),
                        "before": {k: was.get(k) for k in keys if k in was},
                        "after": {k: row.get(k) for k in keys if k in row}})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max-pages", type=int, default=5)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "evidence-pack-print-ocr")
    parser.add_argument("--baseline", type=Path,
                        help="another checkout whose code is measured the same way first")
    args = parser.parse_args()
    baseline = None
    if args.baseline is not None:
        with tempfile.TemporaryDirectory() as tmp:
            rows_file = Path(tmp) / "baseline.json"
            env = {**os.environ, "PYTHONPATH": str(args.baseline.resolve())}
            subprocess.run([sys.executable, str(Path(__file__).resolve()), str(args.folder),
                            "--max-pages", str(args.max_pages), "--cache", str(args.cache),
                            "--out", str(rows_file)],
                           env=env, check=True, stdout=subprocess.DEVNULL,
                           cwd=str(args.baseline))
            baseline = json.loads(rows_file.read_text())
    result = measure(args.folder, args.max_pages, args.cache)
    if args.out is not None:
        args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    report: dict[str, Any] = {"this_code": result["summary"]}
    if baseline is not None:
        report["baseline"] = baseline["summary"]
        report["pages_changed"] = _changed(baseline["rows"], result["rows"])
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
