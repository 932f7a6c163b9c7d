"""Who may see or change meetings, invitations, minutes and follow-up actions.

- Site administrators: everything.
- Secretariat staff of the council (or of its parent): everything about its meetings.
- City officials of the council: read everything, including drafts of minutes; change nothing.
- Institution contacts: the meetings of councils their institution sits on, once announced, and any
  meeting they are invited to. They answer their own invitation (never another's), vote on written
  resolutions, comment on circulated minutes, and update the actions assigned to their institution.
- Visitors: announced and held meetings of a published council, without documents, invitees or minutes.
- An agenda item marked secretariat only is seen by the council's secretariat alone, and a link from
  an item to a best practice or a difficulty is shown only to those who may see that submission.
Outside what a user may see is a 404; seen but not allowed is a 403.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from council.models import Council
from council.permissions import Access, AnyUser, access_for
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting, Minutes
from meetings.models.actions import ActionItemQuerySet
from meetings.models.agenda import AgendaItemQuerySet
from meetings.models.invitations import InvitationQuerySet
from meetings.models.meetings import MeetingQuerySet

PUBLIC_STATUSES = [Meeting.Status.ANNOUNCED, Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED]
MEMBER_STATUSES = [*PUBLIC_STATUSES, Meeting.Status.CANCELLED]


def _answered_by(access: Access) -> Q:
    """Invitations the user answers in person: their own, or their institution's (a seat or a guest)."""
    if not access.is_authenticated:
        return Q(pk__in=[])  # a missing user id must not match the invitations of people without one
    return Q(person__user_id=access.user_id) | Q(institution_id__in=access.contact_institution_ids)


def _meetings_invited_to(access: Access) -> QuerySet[Invitation, Any]:
    """The ids of the meetings the user is invited to, for an `id__in` condition."""
    return Invitation.objects.filter(_answered_by(access)).values("meeting_id")


def meetings_visible_to(user: AnyUser) -> MeetingQuerySet:
    access = access_for(user)
    meetings = Meeting.objects.all()
    if access.is_site_admin:
        return meetings
    public = Q(council__is_public=True, council__is_active=True, status__in=PUBLIC_STATUSES)
    if not access.is_authenticated:
        return meetings.filter(public)
    overseen = access.staff_council_ids | access.official_council_ids
    return meetings.filter(
        public
        | Q(council_id__in=overseen)
        | Q(council_id__in=access.seat_council_ids, status__in=MEMBER_STATUSES)
        | Q(id__in=_meetings_invited_to(access), status__in=MEMBER_STATUSES)
    )


def meetings_in_public_calendar(council: Council) -> MeetingQuerySet:
    """A published council's calendar feed: the meetings visitors see, and those announced and since
    cancelled, so subscribed calendars drop them."""
    public = meetings_visible_to(AnonymousUser()).filter(council=council)
    withdrawn = Meeting.objects.filter(
        council=council,
        council__is_public=True,
        council__is_active=True,
        status=Meeting.Status.CANCELLED,
        announced_at__isnull=False,
    )
    return public | withdrawn


def can_create_meeting(user: AnyUser, council_id: int) -> bool:
    return access_for(user).manages(council_id)


def can_propose_for_agenda(user: AnyUser, council_id: int) -> bool:
    """Put a best practice or a difficulty on one of the council's coming meetings: its secretariat."""
    return access_for(user).manages(council_id)


def can_manage_meeting(user: AnyUser, meeting: Meeting) -> bool:
    """Edit, build the agenda, invite, announce, take attendance, record decisions, write minutes."""
    return access_for(user).manages(meeting.council_id)


@dataclass(frozen=True, slots=True)
class MeetingAbilities:
    """What the user may do on a meeting now: its page shows exactly these buttons and forms.

    The role comes from the rules here; the state (announced yet, begun, held) from the meeting's
    own properties, which the services check too, so a page never offers what a service refuses.
    """

    manage: bool = False
    edit: bool = False
    build_agenda: bool = False
    invite: bool = False
    remove_invitees: bool = False
    announce: bool = False
    hold: bool = False
    cancel: bool = False
    take_attendance: bool = False
    decide: bool = False
    record_actions: bool = False
    write_minutes: bool = False
    see_details: bool = False
    see_invitees: bool = False


def meeting_abilities(user: AnyUser, meeting: Meeting) -> MeetingAbilities:
    details = can_see_meeting_details(user, meeting)
    invitees = can_see_invitees(user, meeting)
    if not can_manage_meeting(user, meeting):
        return MeetingAbilities(see_details=details, see_invitees=invitees)
    open_ = meeting.is_editable
    return MeetingAbilities(
        manage=True,
        edit=open_,
        build_agenda=open_,
        invite=open_,
        remove_invitees=meeting.status == Meeting.Status.PLANNED,
        announce=meeting.can_be_announced,
        hold=meeting.can_be_held,
        cancel=open_,
        take_attendance=meeting.records_outcomes and not meeting.is_written,
        decide=meeting.records_outcomes,
        record_actions=meeting.takes_follow_up_actions,
        write_minutes=meeting.status == Meeting.Status.HELD,
        see_details=details,
        see_invitees=invitees,
    )


def can_see_meeting_details(user: AnyUser, meeting: Meeting) -> bool:
    """Documents, the invitee list and minutes: for the council's people, not for visitors."""
    access = access_for(user)
    if access.oversees(meeting.council_id) or meeting.council_id in access.seat_council_ids:
        return True
    return access.is_authenticated and _meetings_invited_to(access).filter(meeting_id=meeting.pk).exists()


def can_see_invitees(user: AnyUser, meeting: Meeting) -> bool:
    """The invitee list with everyone's answers: the council's secretariat and officials."""
    return access_for(user).oversees(meeting.council_id)


def invitations_answerable_by(user: AnyUser) -> InvitationQuerySet:
    """The invitations this user answers in person: their own, or their institution's seat."""
    return Invitation.objects.filter(_answered_by(access_for(user)))


def can_answer_invitation(user: AnyUser, invitation: Invitation) -> bool:
    if can_manage_meeting(user, invitation.meeting):
        return True  # the secretariat records answers given by phone
    return invitations_answerable_by(user).filter(pk=invitation.pk).exists()


@dataclass(frozen=True, slots=True)
class MinutesAbilities:
    """What the user may do with a meeting's minutes now; their page shows exactly these."""

    edit: bool = False
    circulate: bool = False
    approve: bool = False
    comment: bool = False
    see_versions: bool = False


def minutes_abilities(user: AnyUser, minutes: Minutes) -> MinutesAbilities:
    comment = can_comment_on_minutes(user, minutes)
    if not can_manage_meeting(user, minutes.meeting):
        return MinutesAbilities(comment=comment)
    open_ = not minutes.is_locked
    return MinutesAbilities(
        edit=open_,
        circulate=open_ and minutes.has_text,
        approve=open_ and minutes.has_text,
        comment=comment,
        see_versions=True,
    )


def can_comment_on_minutes(user: AnyUser, minutes: Minutes) -> bool:
    """The secretariat, and the attendees the circulated draft was sent to."""
    if minutes.status != Minutes.Status.CIRCULATED:
        return False
    if can_manage_meeting(user, minutes.meeting):
        return True
    return invitations_answerable_by(user).filter(meeting_id=minutes.meeting_id).attendees().exists()


def minutes_visible_to(user: AnyUser) -> QuerySet[Minutes]:
    """Minutes of meetings whose details the user sees; drafts only for the secretariat and officials."""
    access = access_for(user)
    minutes = Minutes.objects.filter(meeting__in=meetings_visible_to(user))
    if access.is_site_admin:
        return minutes
    if not access.is_authenticated:
        return minutes.none()
    overseen = access.staff_council_ids | access.official_council_ids
    readers = Q(meeting__council_id__in=access.seat_council_ids) | Q(
        meeting_id__in=_meetings_invited_to(access)
    )
    return minutes.filter(Q(meeting__council_id__in=overseen) | (readers & ~Q(status=Minutes.Status.DRAFT)))


def agenda_items_visible_to(user: AnyUser) -> AgendaItemQuerySet:
    """Items of the meetings the user sees; secretariat-only items for the council's secretariat alone."""
    access = access_for(user)
    items = AgendaItem.objects.filter(meeting__in=meetings_visible_to(user))
    if access.is_site_admin:
        return items
    return items.filter(
        AgendaItemQuerySet.shared_condition() | Q(meeting__council_id__in=access.staff_council_ids)
    )


def invitations_visible_to(user: AnyUser) -> QuerySet[Invitation]:
    """Staff and officials see every invitee of their councils; others only the invitations they answer."""
    access = access_for(user)
    if access.is_site_admin:
        return Invitation.objects.all()
    overseen = access.staff_council_ids | access.official_council_ids
    return Invitation.objects.filter(meeting__council_id__in=overseen) | invitations_answerable_by(user)


def actions_visible_to(user: AnyUser) -> ActionItemQuerySet:
    access = access_for(user)
    actions = ActionItem.objects.all()
    if access.is_site_admin:
        return actions
    if not access.is_authenticated:
        return actions.none()
    return actions.filter(
        Q(council_id__in=access.readable_council_ids) | Q(assignee_id__in=access.contact_institution_ids)
    )


def can_manage_action(user: AnyUser, action: ActionItem) -> bool:
    return access_for(user).manages(action.council_id)


def can_update_action(user: AnyUser, action: ActionItem) -> bool:
    """Report progress: the secretariat, or the responsible institution's contacts."""
    access = access_for(user)
    return access.manages(action.council_id) or access.acts_for(action.assignee_id)
