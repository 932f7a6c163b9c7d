"""The member directory: institutions, people, council seats, and institution contacts."""
