"""Presentation filters of the plan pages: % done, bar widths, report status badges."""

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()

STATUS_BADGES = {
    "draft": "bg-light-gray",
    "submitted": "bg-light-information",
    "accepted": "bg-light-success",
    "returned": "bg-light-warning",
    "approved": "bg-light-success",
    "revised": "bg-light-primary",
    "planned": "bg-light-gray",
    "in_progress": "bg-light-primary",
    "completed": "bg-light-success",
    "suspended": "bg-light-danger",
}


@register.filter
def done(value: Any) -> str:
    """A stored % done (0–100) as '42%', or '—' when no accepted report states it."""
    if value is None or value == "":
        return "—"
    return f"{int(value)}%"


@register.filter
def bar_width(value: Any, scale: int = 1) -> str:
    """A ratio (or, with scale 100, a percentage) as a CSS width between 0 and 100."""
    if value is None or value == "":
        return "0"
    number = Decimal(str(value)) * (100 // int(scale))
    return f"{min(max(number, Decimal(0)), Decimal(100)):.1f}"


@register.filter
def badge(status: str) -> str:
    """The KRDS badge class for a plan, project or report status."""
    return STATUS_BADGES.get(status, "bg-light-gray")
