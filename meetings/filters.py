"""FilterSets for meetings and actions, shared by the list pages and the API."""

import django_filters
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.filters import (
    CouncilChoiceFilter,
    DateTimeFilter,
    IdFilter,
    PortalFilterSet,
    YearFilter,
    yes_no_filter,
)
from council.search import TextFields
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting
from meetings.models.actions import ActionItemQuerySet
from meetings.models.meetings import MeetingQuerySet

# What the `q` of a list and the portal-wide search match, so "see all" lists what search found.
# Agenda titles count only for items that leave the secretariat.
MEETING_TEXT = TextFields(
    ("title", "venue", "description"),
    related=("agenda_items__title",),
    related_scope=Q(agenda_items__in=AgendaItem.objects.shared()),
)
ACTION_TEXT = TextFields(("title", "assignee__name"))


def _yes_or_no[M: Model](queryset: QuerySet[M], matching: QuerySet[M], value: bool) -> QuerySet[M]:
    """A yes/no filter keeps the rows the model's rule selects, or every other row."""
    return matching if value else queryset.exclude(pk__in=matching.values("pk"))


class MeetingFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), empty_label=_("All councils"))
    year = YearFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Meeting.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Meeting.Kind.choices)
    upcoming = yes_no_filter(_("Upcoming"), method="filter_upcoming")
    starts_after = DateTimeFilter(field_name="starts_at", lookup_expr="gte", label=_("Starts after"))
    starts_before = DateTimeFilter(field_name="starts_at", lookup_expr="lt", label=_("Starts before"))

    class Meta:
        model = Meeting
        fields = ["q", "council", "year", "status", "kind", "upcoming"]

    def search(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        return MEETING_TEXT.match(queryset, value)

    def filter_upcoming(self, queryset: MeetingQuerySet, name: str, value: bool) -> QuerySet[Meeting]:
        return _yes_or_no(queryset, queryset.upcoming(timezone.now()), value)


class AgendaItemFilter(PortalFilterSet):
    meeting = IdFilter(label=_("Meeting"), field_name="meeting_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AgendaItem.Kind.choices)
    decision = django_filters.ChoiceFilter(label=_("Decision"), choices=AgendaItem.Decision.choices)

    class Meta:
        model = AgendaItem
        fields = ["meeting", "kind", "decision"]


class InvitationFilter(PortalFilterSet):
    meeting = IdFilter(label=_("Meeting"), field_name="meeting_id")
    response = django_filters.ChoiceFilter(label=_("Answer"), choices=Invitation.Response.choices)
    attended = yes_no_filter(_("Attended"))
    is_guest = yes_no_filter(_("Guest"))

    class Meta:
        model = Invitation
        fields = ["meeting", "response", "attended", "is_guest"]


class ActionFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    council = CouncilChoiceFilter(label=_("Council"), empty_label=_("All councils"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionItem.Status.choices)
    meeting = IdFilter(label=_("Meeting"), field_name="meeting_id")
    assignee = IdFilter(label=_("Responsible institution"), field_name="assignee_id")
    overdue = yes_no_filter(_("Overdue"), method="filter_overdue")
    open = yes_no_filter(_("Open"), method="filter_open")

    class Meta:
        model = ActionItem
        fields = ["q", "council", "status", "meeting", "assignee", "overdue", "open"]

    def search(self, queryset: QuerySet[ActionItem], name: str, value: str) -> QuerySet[ActionItem]:
        return ACTION_TEXT.match(queryset, value)

    def filter_overdue(self, queryset: ActionItemQuerySet, name: str, value: bool) -> QuerySet[ActionItem]:
        return _yes_or_no(queryset, queryset.overdue(timezone.localdate()), value)

    def filter_open(self, queryset: ActionItemQuerySet, name: str, value: bool) -> QuerySet[ActionItem]:
        return _yes_or_no(queryset, queryset.open(), value)
