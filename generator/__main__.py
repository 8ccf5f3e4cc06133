"""``python -m generator``: the editors' commands."""

import sys

from .cli import main

sys.exit(main())
