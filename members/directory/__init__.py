"""The member directory: institutions, the people who work for them, and their seats on councils."""
