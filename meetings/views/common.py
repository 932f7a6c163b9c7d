"""Lookups shared by the meeting pages: each resolves the object within what the user may see."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from meetings import permissions
from meetings.models import AgendaItem, Meeting


def visible_meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(permissions.meetings_visible_to(request.user).select_related("council"), pk=pk)


def managed_meeting(request: HttpRequest, pk: int) -> Meeting:
    """A meeting the user may see (else 404) and manage (else 403)."""
    meeting = visible_meeting(request, pk)
    if not permissions.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


def managed_item(request: HttpRequest, pk: int, item_pk: int) -> AgendaItem:
    meeting = managed_meeting(request, pk)
    try:
        return meeting.agenda_items.select_related("meeting", "meeting__council").get(pk=item_pk)
    except AgendaItem.DoesNotExist as missing:
        raise Http404 from missing
