"""Meeting pages: list, detail, plan and edit, copy, announce, hold, cancel, calendar file, print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from council.history import change_history
from council.selectors import dispatches_about, request_council
from council.web.flash import flash_validation_error
from council.web.listing import list_filter, page_of, render_list
from council.web.page_cache import Clock, cached_page
from council.web.pages import actor, apply_errors, page_council, visible_or_404
from meetings import permissions, selectors, services
from meetings.calendars import meeting_ics
from meetings.filters import MeetingFilter
from meetings.forms import (
    AnswerForm,
    CancelForm,
    GuestForm,
    InviteMembersForm,
    MeetingCopyForm,
    MeetingForm,
)
from meetings.hwpx import agenda_pack_hwpx, hwpx_response
from meetings.models import AgendaItem, Meeting
from meetings.models.agenda import shared_agenda
from meetings.notices import announce_reach
from meetings.pdf import agenda_pack_pdf
from meetings.views.common import agenda_item_form, managed_meeting, visible_meeting

# A council of 40 seats fits on one page; a meeting of every member of a large council takes several.
INVITEES_PER_PAGE = 100


@cached_page(clock=Clock.MINUTE)
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


@cached_page(clock=Clock.MINUTE)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's hub: agenda with outcomes, invitees and quorum, actions, minutes. What it offers
    follows the meeting's state: agenda and invitations before it, attendance and decisions from its day."""
    try:
        meeting = selectors.meeting_detail(user=request.user, pk=pk)
    except Meeting.DoesNotExist as missing:
        raise Http404 from missing
    page_council(request, meeting.council)
    can = permissions.meeting_abilities(request.user, meeting)
    agenda_items = selectors.meeting_agenda(user=request.user, meeting=meeting)
    agenda = list(agenda_items)
    context: dict[str, object] = {
        "meeting": meeting,
        "can": can,
        "agenda": agenda,
        "agenda_total": selectors.agenda_minutes_total(items=agenda_items),
        "duration": selectors.meeting_duration_minutes(meeting),
        "tally": selectors.vote_tally(meeting=meeting) if meeting.is_written else {},
    }
    if can.see_details:
        answerable = permissions.invitations_answerable_by(request.user).filter(meeting=meeting)
        my_invitations = list(answerable.select_related("institution"))
        for invitation in my_invitations:
            invitation.answer_form = AnswerForm(  # type: ignore[attr-defined]
                auto_id=f"answer-{invitation.pk}-%s",
                initial={"response": invitation.response, "proxy_name": invitation.proxy_name},
            )
        context.update(
            {
                "quorum": selectors.meeting_quorum(meeting=meeting),
                "my_invitations": my_invitations,
                "actions": selectors.meeting_actions(meeting=meeting),
                "matters_arising": selectors.matters_arising(meeting=meeting),
                "sections": _sections(request, meeting),
            }
        )
        minutes = permissions.minutes_visible_to(request.user).filter(meeting=meeting).first()
        if minutes is not None:
            context["minutes"] = minutes
            context["minutes_can"] = permissions.minutes_abilities(request.user, minutes)
    if can.see_invitees:
        invitees = page_of(request, selectors.meeting_invitations(meeting=meeting), INVITEES_PER_PAGE)
        context.update({"invitees_page": invitees, "invitations": invitees.object_list})
    if can.manage:
        context.update(
            {
                "next_step": _next_step(meeting, can, agenda, context.get("quorum")),
                "history": change_history(meeting.history.all()),
                # An empty agenda opens on its first item's form; otherwise the forms load when asked.
                "item_form": None if agenda else agenda_item_form(meeting),
                "invite_form": InviteMembersForm(auto_id="invite-%s"),
                "guest_form": GuestForm(auto_id="guest-%s"),
                "cancel_form": CancelForm(auto_id="cancel-%s"),
                "copy_form": MeetingCopyForm(auto_id="copy-%s"),
                "dispatches": dispatches_about(subject_key=f"meetings.meeting:{meeting.pk}"),
            }
        )
    return render(request, "meetings/meeting_detail.html", context)


def _next_step(
    meeting: Meeting, can: permissions.MeetingAbilities, agenda: list[AgendaItem], quorum: object
) -> str:
    """The one sentence that tells the secretariat what this meeting needs next."""
    status = Meeting.Status
    if meeting.status == status.PLANNED:
        if meeting.has_started:
            return _("The meeting's time has passed without an announcement: change its date or cancel it.")
        if not agenda:
            return _("Next: build the agenda, then invite the members and announce the meeting.")
        if not meeting.invitations.exists():
            return _("Next: invite the council's members, then announce the meeting.")
        return _(
            "Next: announce the meeting; every invitee gets the agenda, answer links and a calendar file."
        )
    if meeting.status == status.ANNOUNCED and not meeting.day_has_come:
        return _("Announced. On the meeting's day, take attendance and record each item's decision here.")
    if meeting.status == status.ANNOUNCED:
        if meeting.is_written:
            return _(
                "Voting is open until the end of the period; then mark it as held and record the decisions."
            )
        return _(
            "Take attendance and record each item's decision; once it is over, mark the meeting as held."
        )
    if meeting.status == status.HELD:
        return _(
            "Held. Record the remaining decisions and follow-up actions, then write and approve the minutes."
        )
    if meeting.status == status.MINUTES_APPROVED:
        return _("Closed: the minutes are approved. Follow-up actions are tracked below until they are done.")
    return _("Cancelled. Plan a new meeting from this one if it is to take place later.")


def _sections(request: HttpRequest, meeting: Meeting) -> list[dict[str, object]]:
    from council.web.navigation import detail_sections

    return detail_sections(request, "meeting", meeting)


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    council = request_council(request)
    if council is None or not permissions.can_create_meeting(request.user, council.pk):
        raise PermissionDenied
    people = selectors.council_people(council.pk).order_by("name")
    year = timezone.localdate().year
    next_number = services.meeting_next_number(council=council, year=year)
    form = MeetingForm(request.POST or None, people=people, initial={"number": next_number})
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
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "council": council, "next_number": next_number, "year": year},
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
            services.meeting_mark_held(
                actor=actor(request),
                meeting=meeting,
                close_voting_early=request.POST.get("close_early") == "1",
            )
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
def meeting_announce(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (how many will be mailed, who cannot be), then announces."""
    if request.method == "POST":
        return _transition(request, pk, "announce")
    meeting = managed_meeting(request, pk)
    reach = announce_reach(meeting)
    return render(
        request,
        "meetings/confirm.html",
        {
            "meeting": meeting,
            "title": _("Announce the meeting"),
            "question": ngettext(
                "The invitation with the agenda, answer links and calendar file goes out as %(count)d mail.",
                "The invitation with the agenda, answer links and calendar file goes out as %(count)d mails.",
                reach.mails,
            )
            % {"count": reach.mails},
            "people": reach.unreachable,
            "people_title": _("No e-mail address: they see it only in the portal. Reach them by phone."),
            "button": _("Announce to invitees"),
            "back": meeting.get_absolute_url(),
        },
    )


def _close_voting(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Closing a written resolution: the tally becomes the decisions; before the window's end only
    when staff confirm that they end voting early."""
    voting = meeting.invitations.filter(counts_for_quorum=True).aggregate(
        members=Count("id", distinct=True), voted=Count("id", distinct=True, filter=Q(votes__isnull=False))
    )
    early = meeting.ends_at > timezone.now()
    points = [
        ngettext(
            "%(voted)d of %(count)d voting member has voted.",
            "%(voted)d of %(count)d voting members have voted.",
            voting["members"],
        )
        % {"voted": voting["voted"], "count": voting["members"]},
        _("Each item is approved when a majority of all voting members voted for it, else rejected."),
    ]
    if early:
        end = timezone.localtime(meeting.ends_at).strftime("%Y-%m-%d %H:%M")
        points.append(
            _("Voting is open until %(end)s. Closing now ends it early: members who have not voted cannot.")
            % {"end": end}
        )
    context = {
        "meeting": meeting,
        "title": _("Close voting early") if early else _("Close voting"),
        "points": points,
        "button": _("Close voting early") if early else _("Close voting"),
        "hidden": [("close_early", "1")] if early else [],
        "back": meeting.get_absolute_url(),
    }
    return render(request, "meetings/confirm.html", context)


@login_required
def meeting_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first, then marks the meeting held: answers close and decisions open."""
    if request.method == "POST":
        return _transition(request, pk, "hold")
    meeting = managed_meeting(request, pk)
    if meeting.is_written:
        return _close_voting(request, meeting)
    unrecorded = meeting.invitations.filter(attended__isnull=True).count()
    points = [_("Invitees can no longer answer; decisions, votes and the minutes can be recorded.")]
    if unrecorded:
        points.append(
            ngettext(
                "The attendance of %(count)d invitee is not recorded yet.",
                "The attendance of %(count)d invitees is not recorded yet.",
                unrecorded,
            )
            % {"count": unrecorded}
        )
    context = {
        "meeting": meeting,
        "title": _("Mark as held"),
        "points": points,
        "button": _("Mark as held"),
        "back": meeting.get_absolute_url(),
    }
    return render(request, "meetings/confirm.html", context)


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
def meeting_agenda_hwpx(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda pack as HWPX, for the offices that file it in Hangul."""
    meeting = visible_meeting(request, pk)
    if not permissions.can_see_meeting_details(request.user, meeting):
        raise PermissionDenied
    return hwpx_response(
        agenda_pack_hwpx(meeting), f"{meeting.council.short_name} {meeting.label} {_('Agenda pack')}"
    )


@login_required
def meeting_agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda pack: agenda, document list and attendance sheet, with Korean fonts embedded."""
    meeting = visible_meeting(request, pk)
    if not permissions.can_see_meeting_details(request.user, meeting):
        raise PermissionDenied
    response = HttpResponse(agenda_pack_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agenda-{meeting.pk}.pdf"'
    return response
