"""FilterSets of the members app, one per model, shared by the list pages and the API."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.filters import CouncilChoiceFilter, DateFilter, IdFilter, PortalFilterSet, yes_no_filter
from council.search import TextFields
from council.web.forms import DateInput
from members.models import (
    Agreement,
    AgreementArea,
    AgreementQuerySet,
)

AGREEMENT_TEXT = TextFields(("title", "summary", "signed_place"), related=("parties__name",))


class AgreementFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), empty_label=_("All councils"))
    area = django_filters.ChoiceFilter(
        label=_("Cooperation area"), choices=Agreement.Area.choices, method="filter_area"
    )
    in_force = yes_no_filter(_("In force today"), method="filter_in_force")
    signed_after = DateFilter(
        label=_("Signed on or after"), field_name="signed_on", lookup_expr="gte", widget=DateInput()
    )
    party = IdFilter(label=_("Party"), method="filter_party", widget=forms.HiddenInput)

    class Meta:
        model = Agreement
        fields = ["q", "council", "area", "in_force", "signed_after", "party"]

    def search(self, queryset: QuerySet[Agreement], name: str, value: str) -> QuerySet[Agreement]:
        return AGREEMENT_TEXT.match(queryset, value)

    def filter_area(self, queryset: QuerySet[Agreement], name: str, value: str) -> QuerySet[Agreement]:
        return queryset.filter(id__in=AgreementArea.objects.filter(area=value).values("agreement_id"))

    def filter_in_force(self, queryset: QuerySet[Agreement], name: str, value: bool) -> QuerySet[Agreement]:
        in_force = AgreementQuerySet.in_force_condition(timezone.localdate())
        return queryset.filter(in_force) if value else queryset.exclude(in_force)

    def filter_party(self, queryset: QuerySet[Agreement], name: str, value: int) -> QuerySet[Agreement]:
        parties = Agreement.parties.through.objects.filter(institution_id=value).values("agreement_id")
        return queryset.filter(id__in=parties)
