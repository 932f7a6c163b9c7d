"""Two officials accepting the same report at the same moment give one acceptance and a clear refusal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from council.models import CouncilRole, Dispatch
from plans import services
from tests.council.factories import CouncilRoleFactory, UserFactory
from tests.support.concurrency import at_once, postgres_only

pytestmark = [pytest.mark.django_db(transaction=True), postgres_only]


def _submitted(report, erin):
    line = report.project.budget_lines.get()
    services.report_save(
        actor=erin, report=report, narrative="진행", percent_done=40, executions={line.pk: 1}
    )
    services.report_submit(actor=erin, report=report)
    return report


def test_two_officials_accepting_one_report_give_one_acceptance(busan_plan, erin, fay, busan):
    second = UserFactory(username="official2")
    CouncilRoleFactory(user=second, council=busan, kind=CouncilRole.Kind.OFFICIAL)
    report = _submitted(busan_plan.led_report, erin)
    results = at_once(
        [
            lambda: services.report_accept(actor=fay, report=report),
            lambda: services.report_accept(actor=second, report=report),
        ]
    )
    accepted = [result for result in results if not isinstance(result, Exception)]
    refused = [result for result in results if isinstance(result, Exception)]
    assert len(accepted) == 1 and len(refused) == 1 and isinstance(refused[0], ValidationError), results
    assert Dispatch.objects.filter(kind="plans.report_accepted").count() == 1


def test_a_report_accepted_while_its_contact_saves_keeps_the_edit_or_refuses_it(busan_plan, erin, fay):
    report = _submitted(busan_plan.led_report, erin)
    results = at_once(
        [
            lambda: services.report_accept(actor=fay, report=report),
            lambda: services.report_save(actor=erin, report=report, narrative="수정한 내용", percent_done=50),
        ]
    )
    report.refresh_from_db()
    saved = not isinstance(results[1], Exception)
    # The edit went in before the acceptance (and is what was accepted), or it was refused with a reason.
    if saved:
        assert report.narrative == "수정한 내용"
    else:
        assert isinstance(results[1], ValidationError | PermissionDenied) and str(results[1])
        assert report.narrative == "진행"
    assert report.status == "accepted"
