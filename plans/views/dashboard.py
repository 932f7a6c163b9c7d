"""The officials' dashboard of a plan, and the public progress page of an approved plan."""

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from council.filters import parse_id
from council.web.listing import filters_applied
from council.web.page_cache import Clock, cached_page
from council.web.pages import page_council, visible_or_404
from plans import permissions
from plans.filters import PlanScopeFilter
from plans.models import Plan, Project
from plans.selectors.dashboard import Dashboard, dashboard
from plans.selectors.figures import figures_cached
from plans.selectors.scope import Scope


def _rate(value: Decimal | None) -> float | None:
    """For the chart only: the table beside it shows the exact figure."""
    return None if value is None else round(float(value * 100), 1)


def chart_data(board: Dashboard) -> dict[str, Any]:
    """What the charts draw, as JSON; amounts in hundred-million won (억 원) for the axes."""
    eok = Decimal(10**8)
    return {
        "byStrategy": {
            "labels": [row.code for row in board.breakdown],
            "planned": [float(Decimal(row.totals.planned) / eok) for row in board.breakdown],
            "executed": [float(Decimal(row.totals.executed) / eok) for row in board.breakdown],
            "rate": [_rate(row.totals.execution_rate) for row in board.breakdown],
        },
        "byYear": {
            "labels": [str(year) for year, _totals in board.by_year],
            "planned": [float(Decimal(totals.planned) / eok) for _year, totals in board.by_year],
            "executed": [float(Decimal(totals.executed) / eok) for _year, totals in board.by_year],
            "rate": [_rate(totals.execution_rate) for _year, totals in board.by_year],
        },
        "distribution": {
            "labels": [label for _key, label, _count in board.distribution],
            "counts": [count for _key, _label, count in board.distribution],
        },
        "labels": {
            "planned": _("Planned"),
            "executed": _("Executed"),
            "rate": _("Execution rate (%)"),
            "eok": _("100 million won"),
            "projects": _("Projects"),
        },
    }


def _breakdown_labels() -> dict[str, str]:
    return {
        "strategy": _("Strategies"),
        "task": _("Tasks of the strategy"),
        "project": _("Projects of the task"),
    }


def _board_html(plan: Plan, scope: Scope) -> str:
    board = dashboard(scope=scope)
    context = {
        "plan": plan,
        "board": board,
        "chart": chart_data(board),
        "breakdown_title": _breakdown_labels()[scope.level],
        "dashboard_path": reverse("plan-dashboard", args=[plan.pk]),
        "project_list_url": reverse("project-list"),
    }
    return render_to_string("plans/includes/board.html", context)


def _filter_html(filterset: PlanScopeFilter) -> str:
    return render_to_string("plans/includes/scope_filter.html", {"filter": filterset})


def _asked(query: QueryDict) -> str | None:
    """The filters asked for, as they go into the cache key ("" for none); None when the query holds
    anything but the filter set's own filters with ids or years, which is then worked out afresh for
    that request and not cached."""
    asked = []
    for name, values in query.lists():
        if name not in PlanScopeFilter.base_filters or len(values) != 1:
            return None
        if values[0]:
            number = parse_id(values[0])
            if number is None:
                return None
            asked.append(f"{name}={number}")
    return "&".join(sorted(asked))


@login_required
@cached_page(clock=Clock.DAY)
def plan_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """Stated vs planned vs executed, execution by strategy and year, progress, late or stalled
    projects and KPI achievement, narrowed by year, strategy, task and lead institution.

    The filter's selects (a large plan offers hundreds of options), what the filters did not
    understand, and the figures follow from the plan and the filters asked for, so they are worked
    out once per plan revision, filters, day and language and read back in one cache lookup: a
    click through the drill-downs builds no filter form and sums nothing."""
    plan: Plan = visible_or_404(permissions.plans_visible_to(request.user).select_related("council"), pk)

    def render_figures() -> tuple[str, str, dict[str, list[str]]]:
        filterset = PlanScopeFilter(
            request.GET or None, queryset=Project.objects.none(), plan=plan, request=request
        )
        scope, errors = Scope(plan=plan), {}
        if filterset.is_bound and filterset.is_valid():
            scope = filterset.scope()
        elif filterset.is_bound:  # what was not understood is said, and the whole plan shown
            errors = {name: [str(error) for error in found] for name, found in filterset.errors.items()}
        return _filter_html(filterset), _board_html(plan, scope), errors

    asked = _asked(request.GET)
    if asked is None:
        filter_html, board_html, errors = render_figures()
    else:
        filter_html, board_html, errors = figures_cached(
            plan=plan, part=f"dashboard?{asked}", scope=Scope(plan=plan), compute=render_figures
        )
    if getattr(request, "htmx", False) and not request.htmx.boosted:  # type: ignore[attr-defined]
        return HttpResponse(board_html)
    context = {
        "plan": plan,
        "filters_applied": filters_applied(request, PlanScopeFilter.base_filters),
        "filter_html": mark_safe(filter_html),  # noqa: S308 - rendered by the template engine above
        "filter_errors": errors,
        "board_html": mark_safe(board_html),  # noqa: S308
        "tab": "dashboard",
        "oversees": permissions.can_oversee_plan(request.user, plan),
        "can_manage": permissions.can_manage_plan(request.user, plan),
        "is_public": permissions.is_published(plan),
    }
    return render(request, "plans/dashboard.html", context)


def plan_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page of an approved plan's progress, when its council is published."""
    plan: Plan = visible_or_404(permissions.plans_published().select_related("council"), pk)
    page_council(request, plan.council)
    scope = Scope(plan=plan)

    def render_figures() -> str:
        board = dashboard(scope=scope, attention=False)
        return render_to_string(
            "plans/includes/public_figures.html", {"plan": plan, "board": board, "chart": chart_data(board)}
        )

    figures_html = figures_cached(plan=plan, part="public", scope=scope, compute=render_figures)
    return render(
        request,
        "plans/progress_public.html",
        {"plan": plan, "figures_html": mark_safe(figures_html)},  # noqa: S308 - rendered by the template engine
    )
