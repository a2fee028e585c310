"""Time of the pack's checks on a generated pack of 500 claims and 1,000 citations, and of
re-checking one edited claim, against an earlier version of the code in the same run.

    python benchmarks/checks_speed.py [--claims 500] [--baseline-ref GIT_REF]

The baseline is the code at GIT_REF (default: the commit before the checks package), taken
with `git archive` into a temporary folder and run in a child process on an identical pack,
so both figures come from the same machine at the same time. Prints JSON: seconds for the
full run of `run_checks` (best of 3, fresh caches each time), the incremental re-check after
one claim is edited (IncrementalChecks, as the app does), the numbers of findings, and the
ratios to the baseline. Targets (issue 13): full run <= 1.5x the baseline; re-check < 0.3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
_DEFAULT_BASELINE = "f52e9ff"  # main before issue 13's work


def measure(claims: int) -> dict[str, float | int]:
    """Runs in whichever code is first on sys.path."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from export_speed import build_pack

    from evidence_pack.core.checks import run_checks
    from evidence_pack.core.operations import Operations

    with tempfile.TemporaryDirectory() as tmp:
        pack = build_pack(Path(tmp), claims, 2)
        best = float("inf")
        report = None
        for _ in range(3):
            _clear_caches()
            t0 = time.perf_counter()
            report = run_checks(pack)
            best = min(best, time.perf_counter() - t0)
        assert report is not None
        recheck = _recheck(pack, Operations(pack))
        out = {"claims": claims, "full_s": round(best, 3), "recheck_s": round(recheck, 3),
               "conflicts": len(report.conflicts),
               "agreements": len(getattr(report, "agreements", []))}
        pack.close()
    return out


def _recheck(pack, ops) -> float:  # type: ignore[no-untyped-def]
    try:
        from evidence_pack.ui.conflicts import IncrementalChecks
    except ImportError:
        return float("nan")
    checks = IncrementalChecks()
    checks.run(pack)
    claim = pack.claims()[10]
    ops.edit_claim(claim.id, statement=claim.statement + " (edited)")
    t0 = time.perf_counter()
    checks.run(pack)
    return time.perf_counter() - t0


def _clear_caches() -> None:
    import gc

    for obj in gc.get_objects():
        clear = getattr(obj, "cache_clear", None)
        module = getattr(obj, "__module__", "") or ""
        if callable(clear) and module.startswith("evidence_pack"):
            clear()


def baseline(ref: str, claims: int) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "code.tar"
        with archive.open("wb") as out:
            subprocess.run(["git", "-C", str(_ROOT), "archive", ref], stdout=out, check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "code", filter="data")
        code = Path(tmp) / "code"
        env = {**os.environ, "PYTHONPATH": str(code)}
        script = code / "benchmarks" / "checks_speed_child.py"
        script.write_text(
            "import sys, json\n"
            f"sys.path.insert(0, {str(code)!r})\n"
            f"sys.path.insert(1, {str(Path(__file__).resolve().parent)!r})\n"
            "from checks_speed import measure\n"
            f"print(json.dumps(measure({claims})))\n",
            encoding="utf-8",
        )
        done = subprocess.run([sys.executable, str(script)], env=env, cwd=str(code),
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--baseline-ref", default=_DEFAULT_BASELINE)
    args = parser.parse_args()
    base = baseline(args.baseline_ref, args.claims)
    ours = measure(args.claims)
    print(json.dumps({
        "baseline_ref": args.baseline_ref,
        "baseline": base,
        "current": ours,
        "full_ratio": round(ours["full_s"] / base["full_s"], 2),
        "recheck_ratio": (round(ours["recheck_s"] / base["recheck_s"], 2)
                          if base["recheck_s"] == base["recheck_s"] else None),
    }, indent=2))


if __name__ == "__main__":
    main()
