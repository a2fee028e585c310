"""Start-up: process launch to the main window showing the sample pack's sources.

Runs `evidence-pack gui PACK --exit-when-ready` (the window closes itself once the pack's
sources are listed) from source, and from the frozen build when one exists, alternating so
both see the same machine state. The first launch of each is reported on its own (cold
caches), then the median of the rest; the frozen/source ratio is the figure to watch.

    python benchmarks/startup_time.py [--frozen dist/evidence-pack/evidence-pack] [--runs 5]
    python benchmarks/startup_time.py --pack BIG.evpack     # also a big pack, from source

With --pack, the same launch on that pack (e.g. scale.py --keep's 100,000 pages) is timed
too, alternating with the sample pack, and its median is given against the sample's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from evidence_pack.demo.sample_pack import build_sample_pack


def launch(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frozen", type=Path, default=Path("dist/evidence-pack/evidence-pack"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pack", type=Path, help="also time opening this pack")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sample = build_sample_pack(Path(tmp) / "demo")
        pack = str(sample.pack.folder)
        sample.pack.close()
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp)  # settings stay in the temp dir
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        commands = {"source": [sys.executable, "-m", "evidence_pack", "gui", pack,
                               "--exit-when-ready"]}
        frozen = args.frozen if args.frozen.exists() else args.frozen.with_suffix(".exe")
        if frozen.exists():
            commands["frozen"] = [str(frozen), "gui", pack, "--exit-when-ready"]
        if args.pack:
            commands["big_pack"] = [sys.executable, "-m", "evidence_pack", "gui",
                                    str(args.pack.resolve()), "--exit-when-ready"]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(launch(command, env))
    result: dict[str, object] = {"runs": args.runs}
    for name, values in times.items():
        result[name] = {"first_s": round(values[0], 3),
                        "median_s": round(statistics.median(values[1:] or values), 3)}
    if "frozen" in times:
        result["frozen_to_source_ratio"] = round(
            statistics.median(times["frozen"][1:]) / statistics.median(times["source"][1:]), 2)
    else:
        result["frozen"] = f"not built ({args.frozen}): run scripts/build_app.sh first"
    if "big_pack" in times:
        result["big_pack_to_sample_ratio"] = round(
            statistics.median(times["big_pack"][1:] or times["big_pack"])
            / statistics.median(times["source"][1:] or times["source"]), 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
