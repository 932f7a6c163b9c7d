"""Pages of the member directory, split by topic."""
