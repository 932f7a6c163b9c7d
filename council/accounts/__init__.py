"""Accounts: how people log in."""
