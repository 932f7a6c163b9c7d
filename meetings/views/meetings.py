"""Meeting pages: list, detail, plan and edit, copy, announce, hold, cancel, calendar file, print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.flash import flash_validation_error
from council.listing import list_filter, render_list
from council.models import Dispatch
from council.pages import actor, apply_errors, visible_or_404
from council.selectors import request_council
from meetings import permissions, selectors, services
from meetings.calendars import meeting_ics
from meetings.filters import MeetingFilter
from meetings.forms import (
    ActionForm,
    AgendaDocumentForm,
    AgendaItemForm,
    CancelForm,
    DecisionForm,
    GuestForm,
    InviteMembersForm,
    MeetingCopyForm,
    MeetingForm,
)
from meetings.models import Meeting
from meetings.models.agenda import shared_agenda
from meetings.pdf import agenda_pack_pdf
from meetings.views.common import managed_meeting, visible_meeting


def meeting_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(
        request, filterset_class=MeetingFilter, queryset=selectors.meeting_list(user=request.user)
    )
    council = request_council(request)
    return render_list(
        request,
        "meetings/meeting_list.html",
        filterset=filterset,
        context={
            "council": council,
            "can_create": council is not None and permissions.can_create_meeting(request.user, council.pk),
        },
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's hub: agenda with outcomes, invitees and quorum, actions, minutes."""
    try:
        meeting = selectors.meeting_detail(user=request.user, pk=pk)
    except Meeting.DoesNotExist as missing:
        raise Http404 from missing
    manages = permissions.can_manage_meeting(request.user, meeting)
    details = permissions.can_see_meeting_details(request.user, meeting)
    agenda = selectors.meeting_agenda(user=request.user, meeting=meeting)
    context = {
        "meeting": meeting,
        "manages": manages,
        "details": details,
        "agenda": list(agenda),
        "agenda_total": selectors.agenda_minutes_total(items=agenda),
        "duration": selectors.meeting_duration_minutes(meeting),
        "now": timezone.now(),
        "tally": selectors.vote_tally(meeting=meeting) if meeting.is_written else {},
    }
    if details:
        answerable = permissions.invitations_answerable_by(request.user).filter(meeting=meeting)
        context.update(
            {
                "quorum": selectors.meeting_quorum(meeting=meeting),
                "my_invitations": list(answerable.select_related("institution")),
                "actions": selectors.meeting_actions(meeting=meeting),
                "matters_arising": selectors.matters_arising(meeting=meeting),
                "minutes": getattr(meeting, "minutes", None) if hasattr(meeting, "minutes") else None,
                "sections": _sections(request, meeting),
            }
        )
    if permissions.can_see_invitees(request.user, meeting):
        context["invitations"] = selectors.meeting_invitations(meeting=meeting)
    if manages:
        people = selectors.council_people(meeting.council_id).order_by("name")
        institutions = selectors.council_institutions(meeting.council_id)
        context.update(
            {
                "item_form": AgendaItemForm(people=people, institutions=institutions),
                "document_form": AgendaDocumentForm(),
                "decision_form": DecisionForm(),
                "invite_form": InviteMembersForm(),
                "guest_form": GuestForm(),
                "cancel_form": CancelForm(),
                "copy_form": MeetingCopyForm(),
                "action_form": ActionForm(institutions=institutions, items=meeting.agenda_items.all()),
                "dispatches": Dispatch.objects.filter(subject_key=f"meetings.meeting:{meeting.pk}").order_by(
                    "-created_at"
                ),
            }
        )
    return render(request, "meetings/meeting_detail.html", context)


def _sections(request: HttpRequest, meeting: Meeting) -> list[dict[str, object]]:
    from council.navigation import detail_sections

    return detail_sections(request, "meeting", meeting)


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    council = request_council(request)
    if council is None or not permissions.can_create_meeting(request.user, council.pk):
        raise PermissionDenied
    people = selectors.council_people(council.pk).order_by("name")
    form = MeetingForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=actor(request), council=council, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The %(label)s meeting was planned. Build its agenda and invite the members.")
                % {"label": meeting.label},
            )
            return redirect("meeting-detail", pk=meeting.pk)
    year = timezone.localdate().year
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "council": council,
            "next_number": services.meeting_next_number(council=council, year=year),
            "year": year,
        },
    )


@login_required
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        people=selectors.council_people(meeting.council_id).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=actor(request), meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("meeting-detail", pk=meeting.pk)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "meeting": meeting, "council": meeting.council}
    )


@login_required
@require_POST
def meeting_copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = managed_meeting(request, pk)
    form = MeetingCopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new meeting's start and end."))
        return redirect("meeting-detail", pk=pk)
    try:
        copy = services.meeting_copy(actor=actor(request), source=source, **form.cleaned_data)
    except ValidationError as error:
        flash_validation_error(request, error)
        return redirect("meeting-detail", pk=pk)
    messages.success(
        request, _("The %(label)s meeting was planned from the earlier one.") % {"label": copy.label}
    )
    return redirect("meeting-detail", pk=copy.pk)


def _transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    try:
        if action == "announce":
            services.meeting_announce(actor=actor(request), meeting=meeting)
            messages.success(request, _("The invitation is being sent to every invitee."))
        elif action == "hold":
            services.meeting_mark_held(actor=actor(request), meeting=meeting)
            messages.success(
                request, _("The meeting is marked as held. Record the decisions and write the minutes.")
            )
        elif action == "cancel":
            form = CancelForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give the reason for cancelling; invitees will read it."))
                return redirect("meeting-detail", pk=pk)
            services.meeting_cancel(actor=actor(request), meeting=meeting, reason=form.cleaned_data["reason"])
            messages.success(request, _("The meeting was cancelled."))
    except ValidationError as error:
        flash_validation_error(request, error)
    return redirect("meeting-detail", pk=pk)


@login_required
@require_POST
def meeting_announce(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "announce")


@login_required
@require_POST
def meeting_hold(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "hold")


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "cancel")


def meeting_calendar_file(request: HttpRequest, pk: int) -> HttpResponse:
    """'Add to calendar': this meeting as an .ics file."""
    meeting = visible_or_404(
        permissions.meetings_visible_to(request.user)
        .select_related("council")
        .prefetch_related(shared_agenda()),
        pk,
    )
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_required
def meeting_agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda pack: agenda, document list and attendance sheet, with Korean fonts embedded."""
    meeting = visible_meeting(request, pk)
    if not permissions.can_see_meeting_details(request.user, meeting):
        raise PermissionDenied
    response = HttpResponse(agenda_pack_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agenda-{meeting.pk}.pdf"'
    return response
