"""Filtered, paginated list pages: one FilterSet, a full page, and its results fragment for htmx."""

from collections.abc import Iterable
from typing import Any

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from council.selectors import request_council

PER_PAGE = 25


def page_of(request: HttpRequest, items: Any, per_page: int = PER_PAGE) -> Page[Any]:
    """The page of `items` the query string's `page` asks for (the first if none or not a number,
    the last if past the end), as every list of the portal pages them."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def list_filter(
    request: HttpRequest,
    *,
    filterset_class: type[django_filters.FilterSet],
    queryset: QuerySet[Any],
    council_default: bool = True,
) -> django_filters.FilterSet:
    """Bind the FilterSet to the query string; with no `council` given, the current council is used."""
    data = request.GET.copy()
    if council_default and "council" in filterset_class.base_filters and "council" not in data:
        council = request_council(request)
        if council is not None:
            data["council"] = str(council.pk)
    return filterset_class(data=data, queryset=queryset, request=request)


def filters_applied(request: HttpRequest, names: Iterable[str]) -> int:
    """How many of the filters `names` the query string sets, for the badge on a folded filter form."""
    return sum(1 for name in names if request.GET.get(name))


def render_list(
    request: HttpRequest,
    template: str,
    *,
    filterset: django_filters.FilterSet,
    context: dict[str, Any] | None = None,
    per_page: int = PER_PAGE,
) -> HttpResponse:
    """The whole page, or only its `results` partial when htmx asks for it."""
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = page_of(request, queryset, per_page)
    full = {
        "filter": filterset,
        "filters_applied": filters_applied(request, filterset.filters),
        "page_obj": page,
        "object_list": page.object_list,
        **(context or {}),
    }
    if getattr(request, "htmx", False) and not request.htmx.boosted:  # type: ignore[attr-defined]
        return render(request, f"{template}#results", full)
    return render(request, template, full)
