"""The meetings app's part of the portal-wide search: meetings (with their agenda) and minutes.

Both start from what the user may see: meetings by `meetings_visible_to`, minutes by
`minutes_visible_to`, the same rules the pages apply.
"""

from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.permissions import AnyUser
from council.search import (
    SearchHit,
    SearchProvider,
    SearchResults,
    TextFields,
    register_search_provider,
    search_queryset,
)
from meetings.filters import MEETING_TEXT
from meetings.permissions import meetings_visible_to, minutes_visible_to

MINUTES_TEXT = TextFields(("body",))


def search_meetings(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        meetings_visible_to(user).select_related("council"),
        MEETING_TEXT,
        query,
        limit,
        "-starts_at",
    )
    hits = [
        SearchHit(
            title=f"{meeting.council.short_name} {meeting.label}",
            url=meeting.get_absolute_url(),
            summary=meeting.title,
            meta=[timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d"), meeting.venue],
            badge=str(meeting.get_status_display()),
        )
        for meeting in rows
    ]
    return SearchResults(hits=hits, total=total)


def search_minutes(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        minutes_visible_to(user).select_related("meeting", "meeting__council"),
        MINUTES_TEXT,
        query,
        limit,
        "-meeting__starts_at",
    )
    hits = [
        SearchHit(
            title=f"{minutes.meeting.council.short_name} {minutes.meeting.label} {_('Minutes')}",
            url=reverse("minutes-detail", args=[minutes.meeting_id]),
            summary=truncatechars(" ".join(minutes.body.replace("#", " ").split()), 160),
            badge=str(minutes.get_status_display()),
        )
        for minutes in rows
    ]
    return SearchResults(hits=hits, total=total)


def register() -> None:
    register_search_provider(
        SearchProvider(
            key="meetings",
            label=_("Meetings"),
            order=10,
            search=search_meetings,
            list_url_name="meeting-list",
        )
    )
    register_search_provider(
        SearchProvider(key="minutes", label=_("Minutes"), order=11, search=search_minutes)
    )
