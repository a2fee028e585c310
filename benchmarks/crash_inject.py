"""Crash injection: kill the app (or its parser worker) with SIGKILL at random moments during
imports (PDFs, and emails carrying a PDF, which add linked sources), claim edits and
re-indexing, reopen the pack, and check that nothing committed was lost.

    python benchmarks/crash_inject.py --runs 200

Each run starts a child process that works on a pack and, after every operation returns
(that is, after it was committed), appends what the pack must now hold to a ledger file
(fsynced). The parent kills the child (or, one run in three, its parser worker first) at a
random time, then checks: PRAGMA integrity_check and foreign_key_check are clean; every
claim and statement the ledger recorded is in the database (the operation in flight may or
may not have landed, never half); every stored file matches its SHA-256; the search index is
current or rebuilt automatically, and finds what a fresh index finds. Prints JSON; a run that
fails any check is listed with the reason. Linux only (SIGKILL, /proc).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = ["contract", '"diagnostic imaging"', "meridian OR castlegate", "scan*"]


def workload(pack_path: Path, ledger_path: Path, docs: Path, seed: int) -> None:
    """The child: import files, create and edit claims, cite, reindex, forever."""
    from evidence_pack.core.operations import CitationSpec, Operations
    from evidence_pack.core.pack import Pack
    from evidence_pack.generate.board_prose import dense_pages
    from evidence_pack.generate.pdf_writer import write_pdf

    rng = random.Random(seed)
    ledger = open(ledger_path, "a", encoding="utf-8")  # noqa: SIM115 (kept open until killed)

    def record(entry: dict[str, object]) -> None:
        ledger.write(json.dumps(entry) + "\n")
        ledger.flush()
        os.fsync(ledger.fileno())

    pack = Pack.open(pack_path)
    ops = Operations(pack)
    n = 0
    while True:
        n += 1
        action = rng.choice(["import", "claim", "claim", "edit", "cite", "reindex"])
        sources = pack.sources()
        claims = pack.claims()
        if action == "import" or not sources:
            path = write_pdf(docs / f"doc-{seed}-{n}.pdf",
                             dense_pages(rng.randint(5, 40), seed=seed * 1000 + n),
                             title=f"Board pack {seed}-{n}")
            if rng.random() < 0.5:  # an email carrying it: several sources, linked
                path = _email_with(path, docs / f"mail-{seed}-{n}.eml", f"{seed}-{n}")
            record({"intent": "import", "file": path.name})
            pack.add([path])
        elif action == "claim" or not claims:
            statement = f"Claim {seed}-{n}: the contract was awarded in January 2015."
            record({"intent": "claim"})
            new_id = ops.create_claim(statement, event="January 2015").new_id
            record({"claim": new_id, "statement": statement})
        elif action == "edit":
            claim = rng.choice(claims)
            statement = f"Edited {seed}-{n}: {claim.statement[:60]}".strip()
            record({"intent": "edit", "claim": claim.id})
            ops.edit_claim(claim.id, statement=statement)
            record({"claim": claim.id, "statement": statement})
        elif action == "cite":
            claim = rng.choice(claims)
            source = rng.choice(sources)
            page = pack.page(source.id, 1)
            words = page.text.split()[:6]
            if len(words) >= 3:
                record({"intent": "cite", "claim": claim.id})
                ops.cite(claim.id, CitationSpec(source.id, 1, " ".join(words)))
                record({"cited": claim.id})
        else:
            record({"intent": "reindex"})
            pack.reindex()
        record({"done": n})


def _email_with(pdf: Path, target: Path, label: str) -> Path:
    import datetime as dt

    from evidence_pack.generate.email_files import write_eml

    data = pdf.read_bytes()
    pdf.unlink()
    return write_eml(target, subject=f"Board pack {label}", sender="Clerk <clerk@x.example>",
                     to=["Cllr <cllr@x.example>"], sent=dt.datetime(2015, 3, 12, tzinfo=dt.UTC),
                     body=f"The board pack {label} is attached.",
                     attachments=[(pdf.name, data, "application/pdf")])


def verify(pack_path: Path, ledger_path: Path) -> list[str]:
    from evidence_pack.core.pack import Pack

    problems: list[str] = []
    expected: dict[int, str] = {}
    in_flight: int | None = None
    if ledger_path.exists():
        for line in ledger_path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # the line being written when the process died
            if "statement" in entry:
                expected[int(entry["claim"])] = entry["statement"]
                in_flight = None
            elif entry.get("intent") == "edit":
                in_flight = int(entry["claim"])
            elif "intent" in entry:
                in_flight = None
    with Pack.open(pack_path) as pack:
        problems += [f"integrity: {p}" for p in pack.store.integrity_problems()]
        claims = {c.id: c.statement for c in pack.claims()}
        for claim_id, statement in expected.items():
            if claim_id not in claims:
                problems.append(f"claim {claim_id} was committed but is missing")
            elif claims[claim_id] != statement and claim_id != in_flight:
                problems.append(f"claim {claim_id} lost its committed statement")
        ids = {s.id for s in pack.sources()}
        for source in pack.sources():
            if source.parent_id is not None and source.parent_id not in ids:
                problems.append(f"source {source.id}: attached to a source that is gone")
            path = pack.file_path(source)
            if not path.is_file():
                problems.append(f"source {source.id}: its file is missing")
            elif hashlib.sha256(path.read_bytes()).hexdigest() != source.sha256:
                problems.append(f"source {source.id}: its file does not match its SHA-256")
        before = {q: pack.search(q).total for q in QUERIES}  # rebuilds first if stale
        if not pack.index.is_current():
            problems.append("the index is not current after reopening")
        pack.reindex()
        after = {q: pack.search(q).total for q in QUERIES}
        if before != after:
            problems.append(f"index disagreed with a fresh rebuild: {before} vs {after}")
    return problems


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def run_once(run: int, base: Path, max_s: float) -> dict[str, object]:
    from evidence_pack.core.pack import Pack
    from evidence_pack.generate.pdf_writer import write_pdf

    folder = base / f"run{run}"
    docs = folder / "docs"
    docs.mkdir(parents=True)
    pack_path = folder / "p.evpack"
    Pack.create(pack_path).close()
    seed_doc = write_pdf(docs / "seed.pdf", [["The diagnostic imaging contract was awarded to "
                                              "Meridian in January 2015."]], title="Seed")
    with Pack.open(pack_path) as pack:
        pack.add([seed_doc])
    ledger = folder / "ledger.jsonl"
    rng = random.Random(run)
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", str(pack_path), str(ledger), str(docs), str(run)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # the random moment is counted from when the child has started its work (its ledger
    # open): a loaded machine can take longer than a whole run's delay just to start Python
    started = time.monotonic()
    while not ledger.exists() and child.poll() is None and time.monotonic() - started < 60:
        time.sleep(0.02)
    delay = rng.uniform(0.3, max_s)
    time.sleep(delay)
    target = "app"
    if run % 3 == 2:
        workers = _children(child.pid)
        if workers:
            target = "worker"
            for pid in workers:
                os.kill(pid, signal.SIGKILL)
            time.sleep(rng.uniform(0.05, 0.5))
    child.send_signal(signal.SIGKILL)
    child.wait()
    problems = verify(pack_path, ledger)
    # killed before its first operation (a slow start on a loaded machine): nothing to count
    text = ledger.read_text(encoding="utf-8") if ledger.exists() else ""
    ops = sum(1 for line in text.splitlines() if '"done"' in line)
    return {"run": run, "killed": target, "after_s": round(delay, 2), "operations": ops,
            "problems": problems}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--max-seconds", type=float, default=4.0)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        pack_path, ledger, docs, seed = args.child
        workload(Path(pack_path), Path(ledger), Path(docs), int(seed))
        return
    if not sys.platform.startswith("linux"):
        sys.exit("crash injection needs Linux (SIGKILL and /proc)")
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        results = [run_once(n, Path(tmp), args.max_seconds) for n in range(args.runs)]
    failures = [r for r in results if r["problems"]]
    print(json.dumps({
        "runs": len(results),
        "failures": len(failures),
        "killed_app": sum(1 for r in results if r["killed"] == "app"),
        "killed_worker_then_app": sum(1 for r in results if r["killed"] == "worker"),
        "operations_committed": sum(int(r["operations"]) for r in results),  # type: ignore[call-overload]
        "seconds": round(time.monotonic() - started, 1),
        "failed_runs": failures,
        "target": "0 failures in 200 runs",
    }, indent=2))


if __name__ == "__main__":
    main()
