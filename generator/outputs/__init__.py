"""The files the site holds besides its pages: open data and its schema,
feeds, badges, QR codes, share cards; and publishing a build atomically."""
