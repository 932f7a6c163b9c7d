"""Spreadsheet pages of a plan: import from the template, download the template, export the plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from council.pages import actor, require, spreadsheet_response, visible_or_404
from council.spreadsheets import ImportRejected, RowError, SpreadsheetError
from members.forms import SpreadsheetImportForm
from plans import permissions
from plans.exports import plan_workbook
from plans.imports import plan_import as import_plan
from plans.imports import plan_template as template_content
from plans.models import Plan


@login_required
def plan_import(request: HttpRequest, pk: int) -> HttpResponse:
    plan: Plan = visible_or_404(permissions.plans_visible_to(request.user), pk)
    require(permissions.can_manage_plan(request.user, plan))
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
    errors: list[RowError] = []
    if request.method == "POST" and form.is_valid():
        try:
            report = import_plan(actor=actor(request), plan=plan, upload=form.cleaned_data["file"])
        except SpreadsheetError as error:
            form.add_error("file", str(error))
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                _(
                    "Import complete: %(strategies)d strategies, %(tasks)d tasks, %(projects)d projects "
                    "and %(lines)d budget lines added."
                )
                % {
                    "strategies": report.strategies,
                    "tasks": report.tasks,
                    "projects": report.projects,
                    "lines": report.lines,
                },
            )
            return redirect("plan-detail", pk=plan.pk)
    return render(request, "plans/import.html", {"form": form, "errors": errors, "plan": plan})


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
