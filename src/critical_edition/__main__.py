"""``python -m critical_edition``: the edition's command line."""

from .cli import main

raise SystemExit(main())
