from evidence_pack.cli import main

raise SystemExit(main())
