"""Lookups shared by the meeting pages: each resolves the object within what the user may see."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from council.web.pages import require, visible_or_404
from meetings import permissions
from meetings.models import AgendaItem, Meeting


def visible_meeting(request: HttpRequest, pk: int) -> Meeting:
    return visible_or_404(permissions.meetings_visible_to(request.user).select_related("council"), pk)


def managed_meeting(request: HttpRequest, pk: int) -> Meeting:
    """A meeting the user may see (else 404) and manage (else 403)."""
    meeting = visible_meeting(request, pk)
    require(permissions.can_manage_meeting(request.user, meeting))
    return meeting


def managed_item(request: HttpRequest, pk: int, item_pk: int) -> AgendaItem:
    meeting = managed_meeting(request, pk)
    return visible_or_404(meeting.agenda_items.select_related("meeting", "meeting__council"), item_pk)


def back_to_meeting(pk: int, section: str) -> HttpResponse:
    """Back to a section of the meeting's page after a form posted from it."""
    return redirect(f"{reverse('meeting-detail', args=[pk])}#{section}")
