"""Every API action authorises before it validates.

Each write action of the router is called by a user who may not take it, once with a body that is
wrong in every field and once with a body that would be valid: both get the same refusal (403, or
404 where the user may not see the object), so nobody learns the field rules of what they may not do.
"""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from council.api_urls import router
from meetings.models import Meeting
from members.models import BestPractice
from plans.models import IndicatorActual, ProgressReport
from tests.conftest import PDF
from tests.meetings.factories import ActionItemFactory, AgendaItemFactory, InvitationFactory, MeetingFactory
from tests.members.factories import (
    AgreementFactory,
    BestPracticeFactory,
    DifficultyFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.plans.factories import (
    BudgetLineFactory,
    IndicatorFactory,
    PlanFactory,
    PlanTaskFactory,
    ProjectFactory,
    ReportFactory,
    RoundFactory,
    StrategyFactory,
)

WRITE_METHODS = ("post", "put", "patch", "delete")
# A body no serializer accepts: wrong types in every field the actions read.
INVALID = {
    "name": {"x": 1}, "title": ["x"], "council": "abc", "meeting": "abc", "institution": "abc",
    "plan": "abc", "project": "abc", "task": "abc", "strategy": "abc", "items": "abc", "body": None,
    "decision": 7, "response": 7, "reason": None, "comment": None, "attended": "perhaps", "status": 7,
    "agenda_item": "abc", "actual": "abc", "assignee": "abc", "starts_at": "yesterday", "year": "abc",
}  # fmt: skip
# Users who may see the object but not take the action, where the city official may take it.
REFUSED = {("progress-reports", name): "alice" for name in ("accept", "return_", "verify")}


def _write_actions():
    for prefix, viewset, _basename in router.registry:
        for route in router.get_routes(viewset):
            for method, action in route.mapping.items():
                if method in WRITE_METHODS and hasattr(viewset, action):
                    yield prefix, action, method, route.detail


ACTIONS = sorted(set(_write_actions()))


@pytest.fixture
def world(anyang, daerim, bob, alice, carol):
    """One of everything on the Anyang council, in states where the owners could act on them."""
    person = PersonFactory(institution=daerim)
    meeting = MeetingFactory(council=anyang, status=Meeting.Status.ANNOUNCED)
    item = AgendaItemFactory(meeting=meeting)
    plan = PlanFactory(council=anyang, start_year=2023, end_year=2027)
    strategy = StrategyFactory(plan=plan)
    task = PlanTaskFactory(strategy=strategy)
    project = ProjectFactory(task=task, lead_institution=daerim)
    report = ReportFactory(
        round=RoundFactory(plan=plan), project=project, status=ProgressReport.Status.SUBMITTED
    )
    indicator = IndicatorFactory(project=project)
    actual = IndicatorActual.objects.create(report=report, indicator=indicator, value=1)
    objects = {
        "councils": anyang,
        "institutions": daerim,
        "people": person,
        "memberships": MembershipFactory(council=anyang, person=person, institution=None),
        "best-practices": BestPracticeFactory(
            council=anyang, institution=daerim, status=BestPractice.Status.SUBMITTED
        ),
        "difficulties": DifficultyFactory(council=anyang, institution=daerim),
        "agreements": AgreementFactory(council=anyang),
        "meetings": meeting,
        "agenda-items": item,
        "invitations": InvitationFactory(meeting=meeting, institution=daerim, name=daerim.name),
        "action-items": ActionItemFactory(meeting=meeting, council=anyang, assignee=daerim),
        "plans": plan,
        "strategies": strategy,
        "plan-tasks": task,
        "projects": project,
        "budget-lines": BudgetLineFactory(project=project, year=2024),
        "indicators": indicator,
        "progress-reports": report,
    }
    start = timezone.now() + timedelta(days=30)
    ids = {"anyang": anyang.pk, "daerim": daerim.pk}
    valid = {
        ("councils", "create"): {"name": "새 협의회", "short_name": "새", "slug": "new-council"},
        ("institutions", "create"): {
            "name": "신규기관", "kind": "firm", "sector": "industry", "council": ids["anyang"],
        },
        ("people", "create"): {"name": "홍길동", "institution": ids["daerim"]},
        ("memberships", "create"): {
            "council": ids["anyang"], "institution": ids["daerim"], "role": "member",
            "term_start": "2026-01-01",
        },
        ("best-practices", "create"): {
            "council": ids["anyang"], "institution": ids["daerim"], "title": "사례", "category": "curriculum",
            "summary": "요약", "problem": "문제", "actions": "조치", "results": "결과",
        },
        ("best-practices", "review"): {"decision": "publish"},
        ("best-practices", "unpublish"): {"comment": "사유"},
        ("difficulties", "create"): {
            "council": ids["anyang"], "institution": ids["daerim"], "kind": "difficulty",
            "category": "employment", "title": "애로", "description": "내용",
        },
        ("difficulties", "assign"): {
            "assignee": ids["daerim"], "answer_due": (date.today() + timedelta(days=7)).isoformat(),
        },
        ("difficulties", "answer"): {"body": "답변"},
        ("difficulties", "comment"): {"body": "의견"},
        ("difficulties", "status"): {"status": "in_review"},
        ("agreements", "create"): {"council": ids["anyang"], "title": "협약", "signed_on": "2026-01-01"},
        ("meetings", "create"): {
            "council": ids["anyang"], "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(), "venue": "시청",
        },
        ("meetings", "cancel"): {"reason": "사정"},
        ("agenda-items", "create"): {"meeting": meeting.pk, "title": "안건"},
        ("agenda-items", "decision"): {"decision": "approved"},
        ("agenda-items", "reorder"): {"meeting": meeting.pk, "items": [item.pk]},
        ("invitations", "respond"): {"response": "accepted"},
        ("invitations", "attendance"): {"attended": True},
        ("action-items", "create"): {"meeting": meeting.pk, "title": "조치", "assignee": ids["daerim"]},
        ("action-items", "progress"): {"status": "done"},
        ("plans", "create"): {
            "council": ids["anyang"], "title": "계획", "start_year": 2026, "end_year": 2028,
            "stated_total": 1,
        },
        ("plans", "approve"): {"agenda_item": item.pk, "note": ""},
        ("plans", "revise"): {"agenda_item": item.pk, "note": "변경"},
        ("strategies", "create"): {"plan": plan.pk, "code": "9", "title": "전략"},
        ("plan-tasks", "create"): {"strategy": strategy.pk, "code": "9-1", "title": "과제"},
        ("projects", "create"): {
            "task": task.pk, "code": "9-1-01", "title": "사업", "lead_institution": ids["daerim"],
            "start_on": "2024-01-01", "end_on": "2025-12-31",
        },
        ("budget-lines", "create"): {"project": project.pk, "year": 2025, "source": "city", "planned": 100},
        ("indicators", "create"): {"project": project.pk, "name": "지표", "unit": "명"},
        ("progress-reports", "accept"): {"comment": ""},
        ("progress-reports", "return_"): {"comment": "보완"},
        ("progress-reports", "reopen"): {"reason": "정정"},
        ("progress-reports", "contribute"): {"institution": ids["daerim"], "text": "참여 내용"},
        ("progress-reports", "verify"): {"actual": actual.pk},
    }  # fmt: skip
    return objects, valid


def _body(valid, prefix, action):
    if action in ("update", "partial_update"):
        return {"title": "바뀐 제목", "name": "바뀐 이름"}
    if action == "documents":
        return {"file": SimpleUploadedFile("자료.pdf", PDF, content_type="application/pdf")}
    return valid.get((prefix, action), {})


@pytest.mark.parametrize(("prefix", "action", "method", "detail"), ACTIONS)
def test_an_action_refuses_the_same_way_whatever_the_body(
    request, api, world, stranger, prefix, action, method, detail
):
    objects, valid = world
    path = f"/api/v1/{prefix}/"
    if detail:
        path += f"{objects[prefix].pk}/"
    if action not in ("create", "update", "partial_update", "destroy"):
        path += f"{getattr(viewset_of(prefix), action).url_path}/"
    refused = request.getfixturevalue(REFUSED.get((prefix, action), "carol"))
    for user in (refused, stranger):
        client = api(user)
        send = getattr(client, method)
        multipart = action == "documents"
        answers = [
            send(path, INVALID, format="json").status_code,
            send(path, _body(valid, prefix, action), format="multipart" if multipart else "json").status_code,
        ]
        assert answers[0] == answers[1] and answers[0] in (403, 404), (user.username, path, method, answers)


def viewset_of(prefix):
    return next(viewset for registered, viewset, _basename in router.registry if registered == prefix)


def test_every_write_action_is_probed():
    """A new write action shows up here, and must then have a rule (a write without one is refused)."""
    assert len(ACTIONS) > 50
    for prefix, action, _method, detail in ACTIONS:
        viewset = viewset_of(prefix)
        rules = viewset.object_rules if detail else viewset.collection_rules
        assert action in rules, (prefix, action)
