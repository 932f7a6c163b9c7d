"""Agenda pages: add, edit, remove and reorder items, attach documents, record decisions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.files.uploads import document_response
from council.web.flash import flash_form_errors, flash_validation_error
from council.web.pages import actor, apply_errors, model_fields, require, submit, visible_or_404
from meetings import permissions, selectors, services
from meetings.forms import AgendaDocumentForm, AgendaItemForm, AgendaProposalForm, DecisionForm
from meetings.models import AgendaDocument, AgendaItem, Meeting
from meetings.views.common import (
    agenda_item_form,
    back_to_meeting,
    managed_item,
    managed_meeting,
    meeting_form_page,
)
from members.difficulties.permissions import difficulties_visible_to
from members.models import BestPractice, Difficulty
from members.practices.permissions import best_practices_visible_to


def _back(pk: int, anchor: str = "agenda") -> HttpResponse:
    return back_to_meeting(pk, anchor)


@login_required
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    if request.method != "POST":
        return meeting_form_page(
            request,
            meeting,
            agenda_item_form(meeting),
            ability="build_agenda",
            heading=_("Add an agenda item"),
            submit_label=_("Add"),
            anchor="agenda",
        )
    form = agenda_item_form(meeting, request.POST)
    if form.is_valid():
        try:
            services.agenda_item_add(actor=actor(request), meeting=meeting, **form.cleaned_data)
            messages.success(request, _("The item was added to the agenda."))
        except ValidationError as error:
            flash_validation_error(request, error)
    else:
        flash_form_errors(request, form)
    return _back(pk)


@login_required
def agenda_item_update(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = managed_item(request, pk, item_pk)
    form = agenda_item_form(item.meeting, request.POST or None, instance=item, auto_id="id_%s")
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(
                actor=actor(request), item=item, **model_fields(AgendaItemForm, form.cleaned_data)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The item was saved."))
            return _back(pk)
    return render(
        request, "meetings/agenda_item_form.html", {"form": form, "item": item, "meeting": item.meeting}
    )


@login_required
@require_POST
def agenda_item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = managed_item(request, pk, item_pk)
    try:
        services.agenda_item_delete(actor=actor(request), item=item)
        messages.success(request, _("The item was removed from the agenda."))
    except ValidationError as error:
        flash_validation_error(request, error)
    return _back(pk)


@login_required
@require_POST
def agenda_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the order after a drag in the agenda list (htmx), or after a move up/down button."""
    meeting = managed_meeting(request, pk)
    try:
        ids = [int(value) for value in request.POST.getlist("item")]
        if move := request.POST.get("move"):
            item_id, direction = move.split(":")
            current = list(meeting.agenda_items.order_by("order", "id").values_list("id", flat=True))
            index = current.index(int(item_id))
            target = index - 1 if direction == "up" else index + 1
            if 0 <= target < len(current):
                current[index], current[target] = current[target], current[index]
            ids = current
        services.agenda_reorder(actor=actor(request), meeting=meeting, item_ids=ids)
    except (ValueError, ValidationError):
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(_("The agenda could not be reordered; reload the page."), status=400)
        messages.error(request, _("The agenda could not be reordered; reload the page."))
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(status=204)
    return _back(pk)


@login_required
def agenda_document_add(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = managed_item(request, pk, item_pk)
    if request.method != "POST":
        return meeting_form_page(
            request,
            item.meeting,
            AgendaDocumentForm(auto_id=f"document-{item.pk}-%s"),
            ability="build_agenda",
            heading=_("Attach a document"),
            submit_label=_("Upload"),
            item=item,
            multipart=True,
        )
    form = AgendaDocumentForm(request.POST, request.FILES)
    back = f"{item.meeting.get_absolute_url()}#item-{item.pk}"
    attached = submit(
        request,
        form,
        lambda data: services.agenda_document_add(
            actor=actor(request), item=item, upload=data["file"], title=data["title"]
        ),
        done=lambda _document: back,
        message=_("The document was attached."),
    )
    if attached is None:
        flash_form_errors(request, form)  # refused by the form or the service: say why on the meeting page
    return attached or redirect(back)


@login_required
@require_POST
def agenda_document_delete(request: HttpRequest, pk: int, item_pk: int, document_pk: int) -> HttpResponse:
    item = managed_item(request, pk, item_pk)
    document = visible_or_404(item.documents.select_related("agenda_item__meeting"), document_pk)
    try:
        services.agenda_document_delete(actor=actor(request), document=document)
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(request, _("The document was removed."))
    return _back(pk, f"item-{item.pk}")


@login_required
def agenda_document_download(request: HttpRequest, pk: int, document_pk: int) -> HttpResponseBase:
    """Documents are served only to those who may see the meeting's details."""
    document = get_object_or_404(
        AgendaDocument.objects.select_related("agenda_item__meeting"),
        pk=document_pk,
        agenda_item__meeting__in=permissions.meetings_visible_to(request.user),
        agenda_item__meeting_id=pk,
    )
    if not permissions.can_see_meeting_details(request.user, document.agenda_item.meeting):
        raise PermissionDenied
    if not document.file:
        raise Http404
    return document_response(document.file, filename=document.name)


@login_required
def agenda_decision_record(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = managed_item(request, pk, item_pk)
    if request.method != "POST":
        return meeting_form_page(
            request,
            item.meeting,
            DecisionForm(instance=item, auto_id=f"decision-{item.pk}-%s"),
            ability="decide",
            heading=_("Record the decision"),
            submit_label=_("Record"),
            item=item,
            decision=True,
        )
    form = DecisionForm(request.POST, instance=item)
    if form.is_valid():
        try:
            services.agenda_decision_record(
                actor=actor(request),
                item=item,
                **model_fields(DecisionForm, form.cleaned_data),
            )
            messages.success(request, _("The decision was recorded."))
        except ValidationError as error:
            flash_validation_error(request, error)
    else:
        flash_form_errors(request, form)
    return _back(pk, f"item-{item.pk}")


def _propose(
    request: HttpRequest, subject: BestPractice | Difficulty, *, initial: dict[str, Any], link: dict[str, Any]
) -> HttpResponse:
    """Put a best practice or a difficulty on one of its council's coming meetings.

    The secretariat confirms the item's title and summary first: the agenda may be public, the
    submission is not necessarily, so nothing of its text is copied unasked.
    """
    require(permissions.can_propose_for_agenda(request.user, subject.council_id))
    meetings = selectors.meetings_open_for_agenda(council_id=subject.council_id)
    form = AgendaProposalForm(
        request.POST or None,
        meetings=meetings,
        people=selectors.council_people(subject.council_id).order_by("name"),
        institutions=selectors.council_institutions(subject.council_id),
        initial={**initial, "meeting": request.GET.get("meeting")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        meeting: Meeting = data.pop("meeting")
        try:
            services.agenda_item_add(actor=actor(request), meeting=meeting, **data, **link)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("It is on the agenda of the %(label)s meeting.") % {"label": meeting.label}
            )
            return redirect(subject)
    return render(
        request,
        "meetings/agenda_proposal.html",
        {"form": form, "subject": subject, "has_meetings": meetings.exists()},
    )


@login_required
def agenda_propose_practice(request: HttpRequest, practice_pk: int) -> HttpResponse:
    """From a best practice's page: put it on a coming meeting's agenda for its institution to present."""
    practice = visible_or_404(best_practices_visible_to(request.user), practice_pk)
    return _propose(
        request,
        practice,
        initial={
            "title": practice.title,
            "kind": AgendaItem.Kind.PRESENTATION,
            "presenter_institution": practice.institution_id,
            "minutes_allotted": 20,
        },
        link={"best_practice": practice},
    )


@login_required
def agenda_propose_difficulty(request: HttpRequest, difficulty_pk: int) -> HttpResponse:
    """From a difficulty's page: put it on a coming meeting's agenda; a secretariat-only one stays so."""
    difficulty = visible_or_404(difficulties_visible_to(request.user), difficulty_pk)
    return _propose(
        request,
        difficulty,
        initial={
            "title": difficulty.title,
            "kind": AgendaItem.Kind.DISCUSSION,
            "minutes_allotted": 15,
            "staff_only": difficulty.secretariat_only,
        },
        link={"difficulty": difficulty},
    )
