"""FilterSets of the members app, one per model, shared by the list pages and the API."""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.filters import CouncilChoiceFilter, IdFilter, PortalFilterSet, yes_no_filter
from council.models import Council
from council.search import TextFields
from members.directory.permissions import can_see_all_contact_details
from members.models import (
    Institution,
    Membership,
    Person,
)

INSTITUTION_TEXT = TextFields(("name", "name_en", "region", "representative", "business_registration_number"))
PERSON_TEXT = TextFields(("name", "name_en", "title", "institution__name"))
# Only for those who see every e-mail address: a search must not reveal what the list hides.
PERSON_TEXT_WITH_EMAIL = TextFields((*PERSON_TEXT.fields, "email"))
MEMBERSHIP_TEXT = TextFields(("institution__name", "person__name", "position", "notes"))


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
        return INSTITUTION_TEXT.match(queryset, value)

    def filter_council(
        self, queryset: QuerySet[Institution], name: str, value: Council
    ) -> QuerySet[Institution]:
        seated = Membership.objects.filter(council=value).seated_institution_ids()
        return queryset.filter(Q(id__in=seated) | Q(registered_by=value))


class PersonFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), method="filter_council", empty_label=_("All councils"))
    institution = IdFilter(label=_("Institution"), field_name="institution_id", widget=forms.HiddenInput)
    has_account = yes_no_filter(_("Has a portal account"), method="filter_account")
    is_active = yes_no_filter(_("Active"))

    class Meta:
        model = Person
        fields = ["q", "council", "institution", "has_account", "is_active"]

    def search(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        user = getattr(self.request, "user", None)
        text = PERSON_TEXT_WITH_EMAIL if user and can_see_all_contact_details(user) else PERSON_TEXT
        return text.match(queryset, value)

    def filter_council(self, queryset: QuerySet[Person], name: str, value: Council) -> QuerySet[Person]:
        seated = Membership.objects.filter(council=value)
        return queryset.filter(
            Q(id__in=seated.values("person_id")) | Q(institution_id__in=seated.seated_institution_ids())
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
    institution = IdFilter(label=_("Institution"), field_name="institution_id", widget=forms.HiddenInput)
    person = IdFilter(label=_("Person"), field_name="person_id", widget=forms.HiddenInput)
    current = yes_no_filter(_("Term valid today"), method="filter_current")
    ending_soon = yes_no_filter(_("Term ends within 60 days"), method="filter_ending_soon")

    class Meta:
        model = Membership
        fields = ["q", "council", "role", "route", "institution_kind", "institution", "person", "current"]

    def search(self, queryset: QuerySet[Membership], name: str, value: str) -> QuerySet[Membership]:
        return MEMBERSHIP_TEXT.match(queryset, value)

    def filter_current(self, queryset: QuerySet[Membership], name: str, value: bool) -> QuerySet[Membership]:
        current = Membership.objects.current_on(timezone.localdate()).values("id")
        return queryset.filter(id__in=current) if value else queryset.exclude(id__in=current)

    def filter_ending_soon(
        self, queryset: QuerySet[Membership], name: str, value: bool
    ) -> QuerySet[Membership]:
        if not value:
            return queryset
        ending = Membership.objects.ending_within(timezone.localdate(), settings.MEMBERSHIP_ENDING_SOON_DAYS)
        return queryset.filter(id__in=ending.values("id"))
