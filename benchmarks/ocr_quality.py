"""OCR quality on real pages: render text PDFs' pages, degrade them like a scan, import the
images, and compare what import stored with each page's own text layer.

    python benchmarks/ocr_quality.py [../shared/corpora/pdfs] [--pages 16] [--no-baseline]
    python benchmarks/ocr_quality.py [../shared/corpora/pdfs] --photos [--pages 16]
    python benchmarks/ocr_quality.py [../shared/corpora/pdfs] --page-set later [--pages 40]

Pages: from every PDF under the folder (sorted), the first page of each file whose text layer
has at least 150 words, reads as text (not split into single letters) and has English's
letters (at most 0.5% accented: the engine is installed with English data only, so a
French page measures the missing language, not the reader), up to --pages (24).
`--page-set later` measures on other pages than those, to see whether a change generalises
beyond the pages it was tuned on: the same folder's pages that the first set does not take
(neither the same page nor the same text), at most two a file (the first two qualifying
pages among its first 30 that are not in the first set); its seeds differ too.
Each is rendered at 300 dpi, made grey, turned by up to 1.5 degrees, given noise and saved
as JPEG at quality 60. The images are imported into a new pack through the app's own
import (isolated worker, OCR in parallel) and their stored text read back.

Figures: bag-of-words F1 (word counts, order ignored: a text layer's order is often not the
reading order) per page, its mean and minimum; character error rate (edit distance over
the layer's length, whitespace collapsed) on plain prose pages, where the layer's order is
the reading order. Baseline in the same run: Tesseract alone on the same images (the same
engine and data, whole page, no skew correction, no rule removal, no table rebuilding).
Every text compared (reference, ours, baseline) has its line-end hyphenation joined the same
way first ("adip-" / "iscing" -> "adipiscing"), as import does for OCR and as pdfium does for
soft hyphens: a text layer with hard hyphens would otherwise count the right reading wrong.

--photos: the same pages photographed instead of scanned, as a phone sees a sheet on a
table (evidence_pack/generate/page_photo.py, seeded per page): the 300 dpi render reduced
to 2,480 px on its long side (an A4 sheet filling 62% of a 12-megapixel frame), turned by
up to 25 degrees, each corner pulled by up to 7% of the page (perspective), on a darker
textured table with clutter, a light falloff of up to 45%, slightly soft, JPEG quality 80.
Each photo is read twice by the page reader in this process, with and without
straightening (everything else the same), and both readings are compared with the text
layer as above: the figure is the F1 with straightening over the F1 without. Also: how
many photos were straightened and how far the found corners were from the true ones.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import io
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

_WORD = re.compile(r"\w+")
DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "pdfs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--page-set", choices=("first", "later"), default="first",
                        help="first: each file's first qualifying page (what was tuned on); "
                             "later: a disjoint set of other pages (held out from tuning)")
    parser.add_argument("--keep", type=Path, help="keep the degraded images in this folder")
    parser.add_argument("--photos", action="store_true",
                        help="phone-like photos instead of scans: F1 with straightening "
                             "against without")
    args = parser.parse_args()
    if args.photos:
        return photos(args.folder, args.pages, args.keep, args.page_set)

    from evidence_pack.core.ingest.text_cleanup import clean_text
    from evidence_pack.core.ocr.page_reader import LOW_CONFIDENCE
    from evidence_pack.core.pack import Pack

    pages = choose_pages(args.folder, args.pages, args.page_set)
    seed_base = 0 if args.page_set == "first" else 1000
    if not pages:
        print(json.dumps({"error": f"no suitable pages under {args.folder}"}))
        return 1
    with tempfile.TemporaryDirectory(prefix="ocr-quality-") as tmp:
        folder = args.keep or Path(tmp) / "scans"
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for n, (pdf_path, index, _reference, image) in enumerate(pages):
            path = folder / f"{n:02d}-{pdf_path.stem[:40]}-p{index + 1}.jpg"
            degrade(image, seed=seed_base + n).save(path, "JPEG", quality=60, dpi=(300, 300))
            files.append(path)
        started = time.perf_counter()
        with Pack.create(Path(tmp) / "quality.evpack") as pack:
            report = pack.add(files)
            import_seconds = time.perf_counter() - started
            stored = {}
            straightened = 0  # a scan is never taken for a photo: this stays 0
            for item in report.imported:
                page = pack.pages(item.source.id)[0]
                stored[Path(item.path).name] = (page.text, page.ocr_confidence or 0.0)
                read = pack.page_ocr(item.source.id, page.number)
                straightened += read is not None and read.straightened_from is not None
        failed = {Path(f.path).name: f.reason for f in report.failed}
        rows = []
        baseline_f1 = []
        for (pdf_path, index, reference, _image), path in zip(pages, files, strict=True):
            text, confidence = stored.get(path.name, ("", 0.0))
            text = dehyphenate(text)
            ref = dehyphenate(clean_text(reference))
            prose = is_prose(ref)
            row = {
                "file": str(pdf_path.relative_to(args.folder)), "page": index + 1,
                "words": sum(bag(ref).values()), "f1": round(bow_f1(ref, text), 4),
                "confidence": confidence, "prose": prose,
            }
            if prose:
                row["cer"] = round(char_error(ref, text), 4)
            if path.name in failed:
                row["failed"] = failed[path.name]
            if not args.no_baseline:
                raw = dehyphenate(tesseract_alone(path))
                row["baseline_f1"] = round(bow_f1(ref, raw), 4)
                baseline_f1.append(row["baseline_f1"])
            rows.append(row)
    f1s = [r["f1"] for r in rows]
    cers = [r["cer"] for r in rows if "cer" in r]
    out = {
        "page_set": args.page_set,
        "pages": len(rows),
        "mean_f1": round(sum(f1s) / len(f1s), 4),
        "min_f1": min(f1s),
        "pages_below_0_80": sum(1 for f in f1s if f < 0.80),
        "prose_pages": len(cers),
        "prose_cer_mean": round(sum(cers) / len(cers), 4) if cers else None,
        "prose_cer_max": max(cers) if cers else None,
        "import_seconds": round(import_seconds, 1),
        "straightened_as_photos": straightened,
        "low_confidence_pages": [f"{r['file']} p{r['page']}" for r in rows
                                 if r["confidence"] < LOW_CONFIDENCE],
        "rows": rows,
    }
    if baseline_f1:
        out["baseline_mean_f1"] = round(sum(baseline_f1) / len(baseline_f1), 4)
        out["baseline_min_f1"] = min(baseline_f1)
        out["mean_f1_over_baseline"] = round(out["mean_f1"] / max(1e-9, out["baseline_mean_f1"]),
                                             3)
    print(json.dumps(out, indent=2))
    return 0


def photos(folder: Path, limit: int, keep: Path | None, page_set: str = "first") -> int:
    from PIL import Image

    from evidence_pack.core.ingest.text_cleanup import clean_text
    from evidence_pack.core.ocr.page_reader import read_page_image
    from evidence_pack.core.ocr.tesseract import TesseractEngine
    from evidence_pack.generate.page_photo import photograph

    pages = choose_pages(folder, limit, page_set)
    seed_base = 0 if page_set == "first" else 1000
    if not pages:
        print(json.dumps({"error": f"no suitable pages under {folder}"}))
        return 1
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    engine = TesseractEngine()
    rows = []
    seconds = {"with": 0.0, "without": 0.0}
    try:
        for n, (pdf_path, index, reference, image) in enumerate(pages):
            page = image.convert("L")
            page = page.resize((round(page.width * 2480 / max(page.size)),
                                round(page.height * 2480 / max(page.size))),
                               Image.Resampling.LANCZOS)
            photo = photograph(page, seed=seed_base + n)
            if keep:
                (keep / f"{n:02d}-{pdf_path.stem[:40]}-p{index + 1}.jpg").write_bytes(photo.jpeg)
            ref = dehyphenate(clean_text(reference))
            row: dict[str, object] = {"file": str(pdf_path.relative_to(folder)),
                                      "page": index + 1, "words": sum(bag(ref).values())}
            for label, straighten in (("with", True), ("without", False)):
                started = time.perf_counter()
                reading = read_page_image(photo.image, engine, straighten=straighten)
                seconds[label] += time.perf_counter() - started
                row[f"f1_{label}"] = round(bow_f1(ref, dehyphenate(clean_text(reading.text))), 4)
                if straighten:
                    found = reading.ocr.straightened_from
                    row["straightened"] = found is not None
                    if found is not None:
                        row["corner_error"] = round(_corner_error(found, photo), 4)
            rows.append(row)
    finally:
        engine.close()
    with_f1 = [float(r["f1_with"]) for r in rows]  # type: ignore[arg-type]
    without_f1 = [float(r["f1_without"]) for r in rows]  # type: ignore[arg-type]
    errors = [float(r["corner_error"]) for r in rows if "corner_error" in r]  # type: ignore[arg-type]
    mean_with, mean_without = sum(with_f1) / len(rows), sum(without_f1) / len(rows)
    print(json.dumps({
        "page_set": page_set,
        "pages": len(rows),
        "straightened": sum(1 for r in rows if r["straightened"]),
        "corner_error_max": max(errors) if errors else None,
        "mean_f1_with_straightening": round(mean_with, 4),
        "mean_f1_without": round(mean_without, 4),
        "with_over_without": round(mean_with / max(1e-9, mean_without), 3),
        "min_f1_with": min(with_f1),
        "min_f1_without": min(without_f1),
        "pages_below_0_80_with": sum(1 for f in with_f1 if f < 0.80),
        "pages_below_0_80_without": sum(1 for f in without_f1 if f < 0.80),
        "seconds_per_page_with": round(seconds["with"] / len(rows), 2),
        "seconds_per_page_without": round(seconds["without"] / len(rows), 2),
        "rows": rows,
    }, indent=2))
    return 0


def _corner_error(found: tuple[float, ...], photo) -> float:
    """The largest distance between a found and a true corner, as a share of the photo's
    long side."""
    width, height = photo.image.size
    return max(
        max(abs(found[2 * i] * width - x), abs(found[2 * i + 1] * height - y))
        for i, (x, y) in enumerate(photo.corners)
    ) / max(width, height)


FIRST_SET_SIZE = 24


def choose_pages(folder: Path, limit: int, page_set: str) -> list[tuple[Path, int, str, object]]:
    if page_set == "first":
        return select_pages(folder, limit)
    # the first set's pages, as the default run takes them, are kept out
    first = select_pages(folder, FIRST_SET_SIZE, render=False)
    taken = {(p, i) for p, i, _t, _im in first}
    texts = {_text_key(t) for _p, _i, t, _im in first}
    return select_pages(folder, limit, per_file=2, pages_per_file=30, exclude=taken,
                        exclude_texts=texts)


def _text_key(text: str) -> str:
    return " ".join(_WORD.findall(text)[:40])


def select_pages(folder: Path, limit: int, per_file: int = 1, *, pages_per_file: int = 8,
                 exclude: set[tuple[Path, int]] | None = None,
                 exclude_texts: set[str] | None = None,
                 render: bool = True) -> list[tuple[Path, int, str, object]]:
    import pypdfium2 as pdfium

    chosen = []
    seen_texts: set[str] = set(exclude_texts or ())
    for pdf_path in sorted(folder.rglob("*.pdf")):
        try:
            pdf = pdfium.PdfDocument(str(pdf_path))
        except pdfium.PdfiumError:
            continue
        try:
            taken = 0
            for index in range(min(len(pdf), pages_per_file)):
                if exclude and (pdf_path, index) in exclude:
                    continue
                page = pdf[index]
                text = page.get_textpage().get_text_range()
                words = _WORD.findall(text)
                key = _text_key(text)
                if len(words) < 150 or key in seen_texts or not _reads_as_text(words):
                    continue
                seen_texts.add(key)
                image = (page.render(scale=300 / 72, grayscale=True).to_pil().convert("L")
                         if render else None)
                chosen.append((pdf_path, index, text, image))
                taken += 1
                if taken == per_file or len(chosen) == limit:
                    break
        finally:
            pdf.close()
        if len(chosen) >= limit:
            break
    return chosen


def _reads_as_text(words: list[str]) -> bool:
    # a layer of single letters ("W A R N") or of one repeated token is not a reference
    long_words = [w for w in words if len(w) >= 3]
    letters = [c for w in words for c in w if c.isalpha()]
    accented = sum(1 for c in letters if not c.isascii())
    return (len(long_words) >= 0.4 * len(words) and len(set(words)) >= 0.2 * len(words)
            and accented <= 0.005 * max(1, len(letters)))


def degrade(image, seed: int):
    """Grey, a slight rotation, noise and (when saved) JPEG artefacts: a typical office scan."""
    from PIL import Image

    rng = random.Random(seed)
    grey = image.convert("L").point(lambda v: 30 + v * 205 // 255)  # grey paper, grey ink
    grey = grey.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, expand=True,
                       fillcolor=235)
    noise = Image.effect_noise(grey.size, 48)
    grey = Image.blend(grey, noise, 0.15)
    buffer = io.BytesIO()
    grey.save(buffer, "JPEG", quality=60)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


_LINE_END_HYPHEN = re.compile(r"(\w)[-\u00ad\u2010]\n(?=[a-z])")


def dehyphenate(text: str) -> str:
    return _LINE_END_HYPHEN.sub(r"\1", text)


def bag(text: str) -> collections.Counter[str]:
    return collections.Counter(w.lower() for w in _WORD.findall(text))


def bow_f1(reference: str, text: str) -> float:
    a, b = bag(reference), bag(text)
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(b.values()), common / sum(a.values())
    return 2 * precision * recall / (precision + recall)


_FORM_MARKS = re.compile(r"_{4,}|\.{6,}|[\u2610-\u2612\u25a1\u25a0]")


def is_prose(text: str) -> bool:
    """Plain running text: mostly long lines, few digits, no form fields or tick boxes (no
    tables, forms or lists of figures, whose text layer order is not a reading order)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(_WORD.findall(text)) < 250 or _FORM_MARKS.search(text):
        return False
    alnum = [c for c in text if c.isalnum()]
    digits = sum(c.isdigit() for c in alnum) / max(1, len(alnum))
    long_lines = sum(1 for ln in lines if len(ln) >= 30) / len(lines)  # 2-3 columns too
    figures = sum(1 for ln in lines if _mostly_numbers(ln)) / len(lines)
    cells = sum(1 for ln in lines if _mostly_capitalised(ln)) / len(lines)
    return digits < 0.06 and long_lines >= 0.6 and figures < 0.05 and cells < 0.1


def _mostly_capitalised(line: str) -> bool:
    """A row of table cells or headings: most of its words start with a capital."""
    tokens = [t for t in line.split() if t[:1].isalpha()]
    return len(tokens) >= 4 and sum(t[0].isupper() for t in tokens) >= 0.5 * len(tokens)


def _mostly_numbers(line: str) -> bool:
    """A table row or a list of figures: half its tokens or more carry digits."""
    tokens = line.split()
    return bool(tokens) and sum(any(c.isdigit() for c in t) for t in tokens) >= len(tokens) / 2


def char_error(reference: str, text: str) -> float:
    """Edit distance / reference length, whitespace collapsed. Words are aligned first
    (difflib), then only the differing stretches are compared character by character."""
    ref_words, hyp_words = reference.split(), text.split()
    matcher = difflib.SequenceMatcher(None, ref_words, hyp_words, autojunk=False)
    distance = 0
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        distance += _levenshtein(" ".join(ref_words[a0:a1]), " ".join(hyp_words[b0:b1]))
        if op != "replace":
            distance += 1  # the space next to an inserted or deleted stretch
    return distance / max(1, len(" ".join(ref_words)))


def _levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def tesseract_alone(path: Path) -> str:
    from PIL import Image

    from evidence_pack.core.ocr.tesseract import TesseractEngine

    engine = TesseractEngine()
    try:
        with Image.open(path) as image:
            words = engine.recognise(image.convert("L"), 300, timeout_s=300) or []
    finally:
        engine.close()
    lines: dict[tuple[int, int, int], list[str]] = {}
    for w in words:  # Tesseract's own lines, so hyphenation is joined as for the others
        lines.setdefault((w.block, w.paragraph, w.line), []).append(w.text)
    return "\n".join(" ".join(line) for line in lines.values())


if __name__ == "__main__":
    sys.exit(main())
