"""Lookups shared by the meeting pages (each resolves the object within what the user may see), and
the page a form of the meeting's page opens on."""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from council.web.pages import require, visible_or_404
from meetings import permissions, selectors
from meetings.forms import ActionForm, AgendaItemForm
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


def agenda_item_form(
    meeting: Meeting, data: Any = None, *, auto_id: str = "item-%s", **kwargs: Any
) -> AgendaItemForm:
    """An agenda item's form, its presenters chosen among the council's people and institutions."""
    return AgendaItemForm(
        data,
        people=selectors.council_people(meeting.council_id).order_by("name"),
        institutions=selectors.council_institutions(meeting.council_id),
        auto_id=auto_id,
        **kwargs,
    )


def action_form(meeting: Meeting, data: Any = None) -> ActionForm:
    """A follow-up action's form: assigned to one of the council's institutions, from one of the items."""
    return ActionForm(
        data,
        institutions=selectors.council_institutions(meeting.council_id),
        items=meeting.agenda_items.all(),
        auto_id="action-%s",
    )


def meeting_form_page(
    request: HttpRequest,
    meeting: Meeting,
    form: Any,
    *,
    ability: Literal["build_agenda", "decide", "record_actions"],
    heading: str,
    submit_label: str,
    item: AgendaItem | None = None,
    anchor: str = "",
    **flags: bool,
) -> HttpResponse:
    """A form of the meeting's page, on a page of its own, or only the form when the meeting's page
    loads it in place (htmx): drawn up front for every agenda item, with selects of a large council's
    people, they made the page of a meeting of 100 items cost a second. The form is shown only to
    whom the meeting's abilities allow the action now (else 403), as the meeting's page offers it."""
    require(getattr(permissions.meeting_abilities(request.user, meeting), ability))
    template = "meetings/meeting_action.html"
    inline = bool(getattr(request, "htmx", False))
    context = {
        "meeting": meeting,
        "item": item,
        "form": form,
        "heading": heading,
        "submit_label": submit_label,
        "inline": inline,
        "back": f"{meeting.get_absolute_url()}#{f'item-{item.pk}' if item else anchor}",
        **flags,
    }
    return render(request, f"{template}#form" if inline else template, context)
