"""践诺: the pledge-tracking site generator (MkDocs plugin and editors' CLI)."""
