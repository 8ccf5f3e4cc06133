"""The editors' commands: check, publish, new, import, update, and what they
need (the site folder, the importer and its pledge candidates, the scaffold,
appending progress)."""
