"""Minutes pages: write in Markdown with a preview, circulate, comment, approve, versions, print."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from council.web.flash import flash_validation_error
from council.web.markdown import render_markdown
from council.web.pages import actor
from meetings import permissions, selectors, services
from meetings.forms import CirculateForm, CommentForm, MinutesForm
from meetings.hwpx import hwpx_response, minutes_hwpx
from meetings.minutes_draft import minutes_draft
from meetings.models import Meeting, Minutes
from meetings.pdf import minutes_pdf
from meetings.views.common import managed_meeting


def _minutes(request: HttpRequest, pk: int) -> Minutes:
    """The meeting's minutes, if the user may read them; otherwise a 404."""
    minutes = (
        permissions.minutes_visible_to(request.user)
        .filter(meeting_id=pk)
        .select_related("meeting", "meeting__council", "approved_by")
        .first()
    )
    if minutes is None:
        raise Http404
    return minutes


@login_required
def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = _minutes(request, pk)
    meeting = minutes.meeting
    can = permissions.minutes_abilities(request.user, minutes)
    return render(
        request,
        "meetings/minutes_detail.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "body": render_markdown(minutes.body),
            "can": can,
            "comments": minutes.comments.select_related("author"),
            "comment_form": CommentForm(),
            "circulate_form": CirculateForm(
                initial={"comments_until": timezone.localdate() + timedelta(days=7)}
            ),
            "items": permissions.agenda_items_visible_to(request.user)
            .filter(meeting=meeting)
            .order_by("order", "id"),
            "versions": selectors.minutes_versions(minutes=minutes)[:30] if can.see_versions else [],
        },
    )


@login_required
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.is_locked:
        messages.error(request, _("Approved minutes are locked and cannot be changed."))
        return redirect("minutes-detail", pk=pk)
    if request.method == "POST" and request.POST.get("action") in {"draft", "keep"}:
        return _minutes_draft(request, meeting, minutes)
    opened = {"body": minutes.body if minutes else "", "based_on": minutes.version if minutes else 0}
    form = MinutesForm(request.POST or None, initial=opened)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                actor=actor(request),
                meeting=meeting,
                body=form.cleaned_data["body"],
                based_on=form.cleaned_data["based_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("minutes-detail", pk=pk)
    return render(
        request, "meetings/minutes_form.html", {"meeting": meeting, "minutes": minutes, "form": form}
    )


def _minutes_draft(request: HttpRequest, meeting: Meeting, minutes: Minutes | None) -> HttpResponse:
    """Fill the editor with a draft from the meeting's record (nothing is saved). Text already in
    the editor is replaced only once the person confirms it."""
    written = request.POST.get("body", "").strip()
    context = {"meeting": meeting, "minutes": minutes}
    based_on = request.POST.get("based_on", "")
    if request.POST.get("action") == "keep":
        form = MinutesForm(initial={"body": request.POST.get("body", ""), "based_on": based_on})
        return render(request, "meetings/minutes_form.html", {**context, "form": form})
    if written and request.POST.get("confirm") != "1":
        form = MinutesForm(initial={"body": request.POST.get("body", ""), "based_on": based_on})
        return render(request, "meetings/minutes_form.html", {**context, "form": form, "confirm_draft": True})
    form = MinutesForm(initial={"body": minutes_draft(meeting), "based_on": based_on})
    messages.info(request, _("Drafted from the meeting's record: check and complete it, then save."))
    return render(request, "meetings/minutes_form.html", {**context, "form": form})


@login_required
@require_POST
def minutes_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the Markdown being written, rendered exactly as it will be shown."""
    managed_meeting(request, pk)
    return HttpResponse(render_markdown(request.POST.get("body", "")))


@login_required
@require_POST
def minutes_circulate(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = _minutes(request, pk)
    form = CirculateForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_circulate(actor=actor(request), minutes=minutes, **form.cleaned_data)
            messages.success(request, _("The draft minutes were sent to the attendees."))
        except ValidationError as error:
            flash_validation_error(request, error)
    return redirect("minutes-detail", pk=pk)


@login_required
@require_POST
def minutes_comment(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = _minutes(request, pk)
    form = CommentForm(request.POST)
    if not permissions.can_comment_on_minutes(request.user, minutes):
        raise PermissionDenied
    if form.is_valid():
        try:
            services.minutes_comment_add(
                actor=actor(request), minutes=minutes, body=form.cleaned_data["body"]
            )
            messages.success(request, _("Your comment was added."))
        except ValidationError as error:
            flash_validation_error(request, error)
    return redirect("minutes-detail", pk=pk)


@login_required
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (open comments, a comment period still running), then approves and locks."""
    minutes = _minutes(request, pk)
    if request.method != "POST":
        points = [_("Approved minutes are locked: they can no longer be changed or commented on.")]
        comments = minutes.comments.filter(version=minutes.version).count()
        if comments:
            points.append(
                ngettext(
                    "%(count)d comment was made on this version; check it was taken into account.",
                    "%(count)d comments were made on this version; check they were taken into account.",
                    comments,
                )
                % {"count": comments}
            )
        if minutes.comments_until and minutes.comments_until >= timezone.localdate():
            points.append(
                _("The comment period runs until %(date)s.")
                % {"date": date_format(minutes.comments_until, "DATE_FORMAT")}
            )
        context = {
            "meeting": minutes.meeting,
            "title": _("Approve and lock the minutes"),
            "points": points,
            "button": _("Approve and lock"),
            "back": reverse("minutes-detail", args=[pk]),
        }
        return render(request, "meetings/confirm.html", context)
    try:
        services.minutes_approve(actor=actor(request), minutes=minutes)
        messages.success(request, _("The minutes were approved and are now locked."))
    except ValidationError as error:
        flash_validation_error(request, error)
    return redirect("minutes-detail", pk=pk)


@login_required
def minutes_version(request: HttpRequest, pk: int, history_id: int) -> HttpResponse:
    """An earlier version of the minutes, as it was saved."""
    minutes = _minutes(request, pk)
    if not permissions.can_manage_meeting(request.user, minutes.meeting):
        raise PermissionDenied
    record = minutes.history.filter(history_id=history_id).first()
    if record is None:
        raise Http404
    return render(
        request,
        "meetings/minutes_version.html",
        {
            "meeting": minutes.meeting,
            "minutes": minutes,
            "record": record,
            "body": render_markdown(record.body),
        },
    )


@login_required
def minutes_hwpx_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as HWPX, for the offices that file them in Hangul."""
    minutes = _minutes(request, pk)
    meeting = minutes.meeting
    return hwpx_response(
        minutes_hwpx(meeting), f"{meeting.council.short_name} {meeting.label} {_('minutes')}"
    )


@login_required
def minutes_print(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = _minutes(request, pk)
    response = HttpResponse(minutes_pdf(minutes.meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{minutes.meeting_id}.pdf"'
    return response
