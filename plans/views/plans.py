"""Plan pages: list, detail with the strategy → task → project tree, add and edit, approval and
revisions, and the strategies and tasks of a plan."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.selectors import request_council
from council.web.flash import flash_validation_error
from council.web.listing import list_filter, page_of, render_list
from council.web.page_cache import Clock, cached_page
from council.web.pages import (
    actor,
    apply_errors,
    edit_or_delete,
    model_fields,
    require,
    submit,
    visible_or_404,
)
from plans import permissions, services
from plans.filters import PlanFilter
from plans.forms import PlanDecisionForm, PlanForm, PlanTaskForm, StrategyForm
from plans.models import Plan, PlanTask, Strategy
from plans.selectors import history, lists


def _plan(request: HttpRequest, pk: int) -> Plan:
    return visible_or_404(lists.plan_detail_queryset(user=request.user), pk)


@cached_page(clock=Clock.DAY)
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans the user may open; a visitor gets the published plans, each with its progress page."""
    if not request.user.is_authenticated:
        published = (
            permissions.plans_published().select_related("council").order_by("council__name", "-start_year")
        )
        return render(request, "plans/plan_list_public.html", {"plans": list(published)})
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
            "can_change": permissions.can_change_plan(request.user, plan),
            "oversees": permissions.can_oversee_plan(request.user, plan),
            "is_public": permissions.is_published(plan),
            "tab": "overview",
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    council = request_council(request)
    require(permissions.can_create_plan(request.user, council))
    assert council is not None
    form = PlanForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.plan_create(actor=actor(request), council=council, **data),
        done=lambda plan: plan,
    )
    return done or render(request, "plans/plan_form.html", {"form": form, "council": council})


@login_required
def plan_update(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    require(permissions.can_manage_plan(request.user, plan))
    form = PlanForm(request.POST or None, instance=plan)
    done = submit(
        request,
        form,
        lambda data: services.plan_update(actor=actor(request), plan=plan, **model_fields(PlanForm, data)),
        done=lambda plan: plan,
    )
    if done:
        return done
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


@login_required
@require_POST
def plan_revision_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff open a revision of the adopted plan: its structure, budgets and KPIs become editable."""
    plan = _plan(request, pk)
    require(permissions.can_manage_plan(request.user, plan))
    try:
        services.plan_revision_open(actor=actor(request), plan=plan)
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(
            request,
            _("A revision is open: make the changes the council decided, then record the revision."),
        )
    return redirect("plan-detail", pk=plan.pk)


@login_required
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed in the plan's budget lines and projects, newest first, and who changed it."""
    plan = _plan(request, pk)
    require(permissions.can_oversee_plan(request.user, plan))
    changes = page_of(request, history.budget_changes(plan=plan), 50)
    context = {
        "plan": plan,
        "page_obj": changes,
        "projects": history.project_changes(plan=plan)[:50],
        "versions": lists.plan_versions(plan=plan),
        "oversees": True,
        "is_public": permissions.is_published(plan),
        "tab": "history",
    }
    return render(request, "plans/plan_history.html", context)


# Strategies and tasks


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "plans/form.html", context)


@login_required
def strategy_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    require(permissions.can_manage_plan(request.user, plan))
    form = StrategyForm(request.POST or None, initial={"order": plan.strategies.count() + 1})
    done = submit(
        request,
        form,
        lambda data: services.strategy_create(actor=actor(request), plan=plan, **data),
        done=lambda _strategy: plan,
    )
    return done or _form_page(request, {"form": form, "plan": plan, "title": _("Add a strategy")})


@login_required
def strategy_update(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = visible_or_404(
        Strategy.objects.filter(plan__in=permissions.plans_visible_to(request.user)).select_related("plan"),
        pk,
    )
    plan = strategy.plan
    require(permissions.can_manage_plan(request.user, plan))
    form = StrategyForm(request.POST or None, instance=strategy)
    done = edit_or_delete(
        request,
        form,
        lambda data: services.strategy_update(
            actor=actor(request), strategy=strategy, **model_fields(StrategyForm, data)
        ),
        done=lambda _strategy: plan,
        delete=lambda: services.strategy_delete(actor=actor(request), strategy=strategy),
        deleted=_("The strategy was deleted."),
        deleted_url=plan.get_absolute_url(),
    )
    return done or _form_page(
        request, {"form": form, "plan": plan, "title": _("Edit strategy"), "deletable": True}
    )


@login_required
def plan_task_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    require(permissions.can_manage_plan(request.user, plan))
    initial = {"strategy": request.GET.get("strategy"), "order": plan.tasks.count() + 1}
    form = PlanTaskForm(request.POST or None, plan=plan, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.plan_task_create(actor=actor(request), plan=plan, **data),
        done=lambda _task: plan,
    )
    return done or _form_page(request, {"form": form, "plan": plan, "title": _("Add a task")})


@login_required
def plan_task_update(request: HttpRequest, pk: int) -> HttpResponse:
    task = visible_or_404(
        PlanTask.objects.filter(plan__in=permissions.plans_visible_to(request.user)).select_related("plan"),
        pk,
    )
    plan = task.plan
    require(permissions.can_manage_plan(request.user, plan))
    form = PlanTaskForm(request.POST or None, instance=task, plan=plan)
    done = edit_or_delete(
        request,
        form,
        lambda data: services.plan_task_update(
            actor=actor(request), task=task, **model_fields(PlanTaskForm, data)
        ),
        done=lambda _task: plan,
        delete=lambda: services.plan_task_delete(actor=actor(request), task=task),
        deleted=_("The task was deleted."),
        deleted_url=plan.get_absolute_url(),
    )
    return done or _form_page(
        request, {"form": form, "plan": plan, "title": _("Edit task"), "deletable": True}
    )
