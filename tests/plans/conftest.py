"""Fixtures of the plans tests: a Busan plan whose projects Erin's institution leads, joins, or not.

Fay is Busan's city official (Dave runs Busan's secretariat, see tests/conftest.py). Pusan National
University (Erin's) leads `led`, takes part in `joined`, and has nothing to do with `other`.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from council.models import CouncilRole, User
from members.models import Institution
from plans import services
from plans.models import BudgetLine, Plan, ProgressReport, Project, ReportingRound
from tests.council.factories import CouncilRoleFactory, UserFactory
from tests.members.factories import InstitutionFactory, MembershipFactory
from tests.plans.factories import (
    BudgetLineFactory,
    ParticipationFactory,
    PlanFactory,
    PlanTaskFactory,
    ProjectFactory,
    ReportFactory,
    RoundFactory,
    StrategyFactory,
)


@pytest.fixture
def fay(busan) -> User:
    user = UserFactory(username="fay", name="한페이")
    CouncilRoleFactory(user=user, council=busan, kind=CouncilRole.Kind.OFFICIAL)
    return user


@pytest.fixture
def dong_a(busan) -> Institution:
    institution = InstitutionFactory(name="동아대학교 산학협력단")
    MembershipFactory(council=busan, institution=institution)
    return institution


@dataclass
class BusanPlan:
    plan: Plan
    led: Project
    joined: Project
    other: Project
    round: ReportingRound
    led_report: ProgressReport
    joined_report: ProgressReport
    other_report: ProgressReport
    led_line: BudgetLine


@pytest.fixture
def busan_plan(busan, pusan_univ, dong_a) -> BusanPlan:
    plan = PlanFactory(council=busan, approved=True, title="제1차 지산학협력 종합계획 (2023~2027)")
    task = PlanTaskFactory(strategy=StrategyFactory(plan=plan, code="1", title="지산학협력 지원체계 구축"))
    led = ProjectFactory(
        task=task, code="1-1-01", title="워털루형 코업 프로그램", lead_institution=pusan_univ
    )
    joined = ProjectFactory(task=task, code="1-1-02", title="부산형 혁신공유대학", lead_institution=dong_a)
    ParticipationFactory(project=joined, institution=pusan_univ, share=30)
    other = ProjectFactory(
        task=task, code="1-1-03", title="대학 유휴부지 산학협력 허브", lead_institution=dong_a
    )
    lines = [
        BudgetLineFactory(project=project, year=2023, planned=1_000_000_000)
        for project in (led, joined, other)
    ]
    round_ = RoundFactory(plan=plan, year=2023, period=1, due_on=date(2030, 7, 15))
    reports = [ReportFactory(round=round_, project=project) for project in (led, joined, other)]
    return BusanPlan(plan, led, joined, other, round_, *reports, led_line=lines[0])


@pytest.fixture
def anyang_plan(anyang) -> Plan:
    plan = PlanFactory(council=anyang, approved=True, title="안양 산학관 협력 추진계획")
    ProjectFactory(task=PlanTaskFactory(strategy=StrategyFactory(plan=plan)))
    return plan


@pytest.fixture
def busan_revision(busan_plan, dave) -> BusanPlan:
    """The adopted Busan plan with a revision open, as staff change it after the council decided to."""
    services.plan_revision_open(actor=dave, plan=busan_plan.plan)
    busan_plan.plan.revision_open = True  # the fixture's objects share this instance
    return busan_plan
