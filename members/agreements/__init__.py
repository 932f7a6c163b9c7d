"""Agreements signed between councils and member institutions, with their renewal dates."""
