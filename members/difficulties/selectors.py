"""Reads of difficulties and suggestions: list, thread, home panels and the figures.

The figures are counted in the database: COUNT ... GROUP BY for the status and category counts,
and medians (council.aggregates.Median) of the days to the first answer and to resolution.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from council.aggregates import DaysBetween, Median, count_of
from council.models import Council
from council.permissions import AnyUser, access_for, councils_visible_to
from members.difficulties.permissions import can_view_difficulty_figures, difficulties_visible_to
from members.models import Difficulty, DifficultyAttachment, DifficultyEvent, DifficultyQuerySet, Institution

S = Difficulty.Status


def difficulty_list(*, user: AnyUser) -> QuerySet[Difficulty]:
    """Items the user may see, newest first, with their answer count and last activity."""
    return (
        difficulties_visible_to(user)
        .select_related("council", "institution", "assignee")
        .annotate(
            answer_count=count_of(
                DifficultyEvent.objects.filter(kind=DifficultyEvent.Kind.ANSWER), "difficulty"
            ),
        )
        .order_by("-created_at", "-id")
    )


def difficulty_detail_queryset(*, user: AnyUser) -> QuerySet[Difficulty]:
    """Items for one item's page: its whole thread, the files of each entry, in a fixed number of queries."""
    return (
        difficulties_visible_to(user)
        .select_related("council", "institution", "assignee", "raised_by")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=DifficultyEvent.objects.select_related(
                    "author", "author_institution", "assignee"
                ).prefetch_related("attachments"),
            ),
            Prefetch(
                "attachments",
                queryset=DifficultyAttachment.objects.filter(event__isnull=True),
                to_attr="own_attachments",
            ),
        )
    )


def difficulties_to_triage(*, council: Council, today: date | None = None) -> QuerySet[Difficulty]:
    """Received and not yet assigned, or overdue: what the secretariat should look at first."""
    today = today or timezone.localdate()
    return (
        Difficulty.objects.filter(council=council)
        .filter(Q(status=S.RECEIVED) | DifficultyQuerySet.overdue_condition(today))
        .select_related("institution", "assignee")
        .order_by("answer_due", "created_at")
    )


def _open_for_contact(*, user: AnyUser, institution_field: str) -> QuerySet[Difficulty]:
    ids = access_for(user).contact_institution_ids
    return (
        Difficulty.objects.open()
        .filter(**{f"{institution_field}__in": ids})
        .select_related("institution", "assignee", "council")
        .order_by("-updated_at")
    )


def difficulties_raised_by_contact(*, user: AnyUser) -> QuerySet[Difficulty]:
    """Open items the user's institutions raised."""
    return _open_for_contact(user=user, institution_field="institution_id")


def difficulties_to_answer(*, user: AnyUser) -> QuerySet[Difficulty]:
    """Open items the user's institutions were asked to answer and have not answered yet."""
    return _open_for_contact(user=user, institution_field="assignee_id").exclude(status=S.ANSWERED)


@dataclass(frozen=True, slots=True)
class FigureRow:
    key: str
    label: str
    total: int
    open: int
    median_first_answer: float | None
    median_resolution: float | None


@dataclass(slots=True)
class DifficultyFigures:
    council: Council
    by_status: list[dict[str, Any]] = field(default_factory=list)
    by_category: list[FigureRow] = field(default_factory=list)
    by_institution_kind: list[FigureRow] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)


def _measures(today: date) -> dict[str, Any]:
    return {
        "total": Count("id"),
        "open": Count("id", filter=DifficultyQuerySet.open_condition()),
        "overdue": Count("id", filter=DifficultyQuerySet.overdue_condition(today)),
        "median_first_answer": Median(DaysBetween("first_answered_at", "created_at")),
        # Only items resolved (not merely closed) count towards the time to resolution.
        "median_resolution": Median(
            Case(When(status=S.RESOLVED, then=DaysBetween("closed_at", "created_at")))
        ),
    }


def _grouped(
    queryset: QuerySet[Difficulty], field_name: str, choices: Sequence[tuple[str, Any]], today: date
) -> list[FigureRow]:
    found = {
        row[field_name]: row for row in queryset.values(field_name).annotate(**_measures(today)).order_by()
    }
    rows = []
    for key, label in choices:
        row = found.get(key)
        if row is None:
            continue
        rows.append(
            FigureRow(
                key=key,
                label=str(label),
                total=row["total"],
                open=row["open"],
                median_first_answer=row["median_first_answer"],
                median_resolution=row["median_resolution"],
            )
        )
    return rows


def difficulty_figures_council(*, user: AnyUser, pk: int | None, default: Council | None = None) -> Council:
    """The council whose figures the user asked for by id, or `default` when they named none.

    A council they cannot see is a 404 and one whose figures they may not read a 403, on pages and API alike.
    """
    council = default if pk is None else get_object_or_404(councils_visible_to(user), pk=pk)
    if council is None or not can_view_difficulty_figures(user, council):
        raise PermissionDenied
    return council


def difficulty_figures(*, council: Council, today: date | None = None) -> DifficultyFigures:
    """Counts by status; open items and medians by category and by the raising institution's kind."""
    today = today or timezone.localdate()
    items = Difficulty.objects.filter(council=council)
    counts = dict(items.values_list("status").annotate(total=Count("id")).order_by())
    figures = DifficultyFigures(council=council)
    figures.by_status = [
        {
            "key": key,
            "label": str(label),
            "count": counts.get(key, 0),
            "open": key in Difficulty.OPEN_STATUSES,
        }
        for key, label in S.choices
    ]
    figures.totals = items.aggregate(**_measures(today))
    figures.by_category = _grouped(items, "category", Difficulty.Category.choices, today)
    figures.by_institution_kind = _grouped(items, "institution__kind", Institution.Kind.choices, today)
    return figures
