"""Who may see or change meetings, invitations, minutes and follow-up actions.

- Site administrators: everything.
- Secretariat staff of the council (or of its parent): everything about its meetings.
- City officials of the council: read everything, including drafts of minutes; change nothing.
- Institution contacts: the meetings of councils their institution sits on, once announced, and any
  meeting they are invited to. They answer their own invitation (never another's), vote on written
  resolutions, comment on circulated minutes, and update the actions assigned to their institution.
- Visitors: announced and held meetings of a published council, without documents, invitees or minutes.
Outside what a user may see is a 404; seen but not allowed is a 403.
"""

from django.db.models import Q, QuerySet

from council.permissions import AnyUser, access_for
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting, Minutes

PUBLIC_STATUSES = [Meeting.Status.ANNOUNCED, Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED]
MEMBER_STATUSES = [*PUBLIC_STATUSES, Meeting.Status.CANCELLED]


def _invited(user: AnyUser) -> Q:
    access = access_for(user)
    return Q(invitations__person__user_id=access.user_id) | Q(
        invitations__institution_id__in=access.contact_institution_ids
    )


def meetings_visible_to(user: AnyUser) -> QuerySet[Meeting]:
    access = access_for(user)
    meetings = Meeting.objects.all()
    if access.is_site_admin:
        return meetings
    public = Q(council__is_public=True, council__is_active=True, status__in=PUBLIC_STATUSES)
    if not access.is_authenticated:
        return meetings.filter(public)
    overseen = access.staff_council_ids | access.official_council_ids
    invited = Meeting.objects.filter(_invited(user)).values("id")
    return meetings.filter(
        public
        | Q(council_id__in=overseen)
        | Q(council_id__in=access.seat_council_ids, status__in=MEMBER_STATUSES)
        | Q(id__in=invited, status__in=MEMBER_STATUSES)
    )


def can_create_meeting(user: AnyUser, council_id: int) -> bool:
    return access_for(user).manages(council_id)


def can_manage_meeting(user: AnyUser, meeting: Meeting) -> bool:
    """Edit, build the agenda, invite, announce, take attendance, record decisions, write minutes."""
    return access_for(user).manages(meeting.council_id)


def can_see_meeting_details(user: AnyUser, meeting: Meeting) -> bool:
    """Documents, the invitee list and minutes: for the council's people, not for visitors."""
    access = access_for(user)
    if access.oversees(meeting.council_id) or meeting.council_id in access.seat_council_ids:
        return True
    return (
        Invitation.objects.filter(meeting=meeting)
        .filter(Q(person__user_id=access.user_id) | Q(institution_id__in=access.contact_institution_ids))
        .exists()
        if access.is_authenticated
        else False
    )


def invitations_answerable_by(user: AnyUser) -> QuerySet[Invitation]:
    """The invitations this user answers in person: their own, or their institution's seat."""
    access = access_for(user)
    if not access.is_authenticated:
        return Invitation.objects.none()
    return Invitation.objects.filter(
        Q(person__user_id=access.user_id) | Q(institution_id__in=access.contact_institution_ids)
    )


def can_answer_invitation(user: AnyUser, invitation: Invitation) -> bool:
    if can_manage_meeting(user, invitation.meeting):
        return True  # the secretariat records answers given by phone
    return invitations_answerable_by(user).filter(pk=invitation.pk).exists()


def can_comment_on_minutes(user: AnyUser, minutes: Minutes) -> bool:
    if minutes.status != Minutes.Status.CIRCULATED:
        return False
    if can_manage_meeting(user, minutes.meeting):
        return True
    return (
        invitations_answerable_by(user).filter(meeting_id=minutes.meeting_id).exclude(attended=False).exists()
    )


def can_read_minutes(user: AnyUser, minutes: Minutes) -> bool:
    access = access_for(user)
    if access.oversees(minutes.meeting.council_id):
        return True
    if minutes.status == Minutes.Status.DRAFT:
        return False
    return can_see_meeting_details(user, minutes.meeting)


def agenda_items_visible_to(user: AnyUser) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(meeting__in=meetings_visible_to(user))


def invitations_visible_to(user: AnyUser) -> QuerySet[Invitation]:
    """Staff and officials see every invitee of their councils; others only the invitations they answer."""
    access = access_for(user)
    if access.is_site_admin:
        return Invitation.objects.all()
    overseen = access.staff_council_ids | access.official_council_ids
    return Invitation.objects.filter(meeting__council_id__in=overseen) | invitations_answerable_by(user)


def actions_visible_to(user: AnyUser) -> QuerySet[ActionItem]:
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
