"""Follow-up action pages: the list across meetings, one action with its progress notes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from council.web.flash import flash_form_errors, flash_validation_error
from council.web.listing import list_filter, render_list
from council.web.navigation import detail_sections
from council.web.page_cache import Clock, cached_page
from council.web.pages import actor
from meetings import permissions, selectors, services
from meetings.filters import ActionFilter
from meetings.forms import ActionUpdateForm
from meetings.views.common import action_form, back_to_meeting, managed_meeting, meeting_form_page


@login_required
@cached_page(clock=Clock.DAY)
def action_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(
        request, filterset_class=ActionFilter, queryset=selectors.action_list(user=request.user)
    )
    return render_list(request, "meetings/action_list.html", filterset=filterset)


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(selectors.action_list(user=request.user), pk=pk)
    can_update = permissions.can_update_action(request.user, action)
    form = ActionUpdateForm(request.POST or None, initial={"status": action.status, "due_on": action.due_on})
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.action_update(actor=actor(request), action=action, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The action was updated."))
                return redirect("action-detail", pk=pk)
    return render(
        request,
        "meetings/action_detail.html",
        {
            "action": action,
            "form": form,
            "can_update": can_update,
            "manages": permissions.can_manage_action(request.user, action),
            "comments": action.comments.select_related("author"),
            "history": action.history.select_related("history_user").order_by("-history_date")[:20],
            "sections": detail_sections(request, "action", action),
        },
    )


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    if request.method != "POST":
        return meeting_form_page(
            request,
            meeting,
            action_form(meeting),
            ability="record_actions",
            heading=_("Record a follow-up action"),
            submit_label=_("Record"),
            anchor="actions",
        )
    form = action_form(meeting, request.POST)
    if form.is_valid():
        try:
            services.action_create(actor=actor(request), meeting=meeting, **form.cleaned_data)
            messages.success(request, _("The follow-up action was recorded."))
        except ValidationError as error:
            flash_validation_error(request, error)
    else:
        flash_form_errors(request, form)
    return back_to_meeting(pk, "actions")
