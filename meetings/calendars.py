"""iCalendar for meetings: one event per meeting, its UID fixed and its SEQUENCE raised by every change.

Every event carries the meeting's page and its place, so a calendar entry always leads back.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from meetings.models import Meeting

PRODID = "-//Council portal//Meetings//KO"


def meeting_uid(meeting: Meeting) -> str:
    return f"{meeting.ical_uid}@council-portal"


def meeting_location(meeting: Meeting) -> str:
    parts = [meeting.venue, meeting.address]
    if meeting.online_url:
        parts.append(meeting.online_url)
    return ", ".join(part for part in parts if part)


def _event(meeting: Meeting, *, cancelled: bool = False) -> Event:
    url = f"{settings.SITE_URL}{meeting.get_absolute_url()}"
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add(
        "summary",
        f"{meeting.council.short_name} {meeting.label}" + (f" · {meeting.title}" if meeting.title else ""),
    )
    event.add("location", meeting_location(meeting))
    event.add("url", url)
    agenda = "\n".join(
        f"{number}. {item.title}" for number, item in enumerate(meeting.shared_agenda, start=1)
    )
    description = "\n\n".join(part for part in (meeting.description, agenda, url) if part)
    event.add("description", description)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText(meeting.council.name)
    event.add("organizer", organizer)
    status = "CANCELLED" if cancelled or meeting.status == Meeting.Status.CANCELLED else "CONFIRMED"
    if meeting.status == Meeting.Status.PLANNED:
        status = "TENTATIVE"
    event.add("status", status)
    return event


def _calendar(name: str, method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if method:
        calendar.add("method", method)
    return calendar


def meeting_ics(meeting: Meeting, *, method: str = "PUBLISH") -> bytes:
    """One meeting as an .ics file: REQUEST for invitations and changes, CANCEL when it is called off.

    The meeting comes with `shared_agenda()` prefetched, as for `meetings_feed`.
    """
    with translation.override(settings.LANGUAGE_CODE):
        calendar = _calendar(meeting.council.name, method)
        calendar.add_component(_event(meeting, cancelled=method == "CANCEL"))
    return calendar.to_ical()


def meetings_feed(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """A subscribable feed of meetings (cancelled ones stay, marked cancelled, so calendars drop them)."""
    with translation.override(settings.LANGUAGE_CODE):
        calendar = _calendar(name or _("Council meetings"))
        for meeting in meetings:
            calendar.add_component(_event(meeting))
    return calendar.to_ical()
