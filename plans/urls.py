from django.urls import path

from plans.views import dashboard, plans, projects, reports, spreadsheets

urlpatterns = [
    path("plans/", plans.plan_list, name="plan-list"),
    path("plans/new/", plans.plan_create, name="plan-create"),
    path("plans/template.xlsx", spreadsheets.plan_template, name="plan-template"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_update, name="plan-update"),
    path("plans/<int:pk>/approve/", plans.plan_approve, name="plan-approve"),
    path("plans/<int:pk>/revise/", plans.plan_revise, name="plan-revise"),
    path("plans/<int:pk>/revision/open/", plans.plan_revision_open, name="plan-revision-open"),
    path("plans/<int:pk>/history/", plans.plan_history, name="plan-history"),
    path("plans/<int:pk>/dashboard/", dashboard.plan_dashboard, name="plan-dashboard"),
    path("plans/<int:pk>/progress/", dashboard.plan_progress, name="plan-progress"),
    path("plans/<int:pk>/rounds/", reports.plan_rounds, name="plan-rounds"),
    path("plans/<int:pk>/import/", spreadsheets.plan_import, name="plan-import"),
    path("plans/<int:pk>/export.xlsx", spreadsheets.plan_export, name="plan-export"),
    path("plans/<int:pk>/strategies/new/", plans.strategy_create, name="strategy-create"),
    path("plans/<int:pk>/tasks/new/", plans.plan_task_create, name="plan-task-create"),
    path("plans/<int:pk>/projects/new/", projects.project_create, name="project-create"),
    path("plans/strategies/<int:pk>/", plans.strategy_update, name="strategy-update"),
    path("plans/tasks/<int:pk>/", plans.plan_task_update, name="plan-task-update"),
    path("projects/", projects.project_list, name="project-list"),
    path("projects/<int:pk>/", projects.project_detail, name="project-detail"),
    path("projects/<int:pk>/edit/", projects.project_update, name="project-update"),
    path("projects/<int:pk>/budget/", projects.project_budget, name="project-budget"),
    path("projects/<int:pk>/participants/", projects.project_participants, name="project-participants"),
    path("projects/<int:pk>/kpis/new/", projects.indicator_create, name="indicator-create"),
    path("projects/<int:pk>/links/", projects.project_links, name="project-links"),
    path(
        "projects/participants/<int:pk>/delete/", projects.participation_delete, name="participation-delete"
    ),
    path("projects/kpis/<int:pk>/", projects.indicator_update, name="indicator-update"),
    path("reports/", reports.report_list, name="report-list"),
    path("reports/<int:pk>/", reports.report_detail, name="report-detail"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report-edit"),
    path("reports/<int:pk>/review/", reports.report_review, name="report-review"),
    path("reports/<int:pk>/reopen/", reports.report_reopen, name="report-reopen"),
    path("reports/<int:pk>/parts/<int:institution_pk>/", reports.report_contribute, name="report-contribute"),
    path("reports/kpi-actuals/<int:pk>/verify/", reports.actual_verify, name="actual-verify"),
    path("reports/kpi-actuals/<int:pk>/evidence/", reports.actual_evidence, name="actual-evidence"),
]
