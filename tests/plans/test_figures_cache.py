"""Cached plan figures are never older than the data: every write that changes a figure moves the
plan's revision on, so the next page shows the new figure, and the cached figures always equal the
plain SQL sums."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse

from plans import services
from plans.models import BudgetLine, Plan, ProgressReport
from plans.selectors.figures import figures_key
from plans.selectors.scope import Scope
from plans.services.figures import plan_figures_changed
from tests.plans.factories import BudgetLineFactory, PlanFactory, ProjectFactory
from tests.plans.test_imports import HEADER, good_rows, xlsx


def _summary(api, user, plan) -> dict:
    response = api(user).get(f"/api/v1/plans/{plan.pk}/summary/")
    assert response.status_code == 200
    return response.json()


def _sql_totals(plan) -> tuple[int, int]:
    sums = BudgetLine.objects.filter(project__plan=plan).aggregate(
        planned=Sum("planned"), executed=Sum("executed")
    )
    return int(sums["planned"] or 0), int(sums["executed"] or 0)


def _assert_equal_to_sql(api, user, plan) -> dict:
    summary = _summary(api, user, plan)
    assert (summary["totals"]["planned"], summary["totals"]["executed"]) == _sql_totals(plan)
    return summary


def _accepted(busan_plan, lead, fay, amount: int) -> ProgressReport:
    report = busan_plan.led_report
    services.report_save(
        actor=lead,
        report=report,
        narrative="진행",
        percent_done=40,
        executions={busan_plan.led_line.pk: amount},
    )
    services.report_submit(actor=lead, report=report)
    return services.report_accept(actor=fay, report=report)


def test_a_page_read_right_after_a_write_shows_the_new_figure(api, login, dave, fay, busan_revision):
    busan_plan = busan_revision
    plan = busan_plan.plan
    before = _assert_equal_to_sql(api, fay, plan)
    dashboard = reverse("plan-dashboard", args=[plan.pk])
    assert "30억" in login(fay).get(dashboard).content.decode()

    services.budget_line_update(actor=dave, line=busan_plan.led_line, planned=2_000_000_000)
    after = _assert_equal_to_sql(api, fay, plan)
    assert after["totals"]["planned"] == before["totals"]["planned"] + 1_000_000_000
    assert "40억" in login(fay).get(dashboard).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_cached_dashboard_shows_the_new_figure_once_the_write_commits(
    settings, login, dave, fay, busan_revision
):
    """With whole pages cached too (council.web.page_cache), as the portal runs on Redis."""
    settings.PAGE_CACHE = True
    busan_plan = busan_revision
    dashboard = reverse("plan-dashboard", args=[busan_plan.plan.pk])
    client = login(fay)
    for _round in range(3):
        assert "30억" in client.get(dashboard).content.decode()

    services.budget_line_update(actor=dave, line=busan_plan.led_line, planned=2_000_000_000)
    assert "40억" in client.get(dashboard).content.decode()


def test_figures_follow_report_acceptance_reopening_edits_and_deletions(api, dave, fay, erin, busan_revision):
    busan_plan = busan_revision
    plan = busan_plan.plan
    _assert_equal_to_sql(api, fay, plan)

    _accepted(busan_plan, erin, fay, 250_000_000)
    summary = _assert_equal_to_sql(api, fay, plan)
    assert summary["totals"]["executed"] == 250_000_000
    assert summary["progress"]["projects_with_accepted_report"] == 1

    services.report_reopen(actor=dave, report=busan_plan.led_report, reason="증빙 보완")
    summary = _assert_equal_to_sql(api, fay, plan)
    assert summary["totals"]["executed"] == 0 and summary["progress"]["projects_with_accepted_report"] == 0

    spare = ProjectFactory(
        task=busan_plan.led.task, code="1-1-09", lead_institution=busan_plan.led.lead_institution
    )
    BudgetLineFactory(project=spare, year=2024, planned=700_000_000)
    plan_figures_changed(plan_ids=[plan.pk])  # the factories above wrote behind the services
    assert _assert_equal_to_sql(api, fay, plan)["totals"]["planned"] == 3_700_000_000
    services.project_delete(actor=dave, project=spare)
    assert _assert_equal_to_sql(api, fay, plan)["totals"]["planned"] == 3_000_000_000


def test_figures_follow_an_import(api, login, dave, fay, busan, pusan_univ, import_file):
    plan = PlanFactory(council=busan, approved=True, revision_open=True)
    assert _assert_equal_to_sql(api, fay, plan)["totals"]["planned"] == 0
    response = import_file(
        login(dave), reverse("plan-import", args=[plan.pk]), xlsx([HEADER, *good_rows(pusan_univ.name)])
    )
    assert response.context["job"].status == "done"
    assert _assert_equal_to_sql(api, fay, plan)["totals"]["planned"] > 0


def test_a_refused_write_leaves_the_cached_figures_in_place(api, dave, fay, busan_plan):
    plan = busan_plan.plan
    _summary(api, fay, plan)
    plan.refresh_from_db()
    revision = plan.figures_revision
    with pytest.raises(ValidationError):
        services.budget_line_update(actor=dave, line=busan_plan.led_line, planned=-5)
    plan.refresh_from_db()
    assert plan.figures_revision == revision, "the refused write rolled back its revision too"


def test_an_edit_in_the_admin_moves_the_figures_on(api, login, root, fay, busan_plan):
    plan = busan_plan.plan
    # An adopted plan is read-only in the admin (it changes by revision); a draft is edited there.
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    plan.refresh_from_db()
    _summary(api, fay, plan)
    line = busan_plan.led_line
    response = login(root).post(
        reverse("admin:plans_budgetline_change", args=[line.pk]),
        {
            "project": line.project_id,
            "year": line.year,
            "source": line.source,
            "planned": 1_500_000_000,
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _assert_equal_to_sql(api, fay, plan)["totals"]["planned"] == 3_500_000_000


def test_the_key_holds_the_revision_scope_day_and_language(busan_plan):
    plan = busan_plan.plan
    whole = figures_key(plan=plan, part="summary", scope=Scope(plan=plan))
    assert whole != figures_key(plan=plan, part="summary", scope=Scope(plan=plan, year=2024))
    plan.figures_revision += 1
    assert whole != figures_key(plan=plan, part="summary", scope=Scope(plan=plan))
