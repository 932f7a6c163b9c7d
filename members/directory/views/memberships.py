"""Council seat pages: the list with filters and terms ending soon, add, edit, end a term."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.selectors import request_council
from council.web.flash import flash_validation_error
from council.web.listing import list_filter, render_list
from council.web.page_cache import Clock, cached_page
from council.web.pages import actor, apply_errors, require, visible_or_404
from members.directory import permissions, services
from members.directory.filters import MembershipFilter
from members.directory.forms import MembershipEndForm, MembershipForm
from members.directory.selectors import ending_soon_cutoff
from members.directory.selectors import membership_list as select_memberships
from members.models import Membership


@login_required
@cached_page(clock=Clock.DAY)
def membership_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(
        request, filterset_class=MembershipFilter, queryset=select_memberships(user=request.user)
    )
    council = request_council(request)
    return render_list(
        request,
        "members/membership_list.html",
        filterset=filterset,
        context={
            "council": council,
            "can_create": council is not None and permissions.can_manage_memberships(request.user, council),
            "today": timezone.localdate(),
            "soon": ending_soon_cutoff(),
        },
        per_page=50,
    )


def _form(request: HttpRequest, instance: Membership | None = None) -> MembershipForm:
    return MembershipForm(
        request.POST or None,
        instance=instance,
        institutions=permissions.institutions_visible_to(request.user).filter(is_active=True),
        people=permissions.people_visible_to(request.user).filter(is_active=True),
    )


@login_required
def membership_create(request: HttpRequest) -> HttpResponse:
    council = request_council(request)
    require(council is not None and permissions.can_manage_memberships(request.user, council))
    assert council is not None
    form = _form(request)
    if not request.POST and (institution := request.GET.get("institution")):
        form.initial["institution"] = institution
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(actor=actor(request), council=council, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The seat was added to %(council)s.") % {"council": council.name})
            return redirect("membership-list")
    return render(request, "members/membership_form.html", {"form": form, "council": council})


@login_required
def membership_update(request: HttpRequest, pk: int) -> HttpResponse:
    membership = visible_or_404(
        permissions.memberships_visible_to(request.user).select_related("council"), pk
    )
    require(permissions.can_manage_memberships(request.user, membership.council))
    form = _form(request, membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(actor=actor(request), membership=membership, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The seat was saved."))
            return redirect("membership-list")
    history = membership.history.select_related("history_user").order_by("-history_date")[:20]
    return render(
        request,
        "members/membership_form.html",
        {
            "form": form,
            "membership": membership,
            "council": membership.council,
            "end_form": MembershipEndForm(initial={"term_end": timezone.localdate()}),
            "history": history,
        },
    )


@login_required
@require_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = visible_or_404(
        permissions.memberships_visible_to(request.user).select_related("council"), pk
    )
    form = MembershipEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the last day of the term."))
        return redirect("membership-update", pk=pk)
    try:
        services.membership_end(actor=actor(request), membership=membership, on=form.cleaned_data["term_end"])
    except ValidationError as error:
        flash_validation_error(request, error)
        return redirect("membership-update", pk=pk)
    messages.success(request, _("The term ends on %(date)s.") % {"date": form.cleaned_data["term_end"]})
    return redirect("membership-list")
