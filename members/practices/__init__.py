"""Best practices: what member institutions did well, written, reviewed by the secretariat and published."""
