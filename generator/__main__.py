"""``python -m generator``: the editors' commands."""

import sys

from generator.editors.cli import main

if __name__ == "__main__":  # a worker process (spawned) imports this module again
    sys.exit(main())
