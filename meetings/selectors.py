"""Reads of the meetings app, with their joins and counts, shared by pages, API, notices and exports."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from council.permissions import AnyUser
from meetings.models import ActionItem, AgendaDocument, AgendaItem, Invitation, Meeting, Minutes
from meetings.permissions import actions_visible_to, meetings_visible_to
from members.selectors.common import count_of


def meeting_list(*, user: AnyUser) -> QuerySet[Meeting]:
    """Meetings the user may see, with agenda size and answers counted in the database."""
    return (
        meetings_visible_to(user)
        .select_related("council", "chair")
        .annotate(
            # Each counted in its own subquery: joining items and invitations at once multiplies rows.
            item_count=count_of(AgendaItem.objects.all(), "meeting"),
            invited_count=count_of(Invitation.objects.all(), "meeting"),
            accepted_count=count_of(
                Invitation.objects.filter(
                    response__in=[Invitation.Response.ACCEPTED, Invitation.Response.PROXY]
                ),
                "meeting",
            ),
        )
        .order_by("-starts_at")
    )


def meeting_detail(*, user: AnyUser, pk: int) -> Meeting:
    items = AgendaItem.objects.select_related("presenter_person", "presenter_institution").prefetch_related(
        Prefetch("documents", queryset=AgendaDocument.objects.order_by("uploaded_at", "id"))
    )
    return (
        meetings_visible_to(user)
        .select_related("council", "chair", "chair__institution", "copied_from")
        .prefetch_related(Prefetch("agenda_items", queryset=items.order_by("order", "id")))
        .get(pk=pk)
    )


def meeting_previous(meeting: Meeting) -> Meeting | None:
    """The council's last meeting held before this one (whose minutes this one may approve)."""
    return (
        Meeting.objects.filter(
            council_id=meeting.council_id,
            starts_at__lt=meeting.starts_at,
            status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED],
        )
        .order_by("-starts_at")
        .first()
    )


def meeting_invitations(*, meeting: Meeting) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(meeting=meeting)
        .select_related("institution", "person", "membership")
        .order_by("is_guest", "-counts_for_quorum", "name", "id")
    )


@dataclass(frozen=True, slots=True)
class Quorum:
    """Members whose term is valid on the meeting date, how many must attend, how many did."""

    members: int
    required: int
    present: int
    accepted: int
    declined: int
    pending: int

    @property
    def is_met(self) -> bool:
        return self.present >= self.required > 0


def meeting_quorum(*, meeting: Meeting) -> Quorum:
    """Counted in one query: a majority of voting members unless the meeting sets its own quorum."""
    voting = Q(counts_for_quorum=True)
    counts = Invitation.objects.filter(meeting=meeting).aggregate(
        members=Count("id", filter=voting),
        present=Count("id", filter=voting & Q(attended=True)),
        accepted=Count(
            "id", filter=Q(response__in=[Invitation.Response.ACCEPTED, Invitation.Response.PROXY])
        ),
        declined=Count("id", filter=Q(response=Invitation.Response.DECLINED)),
        pending=Count("id", filter=Q(response=Invitation.Response.PENDING)),
    )
    required = meeting.quorum_override or (counts["members"] // 2 + 1 if counts["members"] else 0)
    return Quorum(required=required, **counts)


def agenda_minutes_total(*, meeting: Meeting) -> int:
    return int(meeting.agenda_items.aggregate(total=Coalesce(Sum("minutes_allotted"), 0))["total"])


def meeting_duration_minutes(meeting: Meeting) -> int:
    return int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)


def meeting_actions(*, meeting: Meeting) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(meeting=meeting)
        .select_related("assignee", "agenda_item")
        .order_by("due_on", "id")
    )


def matters_arising(*, meeting: Meeting) -> QuerySet[ActionItem]:
    """Open actions of the council decided at earlier meetings: reviewed at the start of this one."""
    return (
        ActionItem.objects.open()
        .filter(council_id=meeting.council_id, meeting__starts_at__lt=meeting.starts_at)
        .select_related("assignee", "meeting")
        .order_by("due_on", "id")
    )


def action_list(*, user: AnyUser) -> QuerySet[ActionItem]:
    return (
        actions_visible_to(user)
        .select_related("council", "meeting", "assignee", "agenda_item")
        .order_by("status", "due_on", "id")
    )


def upcoming_meetings(*, user: AnyUser, council_id: int | None = None, limit: int = 5) -> list[Meeting]:
    meetings = meetings_visible_to(user).upcoming(timezone.now())
    if council_id is not None:
        meetings = meetings.filter(council_id=council_id)
    return list(meetings.select_related("council").order_by("starts_at")[:limit])


def attendance_history(*, institution_id: int, user: AnyUser, limit: int = 20) -> list[Invitation]:
    """An institution's invitations to held meetings the user may see, newest first."""
    return list(
        Invitation.objects.filter(
            institution_id=institution_id,
            meeting__in=meetings_visible_to(user),
            meeting__status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED],
        )
        .select_related("meeting", "meeting__council")
        .order_by("-meeting__starts_at")[:limit]
    )


def minutes_versions(*, minutes: Minutes) -> QuerySet[Minutes]:
    return minutes.history.select_related("history_user").order_by("-history_date")


def actions_due(*, on: date) -> QuerySet[ActionItem]:
    """Open actions due exactly in three days from `on`, for the daily reminder."""
    return ActionItem.objects.open().filter(due_on=on + timedelta(days=3))


def actions_overdue(*, on: date) -> QuerySet[ActionItem]:
    return ActionItem.objects.overdue(on)


def vote_tally(*, meeting: Meeting) -> dict[int, dict[str, int]]:
    """Votes of a written resolution per agenda item and choice, counted in the database."""
    from meetings.models import Vote

    tally: dict[int, dict[str, int]] = {}
    rows = (
        Vote.objects.filter(agenda_item__meeting=meeting)
        .values_list("agenda_item_id", "choice")
        .annotate(total=Count("id"))
        .order_by()
    )
    for item_id, choice, total in rows:
        tally.setdefault(item_id, {})[choice] = total
    return tally


def meetings_open_for_agenda(*, council_id: int) -> QuerySet[Meeting]:
    """The council's coming meetings whose agenda can still change, soonest first."""
    return Meeting.objects.upcoming(timezone.now()).filter(council_id=council_id).order_by("starts_at")


def agenda_items_linked(
    *, user: AnyUser, best_practice_id: int | None = None, difficulty_id: int | None = None
) -> list[AgendaItem]:
    """Agenda items (of meetings the user may see) that present a best practice or discuss a difficulty."""
    from meetings.permissions import agenda_items_visible_to

    items = agenda_items_visible_to(user).select_related("meeting", "meeting__council")
    if best_practice_id is not None:
        items = items.filter(best_practice_id=best_practice_id)
    if difficulty_id is not None:
        items = items.filter(difficulty_id=difficulty_id)
    return list(items.order_by("meeting__starts_at"))
