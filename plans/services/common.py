"""Helpers shared by the plan services."""

from typing import Any

from django.core.exceptions import PermissionDenied


def assign(instance: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)


def deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)
