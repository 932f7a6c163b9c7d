"""FilterSets of the members app, one per model, shared by the list pages and the API."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from council.filters import CouncilChoiceFilter, IdFilter, PortalFilterSet, yes_no_filter
from council.search import TextFields
from members.models import (
    BestPractice,
)
from members.submissions import drop_unusable_filters, own_institution_ids

PRACTICE_TEXT = TextFields(
    ("title", "summary", "other_partners", "institution__name"), related=("partners__name",)
)


class BestPracticeFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), empty_label=_("All councils"))
    category = django_filters.ChoiceFilter(label=_("Category"), choices=BestPractice.Category.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BestPractice.Status.choices)
    mine = yes_no_filter(_("My institution's"), method="filter_mine")
    institution = IdFilter(label=_("Institution"), method="filter_institution", widget=forms.HiddenInput)

    class Meta:
        model = BestPractice
        fields = ["q", "council", "category", "status", "mine", "institution"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drop_unusable_filters(self)

    def search(self, queryset: QuerySet[BestPractice], name: str, value: str) -> QuerySet[BestPractice]:
        return PRACTICE_TEXT.match(queryset, value)

    def filter_mine(self, queryset: QuerySet[BestPractice], name: str, value: bool) -> QuerySet[BestPractice]:
        mine = own_institution_ids(self.request)
        return (
            queryset.filter(institution_id__in=mine) if value else queryset.exclude(institution_id__in=mine)
        )

    def filter_institution(
        self, queryset: QuerySet[BestPractice], name: str, value: int
    ) -> QuerySet[BestPractice]:
        partnered = BestPractice.partners.through.objects.filter(institution_id=value).values(
            "bestpractice_id"
        )
        return queryset.filter(Q(institution_id=value) | Q(id__in=partnered))
