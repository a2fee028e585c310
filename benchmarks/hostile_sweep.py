"""Hostile-input sweep: import generated attack files plus every PDF under a folder.

    python benchmarks/hostile_sweep.py [../shared/corpora/pdfs]

Generates: deeply nested HTML; external entities and "billion laughs" in HTML, MHTML and
DOCX; a DOCX whose part unpacks to 1 GB; truncated and byte-flipped PDFs; a 1 GB file of
zeros; PDFs with JavaScript, OpenAction, Launch and embedded files; and the received formats'
attacks (generate/hostile_received.py): password-protected workbooks and ODF, legacy .doc,
macro-enabled workbooks, million-row sheets, shared-string and deep-XML bombs, entities in a
workbook, repeated-row bombs in ODS, zip bombs and zips nested 12 deep, emails with 5,000
MIME parts or parts nested 200 deep, broken base64, forwarding chains 12 deep, RTF nested
100,000 deep, and files whose content contradicts their name. Every file imported as a
PDF or image is then drawn as the page view draws it (issue 15): each page (up to 12)
through the render worker, with its text boxes. Prints JSON: the state of every file
(imported, warnings, duplicate, rejected) with its reason, crashes (must be 0), render
crashes (must be 0: a page that cannot be drawn must say why), refusals without a reason
(must be 0), received attacks whose outcome was not the expected one, the slowest bomb
(target: each rejected within 5 s), whether the external-entity canary ever reached the
pack (must not), and which files were flagged for active content.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

from evidence_pack.core.ingest.worker import IsolatedParser
from evidence_pack.core.pack import Pack
from evidence_pack.core.render import DRAWN_KINDS, PageNotDrawn, PageRenderer, RenderWorker
from evidence_pack.generate.hostile_received import write_attacks
from evidence_pack.generate.pdf_writer import write_damaged_pdf, write_pdf
from evidence_pack.generate.web_pages import article_html, write_article_mhtml
from evidence_pack.generate.word_files import write_docx

CANARY = "CANARY-7f3e9c-MUST-NOT-APPEAR"
TEXT = [["The diagnostic imaging contract was awarded in January 2015 for £80 million."]]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def generate(folder: Path) -> dict[str, str]:
    """Write the attack files; returns file name -> what it tries."""
    canary = folder.parent / "canary.txt"
    canary.write_text(CANARY)
    made: dict[str, str] = {}
    xxe_dtd = f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{canary}">]>'
    laughs = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))

    (folder / "nested.html").write_text(
        "<html><body>" + "<div>" * 200_000 + "deep" + "</div>" * 200_000 + "</body></html>")
    made["nested.html"] = "200,000 nested elements"
    page = article_html(title="XXE", body_paragraphs=["Look: &x; here."])
    (folder / "xxe.html").write_text(
        page.replace("<!DOCTYPE html>", f"<!DOCTYPE html {xxe_dtd[10:]}"))
    made["xxe.html"] = "external entity in HTML"
    (folder / "laughs.html").write_text(
        f"<?xml version='1.0'?><!DOCTYPE html [{laughs}]><html><body><p>&a9;</p></body></html>")
    made["laughs.html"] = "billion laughs in HTML"
    write_article_mhtml(folder / "xxe.mhtml", title="XXE archive",
                        body_paragraphs=["An &x; inside an archive."])
    made["xxe.mhtml"] = "entity reference in MHTML"
    for name, dtd, body in (("xxe.docx", xxe_dtd, "&x;"),
                            ("laughs.docx", f"<!DOCTYPE d [{laughs}]>", "&a9;")):
        _docx_with(folder, name, (f"<?xml version='1.0'?>{dtd}<w:document xmlns:w='{W}'><w:body>"
                                  f"<w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>")
                   .encode())
        made[name] = "external entity in DOCX" if "xxe" in name else "billion laughs in DOCX"
    _docx_bomb(folder / "bomb.docx")
    made["bomb.docx"] = "DOCX part unpacking to 1 GB"
    write_damaged_pdf(folder / "truncated.pdf", "truncated")
    made["truncated.pdf"] = "PDF cut in half"
    write_damaged_pdf(folder / "broken-xref.pdf", "garbage_xref")
    made["broken-xref.pdf"] = "PDF with a destroyed cross-reference table"
    flipped = bytearray(write_pdf(folder / "flipped.pdf", TEXT * 5).read_bytes())
    rng = random.Random(1)
    for _ in range(200):
        flipped[rng.randrange(200, len(flipped))] ^= 0xFF
    (folder / "flipped.pdf").write_bytes(bytes(flipped))
    made["flipped.pdf"] = "PDF with 200 flipped bytes"
    with open(folder / "zeros.pdf", "wb") as f:
        f.truncate(1024**3)
    made["zeros.pdf"] = "1 GB of zeros named .pdf"
    with open(folder / "zeros.txt", "wb") as f:
        f.truncate(1024**3)
    made["zeros.txt"] = "1 GB of zeros named .txt"
    for name, extra in (
        ("javascript.pdf", b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        ("launch.pdf", b"/OpenAction << /S /Launch /F (calc.exe) >>"),
        ("embedded.pdf", b"/Names << /EmbeddedFiles << /Names [] >> >>"),
    ):
        write_pdf(folder / name, TEXT, catalog_extra=extra)
        made[name] = "active content: " + name.split(".")[0]
    for name, (attack, expected) in write_attacks(folder, canary).items():
        made[name] = attack
        EXPECTED[name] = expected
    return made


# what each received-format attack must come to: "refused", or "imported" (with warnings)
EXPECTED: dict[str, str] = {}


def _docx_with(folder: Path, name: str, document_xml: bytes) -> None:
    base = write_docx(folder.parent / "base.docx", title="Base", sections=[("S", ["text"])])
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(folder / name, "w",
                                                       zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, document_xml if item.filename == "word/document.xml"
                         else src.read(item))


def _docx_bomb(path: Path) -> None:
    base = write_docx(path.parent.parent / "base.docx", title="Base", sections=[("S", ["x"])])
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item))
        with out.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f"<w:document xmlns:w='{W}'><w:body>".encode())
            block = b" " * (16 * 1024 * 1024)
            for _ in range(64):
                part.write(block)
            part.write(b"</w:body></w:document>")


# Pages of each file drawn in the sweep (a 100-page file costs its first pages only).
RENDER_PAGES = 12


def render_all(pack: Pack, worker: RenderWorker) -> dict[str, object]:
    """Draw the pack's PDFs and images as the page view does: page sizes, each page, its
    text boxes. A PageNotDrawn is a message the user sees; anything else is a crash."""
    outcome: dict[str, object] = {"drawn": 0, "messages": [], "crash": None}
    renderer = PageRenderer(pack.folder, worker=worker)
    try:
        for source in pack.sources():
            if source.kind not in DRAWN_KINDS:
                continue
            try:
                document = renderer.document(source.sha256)
            except PageNotDrawn as exc:
                outcome["messages"].append(str(exc))  # type: ignore[union-attr]
                continue
            for number in range(1, min(document.count, RENDER_PAGES) + 1):
                try:
                    renderer.image(source.sha256, number, 600)
                    text = pack.page(source.id, number).text if number <= source.page_count \
                        else ""
                    renderer.layout(source.sha256, number, text)
                    outcome["drawn"] = int(outcome["drawn"]) + 1  # type: ignore[call-overload]
                except PageNotDrawn as exc:
                    outcome["messages"].append(f"p{number}: {exc}")  # type: ignore[union-attr]
    except Exception as exc:  # what the sweep exists to find
        outcome["crash"] = f"{type(exc).__name__}: {exc}"
    return outcome


def sweep(files: list[Path], base: Path, label: str) -> list[dict[str, object]]:
    results = []
    with IsolatedParser(timeout_s=30) as parser, RenderWorker(timeout_s=30) as worker:
        for n, path in enumerate(files):
            record: dict[str, object] = {"file": path.name}
            started = time.monotonic()
            try:
                with Pack.create(base / f"{label}{n}.evpack") as pack:
                    report = pack.add([path], parser=parser)
                    texts = " ".join(p.text for s in pack.sources() for p in pack.pages(s.id))
                    record["canary_leaked"] = CANARY in texts
                    if report.imported:
                        source = report.imported[0].source
                        record["state"] = "warnings" if source.warnings else "imported"
                        record["warnings"] = list(source.warnings)
                        record["active_content"] = source.meta.get("active_content", [])
                    elif report.failed:
                        record["state"] = "rejected"
                        record["reason"] = report.failed[0].reason
                    else:
                        record["state"] = "duplicate"
                    record["files_refused_inside"] = len(report.failed) if report.imported \
                        else 0
                    if report.imported:
                        record["render"] = render_all(pack, worker)
            except Exception as exc:  # what the sweep exists to find
                record["state"] = "CRASH"
                record["reason"] = f"{type(exc).__name__}: {exc}"
                record["trace"] = traceback.format_exc(limit=4)
            record["seconds"] = round(time.monotonic() - started, 2)
            results.append(record)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "corpora" / "pdfs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "hostile"
        folder.mkdir()
        made = generate(folder)
        generated = sweep(sorted(folder.iterdir()), Path(tmp), "generated")
        corpus_files = sorted(p for p in args.corpus.rglob("*.pdf")) if args.corpus.is_dir() else []
        corpus = sweep(corpus_files, Path(tmp), "corpus")
    for record in generated:
        record["attack"] = made.get(str(record["file"]), "")
    everything = generated + corpus
    states: dict[str, int] = {}
    for record in everything:
        states[str(record["state"])] = states.get(str(record["state"]), 0) + 1
    bombs = [r for r in generated if "1 GB" in str(r["attack"]) or "laughs" in str(r["attack"])
             or "bomb" in str(r["attack"])]
    unexpected = {str(r["file"]): r["state"] for r in generated if str(r["file"]) in EXPECTED
                  and ("rejected" if r["state"] == "rejected" else "imported")
                  != ("rejected" if EXPECTED[str(r["file"])] == "refused" else "imported")}
    print(json.dumps({
        "files": len(everything),
        "states": states,
        "crashes": sum(1 for r in everything if r["state"] == "CRASH"),
        "render_crashes": {str(r["file"]): r["render"]["crash"] for r in everything  # type: ignore[index]
                           if r.get("render") and r["render"]["crash"]},  # type: ignore[index]
        "pages_drawn": sum(int(r["render"]["drawn"]) for r in everything  # type: ignore[index]
                           if r.get("render")),
        "pages_not_drawn_with_a_message": {
            str(r["file"]): r["render"]["messages"] for r in everything  # type: ignore[index]
            if r.get("render") and r["render"]["messages"]},  # type: ignore[index]
        "refused_without_reason": sum(1 for r in everything
                                      if r["state"] == "rejected" and not r.get("reason")),
        "received_attacks": len(EXPECTED),
        "received_unexpected_outcome": unexpected,
        "canary_leaked": any(r.get("canary_leaked") for r in everything),
        "slowest_bomb_s": max((float(r["seconds"]) for r in bombs), default=0.0),  # type: ignore[arg-type]
        "active_content_flagged": {str(r["file"]): r.get("active_content") for r in generated
                                   if r.get("active_content")},
        "generated": generated,
        "corpus_rejections": {str(r["file"]): r.get("reason") for r in corpus
                              if r["state"] == "rejected"},
        "targets": {"crashes": 0, "render_crashes": {}, "canary_leaked": False,
                    "bombs_within_s": 5,
                    "refused_without_reason": 0, "received_unexpected_outcome": {}},
    }, indent=2, default=str))


if __name__ == "__main__":
    main()
