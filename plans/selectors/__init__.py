"""Reads of the plans app, reused by pages, API and exports: budgets and progress aggregated in SQL,
lists and details with their joins, and the links between projects and meetings."""
