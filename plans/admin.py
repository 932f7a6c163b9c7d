"""Admin for the secretariat's bulk work on plans; budget lines, reports and plans keep their history."""

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from simple_history.admin import SimpleHistoryAdmin

from council.admin_access import RoleScopedAdmin
from plans import permissions
from plans.models import BudgetLine, Plan, ProgressReport, Project
from plans.services.figures import plan_figures_changed


def _plans(user: Any) -> QuerySet[Plan]:
    return permissions.plans_visible_to(user)


def _projects(user: Any) -> QuerySet[Project]:
    return permissions.projects_visible_to(user)


def _lines(user: Any) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(project__in=permissions.projects_visible_to(user))


def _reports(user: Any) -> QuerySet[ProgressReport]:
    return permissions.reports_visible_to(user)


def _plan_changeable(user: Any, plan: Plan) -> bool:
    return permissions.can_manage_plan(user, plan)


def _project_changeable(user: Any, project: Project) -> bool:
    return permissions.can_manage_plan(user, project.plan)


def _line_changeable(user: Any, line: BudgetLine) -> bool:
    return permissions.can_manage_plan(user, line.project.plan)


def _plan_adopted(obj: Any) -> bool:
    """An adopted plan, its projects and budget lines change only by a new revision of the plan."""
    plan = obj if isinstance(obj, Plan) else obj.plan if isinstance(obj, Project) else obj.project.plan
    return plan.is_approved


def _report_changeable(user: Any, report: ProgressReport) -> bool:
    # Reports change through their review workflow, never directly in the admin.
    return False


class FiguresAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    """Saving or deleting here changes the plan's figures as a service would: its revision moves on."""

    def _plan_id(self, obj: Any) -> int:
        raise NotImplementedError

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            plan_figures_changed(plan_ids=[self._plan_id(obj)])

    def delete_model(self, request: Any, obj: Any) -> None:
        with transaction.atomic():
            plan_id = self._plan_id(obj)
            super().delete_model(request, obj)
            plan_figures_changed(plan_ids=[plan_id])

    def delete_queryset(self, request: Any, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            plan_ids = [self._plan_id(obj) for obj in queryset]
            super().delete_queryset(request, queryset)
            plan_figures_changed(plan_ids=plan_ids)


@admin.register(Plan)
class PlanAdmin(FiguresAdmin):
    visible = staticmethod(_plans)
    can_change = staticmethod(_plan_changeable)
    locked = staticmethod(_plan_adopted)
    list_display = ["title", "council", "start_year", "end_year", "status", "version", "stated_total"]
    list_filter = ["status", "council"]
    search_fields = ["title", "vision"]
    readonly_fields = ["status", "version", "decided_by"]

    def _plan_id(self, obj: Plan) -> int:
        return obj.pk


@admin.register(Project)
class ProjectAdmin(FiguresAdmin):
    visible = staticmethod(_projects)
    can_change = staticmethod(_project_changeable)
    locked = staticmethod(_plan_adopted)
    list_display = ["code", "title", "plan", "lead_institution", "start_on", "end_on", "status"]
    list_filter = ["status", "plan"]
    search_fields = ["code", "title", "lead_institution__name"]
    raw_id_fields = ["task", "lead_institution", "plan"]

    def _plan_id(self, obj: Project) -> int:
        return obj.plan_id


@admin.register(BudgetLine)
class BudgetLineAdmin(FiguresAdmin):
    visible = staticmethod(_lines)
    can_change = staticmethod(_line_changeable)
    locked = staticmethod(_plan_adopted)
    list_display = ["project", "year", "source", "planned", "executed"]
    list_filter = ["year", "source"]
    search_fields = ["project__code", "project__title"]
    raw_id_fields = ["project"]
    readonly_fields = ["executed"]

    def _plan_id(self, obj: BudgetLine) -> int:
        return obj.project.plan_id


@admin.register(ProgressReport)
class ProgressReportAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    visible = staticmethod(_reports)
    can_change = staticmethod(_report_changeable)
    list_display = ["project", "round", "status", "percent_done", "submitted_at", "reviewed_at"]
    list_filter = ["status"]
    search_fields = ["project__code", "project__title"]
