"""Difficulties and suggestions members raise with the council, and how the secretariat answers them."""
