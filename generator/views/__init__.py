"""What pages show, derived from the checked content: the catalog, the
site's settings, URLs, formats, statistics, citations and the spec of every page."""
