import multiprocessing

from evidence_pack.cli import main

if __name__ == "__main__":
    # a frozen build starts the parser worker by re-running this executable
    multiprocessing.freeze_support()
    raise SystemExit(main())
