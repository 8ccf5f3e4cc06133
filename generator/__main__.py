"""``python -m generator``: the editors' commands."""

import sys

from generator.editors.cli import main

sys.exit(main())
