"""Pages of the plans app, split by topic."""
