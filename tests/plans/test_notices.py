"""Notices of progress reporting go to the right people once, with the comment; reminders are idempotent."""

from datetime import date, timedelta

from django.core import mail

from council.models import Dispatch, Notice
from council.notices.reminders import reminders_run
from plans import services
from plans.reminders import report_deadline_reminders
from tests.council.factories import UserFactory
from tests.members.factories import InstitutionContactFactory


def _recipients(kind: str) -> set[str]:
    return set(Notice.objects.filter(dispatch__kind=kind).values_list("email", flat=True))


def _fill(erin, report):
    line = report.project.budget_lines.get()
    services.report_save(
        actor=erin, report=report, narrative="진행", percent_done=40, executions={line.pk: 1}
    )


def test_round_opened_tells_the_lead_institutions(
    busan_plan, dave, erin, dong_a, django_capture_on_commit_callbacks
):
    dong_a_contact = UserFactory(username="donga")
    InstitutionContactFactory(user=dong_a_contact, institution=dong_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_open(actor=dave, plan=busan_plan.plan, year=2023, period=2, due_on=date(2030, 1, 15))
    assert _recipients("plans.round_opened") == {erin.email, dong_a_contact.email}
    assert any("2023" in message.subject for message in mail.outbox)


def test_review_notices_reach_officials_then_the_lead_with_the_comment(
    busan_plan, erin, fay, dave, django_capture_on_commit_callbacks
):
    report = busan_plan.led_report
    _fill(erin, report)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(actor=erin, report=report)
    assert _recipients("plans.report_submitted") == {fay.email}
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(actor=fay, report=report, comment="시비 집행 증빙을 첨부해 주세요.")
    assert _recipients("plans.report_returned") == {erin.email}
    returned = [
        message
        for message in mail.outbox
        if message.to[0].endswith(f"<{erin.email}>") or message.to[0] == erin.email
    ]
    assert "시비 집행 증빙을 첨부해 주세요." in returned[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(actor=erin, report=report)
        services.report_accept(actor=fay, report=report)
    # The second submission is announced again (a new revision), the acceptance once.
    assert Dispatch.objects.filter(kind="plans.report_submitted").count() == 2
    assert _recipients("plans.report_accepted") == {erin.email}
    assert dave.email not in _recipients("plans.report_accepted")


def test_kpi_verification_tells_the_lead(busan_plan, erin, fay, django_capture_on_commit_callbacks):
    from decimal import Decimal

    from plans.services import ActualInput
    from tests.plans.factories import IndicatorFactory

    indicator = IndicatorFactory(project=busan_plan.led)
    report = busan_plan.led_report
    services.report_save(
        actor=erin,
        report=report,
        narrative="x",
        percent_done=5,
        actuals={indicator.pk: ActualInput(Decimal(7))},
    )
    services.report_submit(actor=erin, report=report)
    services.report_accept(actor=fay, report=report)
    with django_capture_on_commit_callbacks(execute=True):
        services.indicator_actual_verify(actor=fay, actual=report.actuals.get())
    assert _recipients("plans.indicator_verified") == {erin.email}


def test_deadline_reminders_go_once_to_leads_and_staff(
    busan_plan, erin, dave, fay, django_capture_on_commit_callbacks
):
    round_ = busan_plan.round
    round_.due_on = date(2030, 7, 15)
    round_.save()
    busan_plan.other_report.status = "accepted"
    busan_plan.other_report.save()
    too_early = round_.due_on - timedelta(days=8)
    assert report_deadline_reminders(too_early) == 0
    soon = round_.due_on - timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        created = reminders_run(today=soon)
    assert created == 3  # led and joined reports (the other one is accepted), and the staff digest
    assert _recipients("plans.report_due_soon") == {erin.email, ""}
    # Dong-A has no portal contact: staff are to call it instead.
    to_call = Notice.objects.get(dispatch__kind="plans.report_due_soon", status=Notice.Status.SKIPPED)
    assert to_call.name == busan_plan.joined.lead_institution.name and to_call.reached_at is None
    assert _recipients("plans.round_due_soon") == {dave.email}
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_run(today=soon + timedelta(days=1)) == 0  # the same deadline is not announced twice
    _fill(erin, busan_plan.led_report)
    services.report_submit(actor=erin, report=busan_plan.led_report)
    with django_capture_on_commit_callbacks(execute=True):
        created = reminders_run(today=round_.due_on + timedelta(days=1))
    assert created == 2  # the joined report is overdue, and the digest; the submitted one is not
    digest = Dispatch.objects.get(kind="plans.round_overdue")
    assert digest.notices.get().email == dave.email
    assert fay.email not in _recipients("plans.round_overdue")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_run(today=round_.due_on + timedelta(days=2)) == 0


def test_a_moved_deadline_is_announced_again(busan_plan, erin):
    round_ = busan_plan.round
    round_.due_on = date(2030, 7, 15)
    round_.save()
    assert report_deadline_reminders(date(2030, 7, 10)) == 4  # three reports and the digest
    round_.due_on = date(2030, 7, 31)
    round_.save()
    assert report_deadline_reminders(date(2030, 7, 25)) == 4
