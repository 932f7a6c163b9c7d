"""FilterSets for the member directory, shared by the list pages and the API."""

from datetime import timedelta

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.filters import PortalFilterSet, yes_no_filter
from council.models import Council
from members.models import Institution, Membership, Person


class CouncilChoiceFilter(django_filters.ModelChoiceFilter):
    """Councils offered are those the requesting user may read."""

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        from council.permissions import councils_visible_to

        if request is None:
            return Council.objects.none()
        return councils_visible_to(request.user).order_by("name")


class InstitutionFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), method="filter_council", empty_label=_("All councils"))
    kind = django_filters.ChoiceFilter(label=_("Institution kind"), choices=Institution.Kind.choices)
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Institution.Sector.choices)
    region = django_filters.CharFilter(label=_("Region"), lookup_expr="icontains")
    is_active = yes_no_filter(_("Active"))

    class Meta:
        model = Institution
        fields = ["q", "council", "kind", "sector", "region", "is_active"]

    def search(self, queryset: QuerySet[Institution], name: str, value: str) -> QuerySet[Institution]:
        return queryset.filter(
            Q(name__icontains=value)
            | Q(name_en__icontains=value)
            | Q(region__icontains=value)
            | Q(representative__icontains=value)
            | Q(business_registration_number__icontains=value)
        )

    def filter_council(
        self, queryset: QuerySet[Institution], name: str, value: Council
    ) -> QuerySet[Institution]:
        seated = Membership.objects.filter(council=value, institution__isnull=False).values("institution_id")
        return queryset.filter(Q(id__in=seated) | Q(registered_by=value))


class PersonFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), method="filter_council", empty_label=_("All councils"))
    institution = django_filters.NumberFilter(
        label=_("Institution"), field_name="institution_id", widget=forms.HiddenInput
    )
    has_account = yes_no_filter(_("Has a portal account"), method="filter_account")
    is_active = yes_no_filter(_("Active"))

    class Meta:
        model = Person
        fields = ["q", "council", "institution", "has_account", "is_active"]

    def search(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return queryset.filter(
            Q(name__icontains=value)
            | Q(name_en__icontains=value)
            | Q(title__icontains=value)
            | Q(email__icontains=value)
            | Q(institution__name__icontains=value)
        )

    def filter_council(self, queryset: QuerySet[Person], name: str, value: Council) -> QuerySet[Person]:
        seated = Membership.objects.filter(council=value)
        return queryset.filter(
            Q(id__in=seated.values("person_id"))
            | Q(institution_id__in=seated.filter(institution__isnull=False).values("institution_id"))
        )

    def filter_account(self, queryset: QuerySet[Person], name: str, value: bool) -> QuerySet[Person]:
        return queryset.filter(user__isnull=not value)


class MembershipFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), empty_label=_("All councils"))
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Membership.Role.choices)
    route = django_filters.ChoiceFilter(label=_("Appointment route"), choices=Membership.Route.choices)
    institution_kind = django_filters.ChoiceFilter(
        label=_("Institution kind"), field_name="institution__kind", choices=Institution.Kind.choices
    )
    institution = django_filters.NumberFilter(
        label=_("Institution"), field_name="institution_id", widget=forms.HiddenInput
    )
    person = django_filters.NumberFilter(label=_("Person"), field_name="person_id", widget=forms.HiddenInput)
    current = yes_no_filter(_("Term valid today"), method="filter_current")
    ending_soon = yes_no_filter(_("Term ends within 60 days"), method="filter_ending_soon")

    class Meta:
        model = Membership
        fields = ["q", "council", "role", "route", "institution_kind", "institution", "person", "current"]

    def search(self, queryset: QuerySet[Membership], name: str, value: str) -> QuerySet[Membership]:
        return queryset.filter(
            Q(institution__name__icontains=value)
            | Q(person__name__icontains=value)
            | Q(position__icontains=value)
            | Q(notes__icontains=value)
        )

    def filter_current(self, queryset: QuerySet[Membership], name: str, value: bool) -> QuerySet[Membership]:
        current = Membership.objects.current_on(timezone.localdate()).values("id")
        return queryset.filter(id__in=current) if value else queryset.exclude(id__in=current)

    def filter_ending_soon(
        self, queryset: QuerySet[Membership], name: str, value: bool
    ) -> QuerySet[Membership]:
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.filter(
            term_end__gte=today, term_end__lte=today + timedelta(days=settings.MEMBERSHIP_ENDING_SOON_DAYS)
        )
