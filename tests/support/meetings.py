"""Moving a test meeting through its life the way the portal allows: announced while it is still to
come, then its day comes, then it is held."""

from datetime import timedelta

from django.utils import timezone

from council.models import User
from meetings import services
from meetings.models import Invitation, Meeting
from members.models import Institution


def begin(meeting: Meeting, *, hours_ago: float = 0.5, hours_long: float = 2) -> Meeting:
    """Its day has come: it started `hours_ago` (a negative figure: it starts later today)."""
    start = timezone.now() - timedelta(hours=hours_ago)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(hours=hours_long))
    meeting.refresh_from_db()
    return meeting


def announce_and_begin(actor: User, meeting: Meeting, *, hours_ago: float = 0.5) -> Meeting:
    """Announced in advance, and now under way."""
    services.meeting_announce(actor=actor, meeting=meeting)
    return begin(meeting, hours_ago=hours_ago)


def hold(actor: User, meeting: Meeting) -> Meeting:
    """Announced, begun three hours ago, ended, and recorded as held."""
    if meeting.status == Meeting.Status.PLANNED:
        services.meeting_announce(actor=actor, meeting=meeting)
    begin(meeting, hours_ago=3)
    return services.meeting_mark_held(actor=actor, meeting=meeting)


def held_with_record(alice: User, meeting: Meeting, daerim: Institution) -> tuple[Meeting, list[Invitation]]:
    """Held, with a record to write the minutes from: one voting invitee present and one absent, a
    deliberation approved "2025년 시범 운영" by 1 to 0, and a follow-up action for `daerim`."""
    item = services.agenda_item_add(
        actor=alice, meeting=meeting, title="산학협력 프로그램 공동 개발", kind="deliberation"
    )
    meeting = hold(alice, meeting)
    invitations = list(meeting.invitations.filter(counts_for_quorum=True).order_by("id"))
    services.attendance_mark(actor=alice, invitation=invitations[0], attended=True)
    services.attendance_mark(actor=alice, invitation=invitations[1], attended=False)
    services.agenda_decision_record(
        actor=alice,
        item=item,
        decision="approved",
        decision_text="2025년 시범 운영",
        votes_for=1,
        votes_against=0,
    )
    services.action_create(
        actor=alice,
        meeting=meeting,
        title="운영 계획 수립",
        assignee=daerim,
        due_on="2030-01-31",
        agenda_item=item,
    )
    return meeting, invitations
