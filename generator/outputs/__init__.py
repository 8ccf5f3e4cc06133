"""The files the site holds besides its pages: open data and its schema,
feeds, badges, QR codes, share cards; what the markers of hand-written
pages stand for; and publishing a build atomically."""
