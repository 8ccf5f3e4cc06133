"""``python -m generator``: the editors' commands."""

from generator.editors.cli import run

if __name__ == "__main__":  # a worker process (spawned) imports this module again
    run()
