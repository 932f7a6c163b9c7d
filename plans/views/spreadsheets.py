"""Spreadsheet pages of a plan: import from the template, download the template, export the plan."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from council.web.pages import actor, import_page, require, spreadsheet_response, visible_or_404
from plans import permissions
from plans.exports import plan_workbook
from plans.imports import PLAN_IMPORT
from plans.imports import plan_template as template_content
from plans.models import Plan


@login_required
def plan_import(request: HttpRequest, pk: int) -> HttpResponse:
    plan: Plan = visible_or_404(permissions.plans_visible_to(request.user), pk)
    require(permissions.can_manage_plan(request.user, plan))
    return import_page(
        request,
        kind=PLAN_IMPORT,
        council=plan.council,
        params={"plan": plan.pk},
        template="plans/import.html",
        context={"plan": plan},
    )


@login_required
def plan_template(request: HttpRequest) -> HttpResponse:
    return spreadsheet_response(template_content(), filename="plan-template.xlsx")


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan: Plan = visible_or_404(permissions.plans_visible_to(request.user).select_related("council"), pk)
    stamp = timezone.localdate().isoformat()
    return spreadsheet_response(
        plan_workbook(plan=plan, user=actor(request)), filename=f"plan-{plan.pk}-{stamp}.xlsx"
    )
