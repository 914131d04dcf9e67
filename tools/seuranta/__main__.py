from seuranta.cli import main

raise SystemExit(main())
