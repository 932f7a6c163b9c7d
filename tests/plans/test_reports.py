"""Progress reporting through the services: rounds, drafting, submission, review, freezing, reopening."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import ActionItem
from plans import services
from plans.models import BudgetLine, IndicatorActual, Plan, ProgressReport, Project
from plans.services import ActualInput
from tests.plans.factories import (
    ActionItemFactory,
    BudgetLineFactory,
    IndicatorFactory,
    MeetingFactory,
    PlanFactory,
    PlanTaskFactory,
    ProjectFactory,
    StrategyFactory,
)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"


def _submit(erin, report, amount=400_000_000, percent=30):
    line = report.project.budget_lines.get(year=2023, source="city")
    services.report_save(
        actor=erin,
        report=report,
        narrative="코업 1기 40명이 참여했다.",
        percent_done=percent,
        executions={line.pk: amount},
    )
    return services.report_submit(actor=erin, report=report)


def test_opening_a_round_drafts_a_report_per_running_project(busan, dave, pusan_univ):
    plan = PlanFactory(council=busan, approved=True)
    task = PlanTaskFactory(strategy=StrategyFactory(plan=plan))
    running = ProjectFactory(task=task, lead_institution=pusan_univ)
    later = ProjectFactory(task=task, start_on=date(2025, 1, 1))
    ProjectFactory(task=task, status=Project.Status.SUSPENDED)
    round_ = services.round_open(actor=dave, plan=plan, year=2024, period=2, due_on=date(2025, 1, 15))
    assert (round_.starts_on, round_.ends_on) == (date(2024, 7, 1), date(2024, 12, 31))
    assert list(round_.reports.values_list("project", flat=True)) == [running.pk]
    assert later.reports.count() == 0
    with pytest.raises(ValidationError):
        services.round_open(actor=dave, plan=plan, year=2024, period=2, due_on=date(2025, 1, 15))


def test_quarterly_rounds_and_bad_periods(busan, dave):
    plan = PlanFactory(council=busan, approved=True, cadence=Plan.Cadence.QUARTER)
    round_ = services.round_open(actor=dave, plan=plan, year=2024, period=4, due_on=date(2025, 1, 10))
    assert (round_.starts_on, round_.ends_on) == (date(2024, 10, 1), date(2024, 12, 31))
    assert round_.label in {"2024 Q4", "2024년 4분기"}
    with pytest.raises(ValidationError):
        services.round_open(actor=dave, plan=plan, year=2024, period=5, due_on=date(2025, 1, 10))
    with pytest.raises(ValidationError):
        services.round_open(actor=dave, plan=plan, year=2031, period=1, due_on=date(2031, 7, 10))


def test_rounds_need_an_approved_plan_and_the_secretariat(busan, dave, fay):
    draft = PlanFactory(council=busan)
    with pytest.raises(ValidationError):
        services.round_open(actor=dave, plan=draft, year=2024, period=1, due_on=date(2024, 7, 10))
    approved = PlanFactory(council=busan, approved=True)
    with pytest.raises(PermissionDenied):
        services.round_open(actor=fay, plan=approved, year=2024, period=1, due_on=date(2024, 7, 10))


def test_acceptance_freezes_the_period_and_counts_its_figures(busan_plan, erin, fay, dave):
    report = _submit(erin, busan_plan.led_report)
    line = busan_plan.led_line
    line.refresh_from_db()
    assert line.executed == 0  # submitted figures do not count yet
    services.report_accept(actor=fay, report=report, comment="확인했습니다.")
    line.refresh_from_db()
    assert line.executed == 400_000_000
    assert line.history.first().history_change_reason == f"report {report.pk} accepted"
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED and report.is_frozen
    with pytest.raises(ValidationError, match=r"frozen|동결"):
        services.report_save(actor=erin, report=report, narrative="수정", percent_done=99)
    with pytest.raises(PermissionDenied):
        services.report_reopen(actor=fay, report=report, reason="x")
    services.report_reopen(actor=dave, report=report, reason="집행액 정정 요청")
    line.refresh_from_db()
    assert line.executed == 0  # out of the totals until accepted again
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RETURNED and report.review_comment == "집행액 정정 요청"
    services.report_save(actor=erin, report=report, narrative="정정", percent_done=30)


def test_a_returned_report_needs_a_comment_and_goes_back_to_the_lead(busan_plan, erin, fay):
    report = _submit(erin, busan_plan.led_report)
    with pytest.raises(ValidationError):
        services.report_return(actor=fay, report=report, comment="  ")
    services.report_return(actor=fay, report=report, comment="증빙을 첨부해 주세요.")
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RETURNED
    resubmitted = _submit(erin, report, amount=300_000_000)
    assert resubmitted.submissions == 2


def test_only_the_lead_writes_and_only_officials_review(busan_plan, erin, fay, dave, bob):
    with pytest.raises(PermissionDenied):
        services.report_save(actor=erin, report=busan_plan.joined_report, narrative="x", percent_done=1)
    with pytest.raises(PermissionDenied):
        services.report_save(actor=dave, report=busan_plan.led_report, narrative="x", percent_done=1)
    report = _submit(erin, busan_plan.led_report)
    for outsider in (dave, erin, bob):
        with pytest.raises(PermissionDenied):
            services.report_accept(actor=outsider, report=report)
    with pytest.raises(ValidationError):
        services.report_accept(actor=fay, report=busan_plan.other_report)  # not submitted


def test_submission_needs_a_narrative_and_percent(busan_plan, erin):
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=erin, report=busan_plan.led_report)
    assert {"narrative", "percent_done"} <= set(error.value.message_dict)


def test_executed_amounts_cannot_exceed_the_plan_or_be_foreign(busan_plan, erin, fay, dave):
    line = busan_plan.led_line
    with pytest.raises(ValidationError):
        services.report_save(
            actor=erin,
            report=busan_plan.led_report,
            narrative="x",
            percent_done=1,
            executions={line.pk: 1_000_000_001},
        )
    foreign = busan_plan.other.budget_lines.get()
    with pytest.raises(ValidationError):
        services.report_save(
            actor=erin,
            report=busan_plan.led_report,
            narrative="x",
            percent_done=1,
            executions={foreign.pk: 1},
        )
    assert not busan_plan.led_report.executions.exists()
    # What earlier accepted reports executed on the line counts against its plan.
    _submit(erin, busan_plan.led_report, amount=900_000_000)
    services.report_accept(actor=fay, report=busan_plan.led_report)
    second = services.round_open(
        actor=dave, plan=busan_plan.plan, year=2023, period=2, due_on=date(2030, 1, 15)
    )
    report = second.reports.get(project=busan_plan.led)
    with pytest.raises(ValidationError, match="900,000,000"):
        services.report_save(
            actor=erin, report=report, narrative="x", percent_done=50, executions={line.pk: 100_000_001}
        )
    services.report_save(
        actor=erin, report=report, narrative="x", percent_done=50, executions={line.pk: 100_000_000}
    )


def test_participants_add_their_part_while_drafting(busan_plan, erin, dave, pusan_univ):
    report = busan_plan.joined_report
    services.report_contribute(
        actor=erin, report=report, institution=pusan_univ, text="공유 교과목 3개를 운영했다."
    )
    assert report.contributions.get().text == "공유 교과목 3개를 운영했다."
    with pytest.raises(PermissionDenied):
        services.report_contribute(
            actor=erin, report=busan_plan.other_report, institution=pusan_univ, text="x"
        )
    with pytest.raises(PermissionDenied):
        services.report_contribute(actor=dave, report=report, institution=pusan_univ, text="x")
    services.report_contribute(actor=erin, report=report, institution=pusan_univ, text="")
    assert not report.contributions.exists()


def test_kpi_actuals_with_evidence_are_verified_by_an_official(busan_plan, erin, fay, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    indicator = IndicatorFactory(project=busan_plan.led, name="코업 참여 학생", unit="명")
    report = busan_plan.led_report
    evidence = SimpleUploadedFile("수료명단.pdf", PDF, content_type="application/pdf")
    services.report_save(
        actor=erin,
        report=report,
        narrative="x",
        percent_done=20,
        actuals={indicator.pk: ActualInput(value=Decimal("42"), evidence=evidence)},
    )
    actual = IndicatorActual.objects.get(report=report)
    assert actual.value == 42 and actual.evidence_name == "수료명단.pdf"
    bad = SimpleUploadedFile("명단.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError):
        services.report_save(
            actor=erin,
            report=report,
            narrative="x",
            percent_done=20,
            actuals={indicator.pk: ActualInput(value=Decimal("43"), evidence=bad)},
        )
    actual.refresh_from_db()
    assert actual.value == 42
    services.report_submit(actor=erin, report=report)
    with pytest.raises(ValidationError):
        services.indicator_actual_verify(actor=fay, actual=actual)  # not accepted yet
    services.report_accept(actor=fay, report=report)
    with pytest.raises(PermissionDenied):
        services.indicator_actual_verify(actor=erin, actual=actual)
    services.indicator_actual_verify(actor=fay, actual=actual)
    actual.refresh_from_db()
    assert actual.is_verified and actual.verified_by == fay


def test_open_linked_actions_must_be_answered_in_the_next_report(busan_plan, erin, dave, pusan_univ):
    meeting = MeetingFactory(council=busan_plan.plan.council)
    action = ActionItemFactory(meeting=meeting, assignee=pusan_univ, title="코업 참여기업 확대 방안 보고")
    done = ActionItemFactory(meeting=meeting, assignee=pusan_univ, status=ActionItem.Status.DONE)
    services.project_link_action(actor=dave, project=busan_plan.led, action_item=action)
    services.project_link_action(actor=dave, project=busan_plan.led, action_item=done)
    report = busan_plan.led_report
    services.report_save(actor=erin, report=report, narrative="x", percent_done=10)
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=erin, report=report)
    assert "answers" in error.value.message_dict
    services.report_save(
        actor=erin,
        report=report,
        narrative="x",
        percent_done=10,
        answers={action.pk: "참여기업 12곳 추가 확보"},
    )
    services.report_submit(actor=erin, report=report)
    assert report.action_answers.get().answer == "참여기업 12곳 추가 확보"


def test_actions_of_another_council_cannot_be_linked(busan_plan, dave, anyang):
    action = ActionItemFactory(meeting=MeetingFactory(council=anyang))
    with pytest.raises(ValidationError):
        services.project_link_action(actor=dave, project=busan_plan.led, action_item=action)


def test_budget_grid_saves_lines_and_refuses_going_below_execution(busan_revision, dave, erin, fay):
    busan_plan = busan_revision
    project = busan_plan.led
    changed = services.project_budget_set(
        actor=dave,
        project=project,
        amounts={(2023, "city"): 1_200_000_000, (2024, "national"): 500_000_000, (2025, "private"): None},
    )
    assert changed == 2  # one changed, one added; an empty cell without a line is nothing
    assert BudgetLine.objects.get(project=project, year=2023, source="city").planned == 1_200_000_000
    _submit(erin, busan_plan.led_report, amount=1_100_000_000)
    services.report_accept(actor=fay, report=busan_plan.led_report)
    with pytest.raises(ValidationError):
        services.project_budget_set(actor=dave, project=project, amounts={(2023, "city"): 1_000_000_000})
    with pytest.raises(ValidationError):
        services.project_budget_set(actor=dave, project=project, amounts={(2023, "city"): None})
    with pytest.raises(ValidationError):
        services.project_budget_set(actor=dave, project=project, amounts={(2031, "city"): 1})
    with pytest.raises(PermissionDenied):
        services.project_budget_set(actor=fay, project=project, amounts={(2024, "city"): 1})
    assert BudgetLine.objects.get(project=project, year=2023, source="city").planned == 1_200_000_000


def test_approval_and_revisions_keep_versions(busan, dave, fay):
    from tests.plans.factories import AgendaItemFactory

    plan = PlanFactory(council=busan, stated_total=1_099_300_000_000)
    project = ProjectFactory(task=PlanTaskFactory(strategy=StrategyFactory(plan=plan)))
    BudgetLineFactory(project=project, planned=1_099_300_000_000)
    item = AgendaItemFactory(meeting=MeetingFactory(council=busan))
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=fay, plan=plan, agenda_item=item)
    deferred = AgendaItemFactory(meeting=item.meeting, decision="deferred")
    with pytest.raises(ValidationError):
        services.plan_approve(actor=dave, plan=plan, agenda_item=deferred)
    version = services.plan_approve(actor=dave, plan=plan, agenda_item=item)
    assert (version.number, version.planned_total, version.project_count) == (1, 1_099_300_000_000, 1)
    with pytest.raises(ValidationError):  # adopted: read-only until a revision is opened
        services.budget_line_create(actor=dave, project=project, year=2024, source="city", planned=1)
    with pytest.raises(ValidationError):  # nothing to record before a revision is opened
        services.plan_revise(actor=dave, plan=plan, agenda_item=item, note="2024년 시비 증액")
    plan = services.plan_revision_open(actor=dave, plan=plan)
    services.budget_line_create(
        actor=dave, project=Project.objects.get(pk=project.pk), year=2024, source="city", planned=1
    )
    with pytest.raises(ValidationError):
        services.plan_revise(actor=dave, plan=plan, agenda_item=item, note="")
    revised = services.plan_revise(actor=dave, plan=plan, agenda_item=item, note="2024년 시비 증액")
    plan.refresh_from_db()
    assert (plan.status, plan.version, revised.planned_total) == ("revised", 2, 1_099_300_000_001)
    assert list(plan.versions.values_list("number", flat=True)) == [2, 1]
    assert plan.is_locked  # recording the revision closes it
    assert plan.history.count() >= 3


def test_replaced_or_removed_evidence_leaves_the_storage(
    busan_plan, erin, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    indicator = IndicatorFactory(project=busan_plan.led, name="코업 참여 학생", unit="명")
    report = busan_plan.led_report

    def save(value: str | None, evidence_name: str | None = None) -> None:
        evidence = (
            SimpleUploadedFile(evidence_name, PDF, content_type="application/pdf") if evidence_name else None
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.report_save(
                actor=erin,
                report=report,
                narrative="x",
                percent_done=20,
                actuals={
                    indicator.pk: ActualInput(
                        value=None if value is None else Decimal(value), evidence=evidence
                    )
                },
            )

    save("42", "첫 명단.pdf")
    first = IndicatorActual.objects.get(report=report).evidence
    storage, first_name = first.storage, first.name
    assert storage.exists(first_name)
    save("43", "고친 명단.pdf")
    second_name = IndicatorActual.objects.get(report=report).evidence.name
    assert storage.exists(second_name) and not storage.exists(first_name)
    save("44")  # no new file: the evidence stays
    assert storage.exists(second_name)
    save(None)  # the actual is withdrawn, and its evidence with it
    assert not IndicatorActual.objects.filter(report=report).exists()
    assert not storage.exists(second_name)


def test_a_reopen_reason_the_form_refuses_is_shown_and_changes_nothing(login, busan_plan, erin, fay, dave):
    report = _submit(erin, busan_plan.led_report)
    services.report_accept(actor=fay, report=report, comment="확인")
    response = login(dave).post(
        reverse("report-reopen", args=[report.pk]), {"reason": "가" * 2001}, follow=True
    )
    page = response.content.decode()
    assert "2001" in page  # the length the form refused, not "a reason is needed"
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED
