"""Briefing export speed on a generated pack of 500 claims and 1,000 citations.

Prints JSON: the wall time of `build_briefing` (notes style, default template, checks run,
timeline pictures drawn, file saved), split into checks and writing; and as a baseline, in
the same run, python-docx writing the same text as plain paragraphs (one per claim and one
per citation) and saving it. Target (issue 5): export <= 5 s.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import docx

from evidence_pack.core.briefing import build_briefing
from evidence_pack.core.briefing.findings import collect_findings
from evidence_pack.core.models import ParsedDocument, ParsedPage
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from evidence_pack.generate.board_prose import dense_pages


class _InMemoryParser:
    """Hands over generated pages, so the set-up cost is not PDF extraction."""

    def __init__(self, docs: dict[str, ParsedDocument]) -> None:
        self.docs = docs

    def parse(self, path: Path) -> ParsedDocument:
        return self.docs[path.name]


def build_pack(folder: Path, claims: int, citations_per_claim: int, seed: int = 5) -> Pack:
    rng = random.Random(seed)
    pages_per_source, n_sources = 8, 40
    text_pages = ["\n\n".join(p) for p in dense_pages(pages_per_source * n_sources, seed=seed)]
    docs: dict[str, ParsedDocument] = {}
    paths = []
    for i in range(n_sources):
        name = f"paper-{i:03d}.txt"
        pages = [ParsedPage(n + 1, text_pages[i * pages_per_source + n])
                 for n in range(pages_per_source)]
        year = 2010 + i % 7
        docs[name] = ParsedDocument(
            kind="txt", pages=pages, title=f"Board paper {i}: performance and finance",
            author=f"Northfield Trust {i % 5}", published=f"{year}-{1 + i % 12:02d}-15",
        )
        path = folder / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"generated {name}", encoding="utf-8")  # distinct bytes: no duplicates
        paths.append(path)
    pack = Pack.create(folder / "bench", title="Export benchmark")
    pack.add(paths, parser=_InMemoryParser(docs))
    ops = Operations(pack)
    sources = pack.sources()
    for c in range(claims):
        specs = []
        for _ in range(citations_per_claim):
            source = rng.choice(sources)
            page = rng.randint(1, pages_per_source)
            words = pack.page(source.id, page).text.split()
            start = rng.randint(0, max(len(words) - 14, 0))
            specs.append(CitationSpec(source.id, page, " ".join(words[start:start + 12])))
        year, month = 2010 + c % 7, 1 + c % 12
        event = None if c % 10 == 9 else (
            f"{year}-{month:02d}-{1 + c % 28:02d}" if c % 3 == 0
            else f"{year}-{month:02d}" if c % 3 == 1 else str(year)
        )
        ops.create_claim(
            f"Claim {c}: the trust reported a change in waiting times and spending.",
            event=event,
            questions="What explains the change?" if c % 4 == 0 else "",
            citations=specs,
        )
    return pack


def baseline(folder: Path, pack: Pack) -> float:
    """python-docx writing each statement and each quote as a plain paragraph."""
    claims = pack.claims()
    started = time.perf_counter()
    document = docx.Document()
    for claim in claims:
        document.add_paragraph(claim.statement)
        for cite in claim.citations:
            document.add_paragraph(cite.quote)
    document.save(folder / "baseline.docx")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--citations-per-claim", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        pack = build_pack(folder, args.claims, args.citations_per_claim)
        setup_s = time.perf_counter() - started
        try:
            claims = pack.claims()
            runs, checks, bases = [], [], []
            for i in range(args.repeat):
                t0 = time.perf_counter()
                collect_findings(pack, claims)
                checks.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                report = build_briefing(pack, folder / f"briefing-{i}.docx")
                runs.append(time.perf_counter() - t0)
                bases.append(baseline(folder, pack))
            size = (folder / "briefing-0.docx").stat().st_size
        finally:
            pack.close()
    best, best_base, best_checks = min(runs), min(bases), min(checks)
    print(json.dumps({
        "claims": report.claims,
        "citations": report.citations,
        "footnotes": report.footnotes,
        "timeline_pictures": report.timeline_pictures,
        "docx_bytes": size,
        "setup_s": round(setup_s, 2),
        "export_s": round(best, 3),
        "of_which_checks_s": round(best_checks, 3),
        "of_which_writing_s": round(best - best_checks, 3),
        "export_runs_s": [round(r, 3) for r in runs],
        "baseline_plain_paragraphs_s": round(best_base, 3),
        "ratio_export_to_baseline": round(best / best_base, 2),
        "target_s": 5.0,
        "meets_target": best <= 5.0,
    }, indent=2))


if __name__ == "__main__":
    main()
