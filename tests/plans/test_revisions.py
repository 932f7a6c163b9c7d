"""An adopted plan changes only through a revision; each revision keeps its version and says what
changed; the history of budget lines and projects is in the portal for staff and officials."""

from django.urls import reverse

from plans import services
from plans.models import BudgetLine, Plan
from tests.plans.factories import AgendaItemFactory, MeetingFactory, PlanFactory


def test_an_adopted_plans_budget_refuses_edits_outside_a_revision(login, api, dave, busan_plan):
    line = busan_plan.led_line
    client = login(dave)
    url = reverse("project-budget", args=[busan_plan.led.pk])
    response = client.post(url, {f"planned_{line.year}_{line.source}": "2,000,000,000"})
    assert response.status_code == 200 and "개정을 시작" in response.content.decode()
    assert BudgetLine.objects.get(pk=line.pk).planned == 1_000_000_000
    api_response = api(dave).patch(f"/api/v1/budget-lines/{line.pk}/", {"planned": 5}, format="json")
    assert api_response.status_code == 400
    assert BudgetLine.objects.get(pk=line.pk).planned == 1_000_000_000
    page = client.get(reverse("plan-detail", args=[busan_plan.plan.pk])).content.decode()
    assert 'data-testid="open-revision"' in page
    assert reverse("strategy-create", args=[busan_plan.plan.pk]) not in page
    project_page = client.get(reverse("project-detail", args=[busan_plan.led.pk])).content.decode()
    assert 'data-testid="plan-locked"' in project_page
    assert reverse("project-budget", args=[busan_plan.led.pk]) not in project_page


def test_a_revision_opens_changes_and_closes_with_a_new_version_that_says_what_changed(
    factory_history, login, api, dave, busan_plan
):
    plan = busan_plan.plan
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT, version=0)
    item = AgendaItemFactory(meeting=MeetingFactory(council=plan.council))
    services.plan_approve(actor=dave, plan=plan, agenda_item=item)  # version 1
    client = login(dave)
    client.post(reverse("plan-revision-open", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.revision_open and not plan.is_locked
    line = busan_plan.led_line
    assert (
        api(dave)
        .patch(f"/api/v1/budget-lines/{line.pk}/", {"planned": 1_500_000_000}, format="json")
        .status_code
        == 200
    )
    services.plan_revise(actor=dave, plan=plan, agenda_item=item, note="2023년 시비 증액")
    plan.refresh_from_db()
    assert plan.is_locked and plan.version == 2
    page = client.get(reverse("plan-history", args=[plan.pk])).content.decode()
    assert "+500,000,000원" in page  # the version's change of the planned total
    assert "1,000,000,000원 → 1,500,000,000원" in page  # the budget line's own change
    assert "1-1-01" in page and "정데이브" in page


def test_opening_a_revision_is_for_staff_and_only_of_an_adopted_plan(login, api, dave, fay, erin, busan_plan):
    plan = busan_plan.plan
    for user in (fay, erin):
        assert login(user).post(reverse("plan-revision-open", args=[plan.pk])).status_code in {403, 404}
        assert api(user).post(f"/api/v1/plans/{plan.pk}/open-revision/").status_code in {403, 404}
    assert not Plan.objects.get(pk=plan.pk).revision_open
    response = api(dave).post(f"/api/v1/plans/{plan.pk}/open-revision/")
    assert response.status_code == 200 and response.json()["revision_open"] is True
    assert api(dave).post(f"/api/v1/plans/{plan.pk}/open-revision/").status_code == 400  # already open
    draft = PlanFactory(council=plan.council)
    assert api(dave).post(f"/api/v1/plans/{draft.pk}/open-revision/").status_code == 400


def test_officials_read_the_history_and_members_do_not(login, fay, erin, busan_plan):
    url = reverse("plan-history", args=[busan_plan.plan.pk])
    assert login(fay).get(url).status_code == 200
    assert login(erin).get(url).status_code in {403, 404}


def test_the_history_page_costs_the_same_queries_at_two_sizes(
    login, dave, busan_revision, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(dave)
    url = reverse("plan-history", args=[busan_revision.plan.pk])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    line = busan_revision.led_line
    for amount in range(1, 30):
        services.budget_line_update(actor=dave, line=line, planned=1_000_000_000 + amount)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
