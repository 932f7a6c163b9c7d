"""FilterSets of the members app, one per model, shared by the list pages and the API."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.filters import CouncilChoiceFilter, IdFilter, PortalFilterSet, yes_no_filter
from council.search import TextFields
from members.models import (
    Difficulty,
    DifficultyQuerySet,
)
from members.submissions import drop_unusable_filters, own_institution_ids

DIFFICULTY_TEXT = TextFields(("title", "description", "institution__name", "assignee__name"))


class DifficultyFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), empty_label=_("All councils"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Difficulty.Kind.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Difficulty.Category.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Difficulty.Status.choices)
    open = yes_no_filter(_("Still open"), method="filter_open")
    overdue = yes_no_filter(_("Answer overdue"), method="filter_overdue")
    mine = yes_no_filter(_("Raised by or assigned to my institution"), method="filter_mine")
    institution = IdFilter(label=_("Institution"), field_name="institution_id", widget=forms.HiddenInput)
    assignee = IdFilter(
        label=_("Responsible institution"), field_name="assignee_id", widget=forms.HiddenInput
    )

    class Meta:
        model = Difficulty
        fields = [
            "q",
            "council",
            "kind",
            "category",
            "status",
            "open",
            "overdue",
            "mine",
            "institution",
            "assignee",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drop_unusable_filters(self, status=False)

    def search(self, queryset: QuerySet[Difficulty], name: str, value: str) -> QuerySet[Difficulty]:
        return DIFFICULTY_TEXT.match(queryset, value)

    def filter_open(self, queryset: QuerySet[Difficulty], name: str, value: bool) -> QuerySet[Difficulty]:
        still_open = DifficultyQuerySet.open_condition()
        return queryset.filter(still_open) if value else queryset.exclude(still_open)

    def filter_overdue(self, queryset: QuerySet[Difficulty], name: str, value: bool) -> QuerySet[Difficulty]:
        overdue = DifficultyQuerySet.overdue_condition(timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_mine(self, queryset: QuerySet[Difficulty], name: str, value: bool) -> QuerySet[Difficulty]:
        mine = own_institution_ids(self.request)
        condition = Q(institution_id__in=mine) | Q(assignee_id__in=mine)
        return queryset.filter(condition) if value else queryset.exclude(condition)
