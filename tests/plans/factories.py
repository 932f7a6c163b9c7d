from datetime import date, datetime
from zoneinfo import ZoneInfo

import factory

from meetings.models import ActionItem, AgendaItem, Meeting
from plans.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    IndicatorTarget,
    Participation,
    Plan,
    PlanTask,
    ProgressReport,
    Project,
    ReportingRound,
    Strategy,
)
from tests.council.factories import CouncilFactory
from tests.meetings import factories as meeting_factories
from tests.members.factories import InstitutionFactory
from tests.support.factories import ModelFactory

SEOUL = ZoneInfo("Asia/Seoul")


class PlanFactory(ModelFactory):
    class Meta:
        model = Plan

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"시험 종합계획 {n}")
    vision = "함께 여는 지역의 미래"
    start_year = 2023
    end_year = 2027
    stated_total = 1_099_300_000_000

    class Params:
        approved = factory.Trait(status=Plan.Status.APPROVED, version=1)


class StrategyFactory(ModelFactory):
    class Meta:
        model = Strategy

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"S{n}")
    title = factory.Sequence(lambda n: f"추진전략 {n}")


class PlanTaskFactory(ModelFactory):
    class Meta:
        model = PlanTask

    strategy = factory.SubFactory(StrategyFactory)
    plan = factory.SelfAttribute("strategy.plan")
    code = factory.Sequence(lambda n: f"T{n}")
    title = factory.Sequence(lambda n: f"추진과제 {n}")


class ProjectFactory(ModelFactory):
    class Meta:
        model = Project

    task = factory.SubFactory(PlanTaskFactory)
    plan = factory.SelfAttribute("task.plan")
    code = factory.Sequence(lambda n: f"P{n:04d}")
    title = factory.Sequence(lambda n: f"핵심사업 {n}")
    lead_institution = factory.SubFactory(InstitutionFactory)
    start_on = date(2023, 1, 1)
    end_on = date(2027, 12, 31)
    status = Project.Status.IN_PROGRESS


class ParticipationFactory(ModelFactory):
    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = "교육과정 운영"
    share = 20


class BudgetLineFactory(ModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    year = 2023
    source = FundingSource.CITY
    planned = 1_000_000_000


class IndicatorFactory(ModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"취업 연계 인원 {n}")
    unit = "명"
    baseline = 0


class IndicatorTargetFactory(ModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2023
    value = 100


class RoundFactory(ModelFactory):
    class Meta:
        model = ReportingRound

    plan = factory.SubFactory(PlanFactory, approved=True)
    cadence = Plan.Cadence.HALF_YEAR
    year = 2023
    period = 1
    starts_on = date(2023, 1, 1)
    ends_on = date(2023, 6, 30)
    due_on = date(2023, 7, 15)


class ReportFactory(ModelFactory):
    class Meta:
        model = ProgressReport

    round = factory.SubFactory(RoundFactory)
    project = factory.SubFactory(ProjectFactory)


class MeetingFactory(meeting_factories.MeetingFactory):
    """A meeting held on the day Busan's council approved its plan."""

    year = 2023
    starts_at = datetime(2023, 3, 30, 15, 0, tzinfo=SEOUL)
    ends_at = datetime(2023, 3, 30, 17, 0, tzinfo=SEOUL)
    status = Meeting.Status.HELD


class AgendaItemFactory(meeting_factories.AgendaItemFactory):
    """A deliberation item decided 'approved', as a plan's approval needs."""

    meeting = factory.SubFactory(MeetingFactory)
    order = 1
    title = "제1차 종합계획 심의"
    kind = AgendaItem.Kind.DELIBERATION
    decision = AgendaItem.Decision.APPROVED


class ActionItemFactory(meeting_factories.ActionItemFactory):
    meeting = factory.SubFactory(MeetingFactory)
    status = ActionItem.Status.OPEN
