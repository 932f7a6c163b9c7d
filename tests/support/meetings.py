"""Moving a test meeting through its life the way the portal allows: announced while it is still to
come, then its day comes, then it is held."""

from datetime import timedelta

from django.utils import timezone

from council.models import User
from meetings import services
from meetings.models import Meeting


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
