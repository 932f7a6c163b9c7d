"""Plan pages: list, detail with the strategy → task → project tree, add and edit, approval and
revisions, and the strategies and tasks of a plan."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from council.listing import list_filter, render_list
from council.selectors import request_council
from members.views.common import apply_errors, saved
from plans import permissions, services
from plans.filters import PlanFilter
from plans.forms import PlanDecisionForm, PlanForm, PlanTaskForm, StrategyForm
from plans.models import Plan, PlanTask, Strategy
from plans.selectors import lists
from plans.views.common import actor, require, visible_or_404


def _plan(request: HttpRequest, pk: int) -> Plan:
    return visible_or_404(lists.plan_list(user=request.user), pk)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(request, filterset_class=PlanFilter, queryset=lists.plan_list(user=request.user))
    council = request_council(request)
    return render_list(
        request,
        "plans/plan_list.html",
        filterset=filterset,
        context={"council": council, "can_create": permissions.can_create_plan(request.user, council)},
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    manage = permissions.can_manage_plan(request.user, plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "overview": lists.plan_overview(plan=plan),
            "tree": lists.plan_tree(plan=plan),
            "versions": lists.plan_versions(plan=plan),
            "can_manage": manage,
            "oversees": permissions.can_oversee_plan(request.user, plan),
            "is_public": plan.is_approved and plan.council.is_public,
            "tab": "overview",
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    council = request_council(request)
    require(permissions.can_create_plan(request.user, council))
    assert council is not None
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=actor(request), council=council, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            saved(request, plan.title)
            return redirect("plan-detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "council": council})


@login_required
def plan_update(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    require(permissions.can_manage_plan(request.user, plan))
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                actor=actor(request),
                plan=plan,
                **{name: form.cleaned_data[name] for name in PlanForm.Meta.fields},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            saved(request, plan.title)
            return redirect("plan-detail", pk=plan.pk)
    history = plan.history.select_related("history_user").order_by("-history_date")[:20]
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan, "history": history})


def _decision(request: HttpRequest, pk: int, *, revision: bool) -> HttpResponse:
    plan = _plan(request, pk)
    require(permissions.can_manage_plan(request.user, plan))
    form = PlanDecisionForm(request.POST or None, items=lists.deciding_items(plan=plan), revision=revision)
    if request.method == "POST" and form.is_valid():
        change = services.plan_revise if revision else services.plan_approve
        try:
            version = change(
                actor=actor(request),
                plan=plan,
                agenda_item=form.cleaned_data["agenda_item"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)d of the plan is recorded, as decided by %(item)s.")
                % {"number": version.number, "item": form.cleaned_data["agenda_item"].title},
            )
            return redirect("plan-detail", pk=plan.pk)
    return render(request, "plans/plan_decision.html", {"form": form, "plan": plan, "revision": revision})


@login_required
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision(request, pk, revision=False)


@login_required
def plan_revise(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision(request, pk, revision=True)


# Strategies and tasks


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "plans/form.html", context)


@login_required
def strategy_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    require(permissions.can_manage_plan(request.user, plan))
    form = StrategyForm(request.POST or None, initial={"order": plan.strategies.count() + 1})
    if request.method == "POST" and form.is_valid():
        try:
            strategy = services.strategy_create(actor=actor(request), plan=plan, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            saved(request, str(strategy))
            return redirect("plan-detail", pk=plan.pk)
    return _form_page(request, {"form": form, "plan": plan, "title": _("Add a strategy")})


@login_required
def strategy_update(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = visible_or_404(
        Strategy.objects.filter(plan__in=permissions.plans_visible_to(request.user)).select_related("plan"),
        pk,
    )
    plan = strategy.plan
    require(permissions.can_manage_plan(request.user, plan))
    form = StrategyForm(request.POST or None, instance=strategy)
    if request.method == "POST":
        if "delete" in request.POST:
            try:
                services.strategy_delete(actor=actor(request), strategy=strategy)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("strategy-update", pk=strategy.pk)
            messages.success(request, _("The strategy was deleted."))
            return redirect("plan-detail", pk=plan.pk)
        if form.is_valid():
            try:
                services.strategy_update(
                    actor=actor(request),
                    strategy=strategy,
                    **{name: form.cleaned_data[name] for name in StrategyForm.Meta.fields},
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                saved(request, str(strategy))
                return redirect("plan-detail", pk=plan.pk)
    return _form_page(request, {"form": form, "plan": plan, "title": _("Edit strategy"), "deletable": True})


@login_required
def plan_task_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    require(permissions.can_manage_plan(request.user, plan))
    initial = {"strategy": request.GET.get("strategy"), "order": plan.tasks.count() + 1}
    form = PlanTaskForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.plan_task_create(actor=actor(request), plan=plan, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            saved(request, str(task))
            return redirect("plan-detail", pk=plan.pk)
    return _form_page(request, {"form": form, "plan": plan, "title": _("Add a task")})


@login_required
def plan_task_update(request: HttpRequest, pk: int) -> HttpResponse:
    task = visible_or_404(
        PlanTask.objects.filter(plan__in=permissions.plans_visible_to(request.user)).select_related("plan"),
        pk,
    )
    plan = task.plan
    require(permissions.can_manage_plan(request.user, plan))
    form = PlanTaskForm(request.POST or None, instance=task, plan=plan)
    if request.method == "POST":
        if "delete" in request.POST:
            try:
                services.plan_task_delete(actor=actor(request), task=task)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("plan-task-update", pk=task.pk)
            messages.success(request, _("The task was deleted."))
            return redirect("plan-detail", pk=plan.pk)
        if form.is_valid():
            try:
                services.plan_task_update(
                    actor=actor(request),
                    task=task,
                    **{name: form.cleaned_data[name] for name in PlanTaskForm.Meta.fields},
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                saved(request, str(task))
                return redirect("plan-detail", pk=plan.pk)
    return _form_page(request, {"form": form, "plan": plan, "title": _("Edit task"), "deletable": True})
