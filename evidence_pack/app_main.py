"""Entry point of the windowed desktop build ("Evidence Pack" without a console window)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # the parser worker starts by re-running this executable
    multiprocessing.freeze_support()
    from evidence_pack.cli import main

    raise SystemExit(main(["gui", *sys.argv[1:2]]))
