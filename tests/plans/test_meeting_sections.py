"""A meeting's page shows the plans it approved and the projects answering for its decisions and actions."""

from django.urls import reverse

from plans import services
from plans.selectors.links import meeting_concerns_plans
from tests.plans.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    MeetingFactory,
    PlanFactory,
    ProjectFactory,
)


def test_meeting_and_action_pages_lead_to_the_plan_and_its_projects(login, dave, busan, pusan_univ):
    meeting = MeetingFactory(council=busan)
    item = AgendaItemFactory(meeting=meeting, title="종합계획 심의")
    plan = PlanFactory(council=busan, title="제1차 지산학협력 종합계획")
    project = ProjectFactory(plan=plan, lead_institution=pusan_univ, title="지산학협력센터 기능 확대")
    action = ActionItemFactory(meeting=meeting, assignee=pusan_univ, title="전담인력 확충 계획")
    services.plan_approve(actor=dave, plan=plan, agenda_item=item)
    services.project_link_action(actor=dave, project=project, action_item=action)
    services.project_link_decision(actor=dave, project=project, agenda_item=item)
    client = login(dave)
    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "제1차 지산학협력 종합계획" in page and "지산학협력센터 기능 확대" in page
    assert reverse("project-detail", args=[project.pk]) in page
    page = client.get(reverse("action-detail", args=[action.pk])).content.decode()
    assert "지산학협력센터 기능 확대" in page
    api = client.get(f"/api/v1/projects/{project.pk}/").json()
    assert api["action_items"] == [action.pk] and api["decisions"] == [item.pk]


def test_outsiders_do_not_see_linked_projects(login, alice, busan, pusan_univ, dave):
    meeting = MeetingFactory(council=busan)
    action = ActionItemFactory(meeting=meeting, assignee=pusan_univ)
    project = ProjectFactory(
        plan=PlanFactory(council=busan), lead_institution=pusan_univ, title="비공개 사업"
    )
    services.project_link_action(actor=dave, project=project, action_item=action)
    assert login(alice).get(reverse("action-detail", args=[action.pk])).status_code == 404


def test_a_meeting_concerns_plans_through_any_one_of_its_links(dave, busan, pusan_univ):
    """The meeting page asks this before anything else: each kind of link alone must answer yes."""
    plan = PlanFactory(council=busan)
    project = ProjectFactory(plan=plan, lead_institution=pusan_univ)
    adopting, deciding, acting, unrelated = (MeetingFactory(council=busan) for _ in range(4))
    services.plan_approve(actor=dave, plan=plan, agenda_item=AgendaItemFactory(meeting=adopting))
    services.project_link_decision(
        actor=dave, project=project, agenda_item=AgendaItemFactory(meeting=deciding)
    )
    services.project_link_action(
        actor=dave, project=project, action_item=ActionItemFactory(meeting=acting, assignee=pusan_univ)
    )
    AgendaItemFactory(meeting=unrelated)
    ActionItemFactory(meeting=unrelated, assignee=pusan_univ)
    meetings = (adopting, deciding, acting, unrelated)
    concerned = [meeting_concerns_plans(meeting=meeting) for meeting in meetings]
    assert concerned == [True, True, True, False]
