"""FilterSets of the members app, one per model, shared by the list pages and the API."""

from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.filters import CouncilChoiceFilter, DateFilter, IdFilter, PortalFilterSet, yes_no_filter
from council.forms import DateInput
from council.models import Council
from council.permissions import ANONYMOUS_ACCESS, access_for
from council.search import TextFields
from members.models import (
    Agreement,
    AgreementArea,
    AgreementQuerySet,
    BestPractice,
    Difficulty,
    DifficultyQuerySet,
    Institution,
    Membership,
    Person,
)
from members.permissions import can_see_all_contact_details

INSTITUTION_TEXT = TextFields(("name", "name_en", "region", "representative", "business_registration_number"))
PERSON_TEXT = TextFields(("name", "name_en", "title", "institution__name"))
# Only for those who see every e-mail address: a search must not reveal what the list hides.
PERSON_TEXT_WITH_EMAIL = TextFields((*PERSON_TEXT.fields, "email"))
MEMBERSHIP_TEXT = TextFields(("institution__name", "person__name", "position", "notes"))
PRACTICE_TEXT = TextFields(
    ("title", "summary", "other_partners", "institution__name"), related=("partners__name",)
)
DIFFICULTY_TEXT = TextFields(("title", "description", "institution__name", "assignee__name"))
AGREEMENT_TEXT = TextFields(("title", "summary", "signed_place"), related=("parties__name",))


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


# Member submissions


def _mine(request: Any) -> frozenset[int]:
    return access_for(request.user).contact_institution_ids if request is not None else frozenset()


def _drop_unusable(filterset: PortalFilterSet, *, status: bool = True) -> None:
    """Leave out filters that cannot narrow anything for this user (visitors see published items only)."""
    access = access_for(filterset.request.user) if filterset.request is not None else ANONYMOUS_ACCESS
    if not access.contact_institution_ids:
        filterset.filters.pop("mine", None)
    if status and not access.is_authenticated:
        filterset.filters.pop("status", None)


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
        _drop_unusable(self)

    def search(self, queryset: QuerySet[BestPractice], name: str, value: str) -> QuerySet[BestPractice]:
        return PRACTICE_TEXT.match(queryset, value)

    def filter_mine(self, queryset: QuerySet[BestPractice], name: str, value: bool) -> QuerySet[BestPractice]:
        mine = _mine(self.request)
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
        _drop_unusable(self, status=False)

    def search(self, queryset: QuerySet[Difficulty], name: str, value: str) -> QuerySet[Difficulty]:
        return DIFFICULTY_TEXT.match(queryset, value)

    def filter_open(self, queryset: QuerySet[Difficulty], name: str, value: bool) -> QuerySet[Difficulty]:
        still_open = DifficultyQuerySet.open_condition()
        return queryset.filter(still_open) if value else queryset.exclude(still_open)

    def filter_overdue(self, queryset: QuerySet[Difficulty], name: str, value: bool) -> QuerySet[Difficulty]:
        overdue = DifficultyQuerySet.overdue_condition(timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_mine(self, queryset: QuerySet[Difficulty], name: str, value: bool) -> QuerySet[Difficulty]:
        mine = _mine(self.request)
        condition = Q(institution_id__in=mine) | Q(assignee_id__in=mine)
        return queryset.filter(condition) if value else queryset.exclude(condition)


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
