"""Invitation pages: invite seats and guests, answers (in the portal or by signed link), attendance, votes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.models import User
from council.web.flash import flash_form_errors, flash_validation_error
from council.web.pages import actor, page_council
from meetings import permissions, selectors, services
from meetings.forms import AnswerForm, GuestForm, InviteMembersForm
from meetings.links import VOTE_SALT, invitation_from_token
from meetings.models import Invitation, Meeting, Vote
from meetings.views.common import back_to_meeting, managed_meeting, visible_meeting


def _back(pk: int) -> HttpResponse:
    return back_to_meeting(pk, "invitations")


@login_required
@require_POST
def invitations_add_members(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    form = InviteMembersForm(request.POST)
    if form.is_valid():
        try:
            count = services.invitations_add_members(
                actor=actor(request), meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(request, _("%(count)d seats were invited.") % {"count": count})
    return _back(pk)


@login_required
@require_POST
def invitation_add_guest(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    form = GuestForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_add_guest(actor=actor(request), meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(
                request, _("%(name)s was invited as a guest.") % {"name": form.cleaned_data["name"]}
            )
    else:
        flash_form_errors(request, form)
    return _back(pk)


@login_required
@require_POST
def invitation_remove(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, meeting=meeting)
    try:
        services.invitation_remove(actor=actor(request), invitation=invitation)
    except ValidationError as error:
        flash_validation_error(request, error)
    return _back(pk)


@login_required
@require_POST
def invitation_answer(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """Answer an invitation from the meeting page (one's own, or any for the secretariat)."""
    meeting = visible_meeting(request, pk)
    invitation = get_object_or_404(
        permissions.invitations_visible_to(request.user).filter(meeting=meeting), pk=invitation_pk
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you will attend."))
        return redirect("meeting-detail", pk=pk)
    try:
        services.invitation_respond(actor=actor(request), invitation=invitation, **form.cleaned_data)
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(request, _("Your answer was recorded. Thank you."))
    return redirect("meeting-detail", pk=pk)


def invitation_answer_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link from the invitation mail: no login; valid for this invitation only, until it expires.

    Opening the link shows the answer to confirm; only the confirmation changes anything, so mail
    scanners that follow links cannot answer for the invitee.
    """
    invitation = invitation_from_token(token)
    if invitation is None:
        return render(request, "meetings/answer_link_invalid.html", status=404)
    page_council(request, invitation.meeting.council)
    initial = {
        "response": request.GET.get("answer") or invitation.response,
        "proxy_name": invitation.proxy_name,
    }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_respond(actor=None, invitation=invitation, via_link=True, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            invitation.refresh_from_db()
            return render(request, "meetings/answer_link.html", {"invitation": invitation, "done": True})
    return render(request, "meetings/answer_link.html", {"invitation": invitation, "form": form})


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """A phone-friendly checklist for taking attendance at the door."""
    meeting = managed_meeting(request, pk)
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "invitations": selectors.meeting_invitations(meeting=meeting),
            "quorum": selectors.meeting_quorum(meeting=meeting),
        },
    )


@login_required
@require_POST
def attendance_mark(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, meeting=meeting)
    value = request.POST.get("attended")
    attended = {"1": True, "0": False}.get(value or "")
    try:
        services.attendance_mark(actor=actor(request), invitation=invitation, attended=attended)
    except ValidationError as error:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(" ".join(error.messages), status=400)
        for message in error.messages:
            messages.error(request, message)
        return redirect("meeting-attendance", pk=pk)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "meetings/attendance.html#row",
            {
                "invitation": invitation,
                "meeting": meeting,
                "quorum": selectors.meeting_quorum(meeting=meeting),
                "oob": True,
            },
        )
    return redirect("meeting-attendance", pk=pk)


@login_required
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot of a written resolution: one vote per item, changeable until the window closes."""
    meeting = visible_meeting(request, pk)
    if meeting.kind != Meeting.Kind.WRITTEN:
        raise Http404
    invitation = (
        permissions.invitations_answerable_by(request.user)
        .filter(meeting=meeting, counts_for_quorum=True)
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.all()))
        .first()
    )
    if invitation is None:
        raise PermissionDenied
    return _ballot(request, invitation, actor=actor(request), via_link=False)


def ballot_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed ballot link from the notice of a written resolution: no login, this invitee only."""
    invitation = invitation_from_token(token, salt=VOTE_SALT)
    if invitation is None or not invitation.meeting.is_written or not invitation.counts_for_quorum:
        return render(request, "meetings/answer_link_invalid.html", status=404)
    page_council(request, invitation.meeting.council)
    return _ballot(request, invitation, actor=None, via_link=True)


def _ballot(
    request: HttpRequest, invitation: Invitation, *, actor: User | None, via_link: bool
) -> HttpResponse:
    meeting = invitation.meeting
    items = list(meeting.agenda_items.shared().order_by("order", "id"))
    if request.method == "POST":
        choices = {item.pk: choice for item in items if (choice := request.POST.get(f"item-{item.pk}"))}
        comments = {item_id: request.POST.get(f"comment-{item_id}", "") for item_id in choices}
        try:
            count = services.ballot_cast(
                actor=actor, invitation=invitation, choices=choices, comments=comments, via_link=via_link
            )
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(request, _("%(count)d votes were recorded.") % {"count": count})
        return redirect(request.get_full_path())
    cast = {vote.agenda_item_id: vote for vote in invitation.votes.all()}
    return render(
        request,
        "meetings/vote.html",
        {
            "meeting": meeting,
            "invitation": invitation,
            "rows": [{"item": item, "vote": cast.get(item.pk)} for item in items],
            "is_open": meeting.is_voting_open,
            "choices": Vote.Choice.choices,
        },
    )
