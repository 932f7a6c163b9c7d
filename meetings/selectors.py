"""Reads of the meetings app, with their joins and counts, shared by pages, API, notices and exports."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from council.aggregates import count_of
from council.permissions import AnyUser
from meetings.models import ActionItem, AgendaDocument, AgendaItem, Invitation, Meeting, Minutes
from meetings.permissions import actions_visible_to, agenda_items_visible_to, meetings_visible_to
from members.difficulties.permissions import difficulties_visible_to
from members.models import Institution, Membership, Person
from members.practices.permissions import best_practices_visible_to


def council_people(council_id: int) -> QuerySet[Person]:
    """People who may chair or present: seat holders and the people of seated institutions."""
    seated = Membership.objects.filter(council_id=council_id)
    return Person.objects.filter(
        Q(id__in=seated.values("person_id"))
        | Q(institution_id__in=seated.values("institution_id"), is_active=True)
    ).select_related("institution")


def council_institutions(council_id: int) -> QuerySet[Institution]:
    """Institutions seated on the council: presenters, and those follow-up actions are assigned to."""
    seated = Membership.objects.filter(council_id=council_id).values("institution_id")
    return Institution.objects.filter(id__in=seated).order_by("name")


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
    return (
        meetings_visible_to(user)
        .select_related("council", "chair", "chair__institution", "copied_from")
        .get(pk=pk)
    )


def with_submission_links(items: QuerySet[AgendaItem], *, user: AnyUser) -> QuerySet[AgendaItem]:
    """Mark whether the user may open each item's best practice (`shows_best_practice`) and difficulty
    (`shows_difficulty`): a link to a submission is shown only to those who may see it."""
    return items.annotate(
        shows_best_practice=Exists(best_practices_visible_to(user).filter(pk=OuterRef("best_practice_id"))),
        shows_difficulty=Exists(difficulties_visible_to(user).filter(pk=OuterRef("difficulty_id"))),
    )


def meeting_agenda(*, user: AnyUser, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The meeting's agenda as this user sees it, in order, with presenters, documents and links."""
    items = (
        agenda_items_visible_to(user)
        .filter(meeting=meeting)
        .select_related("presenter_person", "presenter_institution")
        .prefetch_related(
            Prefetch("documents", queryset=AgendaDocument.objects.order_by("uploaded_at", "id"))
        )
        .order_by("order", "id")
    )
    return with_submission_links(items, user=user)


def minutes_to_approve_at(meeting: Meeting) -> Meeting | None:
    """The meeting whose minutes this one should approve: the council's last meeting held before it,
    if its minutes still wait for approval and no other meeting of the council has them on its agenda."""
    previous = (
        Meeting.objects.filter(
            council_id=meeting.council_id,
            starts_at__lt=meeting.starts_at,
            status__in=Meeting.HELD_STATUSES,
        )
        .order_by("-starts_at")
        .first()
    )
    if previous is None or previous.status != Meeting.Status.HELD:
        return None
    elsewhere = (
        AgendaItem.objects.filter(approves_minutes_of=previous)
        .exclude(meeting=meeting)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
    )
    return None if elsewhere.exists() else previous


def meeting_invitations(*, meeting: Meeting) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(meeting=meeting)
        .select_related("institution", "person", "membership")
        .order_by("is_guest", "-counts_for_quorum", "name", "id")
    )


@dataclass(frozen=True, slots=True)
class Quorum:
    """The council's voting members whose term is valid on the meeting day (invited or not), how many
    must attend (a majority, unless the meeting sets its own), how many did, and the answers so far."""

    members: int
    required: int
    set_for_meeting: bool
    present: int
    accepted: int
    declined: int
    pending: int

    @property
    def is_met(self) -> bool:
        return self.present >= self.required > 0


def meeting_quorum(*, meeting: Meeting) -> Quorum:
    """Counted in two queries. The members are the council's voting seats on the meeting day, so
    inviting only part of the council does not lower the quorum."""
    day = timezone.localtime(meeting.starts_at).date()
    members = (
        Membership.objects.filter(council_id=meeting.council_id, role__in=Membership.VOTING_ROLES)
        .current_on(day)
        .count()
    )
    voting = Q(counts_for_quorum=True)
    counts = Invitation.objects.filter(meeting=meeting).aggregate(
        present=Count("id", filter=voting & Q(attended=True)),
        accepted=Count(
            "id", filter=Q(response__in=[Invitation.Response.ACCEPTED, Invitation.Response.PROXY])
        ),
        declined=Count("id", filter=Q(response=Invitation.Response.DECLINED)),
        pending=Count("id", filter=Q(response=Invitation.Response.PENDING)),
    )
    required = meeting.quorum_override or (members // 2 + 1 if members else 0)
    return Quorum(members=members, required=required, set_for_meeting=bool(meeting.quorum_override), **counts)


def printed_agenda(*, meeting: Meeting) -> list[AgendaItem]:
    """The items that leave the secretariat, in order, with presenters and documents: what the agenda
    pack and the minutes print, as PDF and HWPX."""
    return list(
        meeting.agenda_items.shared()
        .select_related("presenter_person", "presenter_institution")
        .prefetch_related("documents")
        .order_by("order", "id")
    )


def agenda_minutes_total(*, items: QuerySet[AgendaItem]) -> int:
    """Minutes allotted to the given items, summed in the database."""
    return int(items.order_by().aggregate(total=Coalesce(Sum("minutes_allotted"), 0))["total"])


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
            meeting__status__in=Meeting.HELD_STATUSES,
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
    items = agenda_items_visible_to(user).select_related("meeting", "meeting__council")
    if best_practice_id is not None:
        items = items.filter(best_practice_id=best_practice_id)
    if difficulty_id is not None:
        items = items.filter(difficulty_id=difficulty_id)
    return list(items.order_by("meeting__starts_at"))
