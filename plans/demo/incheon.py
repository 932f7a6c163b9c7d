"""Incheon's smart-manufacturing talent project (June 2021 – December 2022): Inha University leads,
Incheon National University and Korea Polytechnic II take part, with accepted reports.

The agreement, the parties, their roles and the period are the report's; amounts, KPIs and
narratives are examples, and the plan says so on every page that shows them.
"""

from datetime import date
from decimal import Decimal

from django.core.management.base import OutputWrapper

from council.models import Council
from members.models import Agreement, Institution
from plans import services
from plans.demo.common import DemoReport, demo_reports_save, demo_round, demo_user
from plans.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    Participation,
    Plan,
    PlanTask,
    PlanVersion,
    ProgressReport,
    Project,
    ReportContribution,
    Strategy,
)

F = FundingSource
INCHEON_FIGURES = (
    "협약 당사자와 역할, 사업 기간은 보도 내용이며, 예산·성과지표·진도 수치는 보도에 없는 예시 자료입니다."
)


def load_incheon(out: OutputWrapper) -> Plan:
    """Incheon's smart-manufacturing talent project (June 2021 – December 2022), as the report tells it."""
    council = Council.objects.get(slug="incheon-smart")
    institutions = {institution.name: institution for institution in Institution.objects.all()}
    inha = institutions["인하대학교 산학협력단"]
    plan, _created = Plan.objects.get_or_create(
        council=council,
        title="남동 스마트그린산단 스마트제조 고급인력 양성 (2021~2022)",
        defaults={
            "vision": "현장 맞춤형 스마트제조 고급인력 양성",
            "start_year": 2021,
            "end_year": 2022,
            "stated_total": 3_750_000_000,
            "cadence": Plan.Cadence.HALF_YEAR,
            "status": Plan.Status.APPROVED,
            "version": 1,
            "figures_note": INCHEON_FIGURES,
            "description": (
                "남동스마트그린산단 조성사업의 세부사업. 산단 입주기업 현장 중심의 교육혁신 모델을 "
                "구축·운영하여 스마트 제조 혁신인재를 지속적으로 육성하고 양질의 일자리를 만든다. "
                "2021년 5월 20일 인천시·한국산업단지공단·인하대학교 업무협약."
            ),
        },
    )
    strategy, _created = Strategy.objects.get_or_create(
        plan=plan, code="1", defaults={"title": "스마트 제조혁신 인재 육성", "order": 1}
    )
    task, _created = PlanTask.objects.get_or_create(
        plan=plan,
        code="1-1",
        defaults={
            "strategy": strategy,
            "title": "산단 입주기업 현장 중심 교육혁신 모델 구축·운영",
            "order": 1,
        },
    )
    project, created = Project.objects.get_or_create(
        plan=plan,
        code="1-1-01",
        defaults={
            "task": task,
            "title": "스마트제조 고급인력 양성사업",
            "lead_institution": inha,
            "lead_role": (
                "석·박사급 연구개발인력 교육과정, 온·오프라인 교육 인프라 구축, 산학연 협의체 구성·운영"
            ),
            "start_on": date(2021, 6, 1),
            "end_on": date(2022, 12, 31),
            "status": Project.Status.COMPLETED,
            "description": (
                "소재·부품·장비산업 기업 현장수요에 대응하는 스마트제조 교육과정 개발, 산학협력 R&E 추진, "
                "실험·실습 장비와 공간, 온라인 교육시스템 구축."
            ),
        },
    )
    if created:
        for year, source, planned in (
            (2021, F.NATIONAL, 1_200_000_000),
            (2021, F.CITY, 300_000_000),
            (2022, F.NATIONAL, 1_800_000_000),
            (2022, F.CITY, 450_000_000),
        ):
            BudgetLine.objects.create(project=project, year=year, source=source, planned=planned)
    for name, role, part_share in (
        ("인천대학교 산학협력단", "학부생·재직자 교과 개발 및 운영", Decimal("25")),
        ("한국폴리텍Ⅱ대학", "ICT 기술인력·재직자 교육과정 운영", Decimal("20")),
    ):
        Participation.objects.get_or_create(
            project=project, institution=institutions[name], defaults={"role": role, "share": part_share}
        )
    agreement = Agreement.objects.filter(council=council, signed_on=date(2021, 5, 20)).first()
    if agreement is not None:
        project.agreements.add(agreement)
    if not plan.versions.exists():
        PlanVersion.objects.create(
            plan=plan,
            number=1,
            status=Plan.Status.APPROVED,
            note="2021. 5. 20. 인천시·한국산업단지공단·인하대학교 업무협약으로 확정",
            stated_total=plan.stated_total,
            planned_total=3_750_000_000,
            executed_total=0,
            strategy_count=1,
            task_count=1,
            project_count=1,
        )
    graduates, _created = Indicator.objects.get_or_create(
        project=project, name="석·박사급 연구개발인력 교육 수료", defaults={"unit": "명", "order": 1}
    )
    workers, _created = Indicator.objects.get_or_create(
        project=project, name="재직자 교육 수료", defaults={"unit": "명", "order": 2}
    )
    for indicator, targets in ((graduates, {2021: 20, 2022: 40}), (workers, {2021: 50, 2022: 120})):
        for year, value in targets.items():
            IndicatorTarget.objects.get_or_create(indicator=indicator, year=year, defaults={"value": value})
    inha_user = demo_user("inha")
    rounds = [
        (demo_round(plan, 2021, 2, date(2022, 1, 14)), 30, 100, {graduates: 18, workers: 52}),
        (demo_round(plan, 2022, 1, date(2022, 7, 15)), 65, 45, {graduates: 22, workers: 60}),
        (demo_round(plan, 2022, 2, date(2023, 1, 13)), 100, 55, {graduates: 41, workers: 126}),
    ]
    narratives = [
        "교육 인프라(실험·실습 장비, 온라인 교육시스템) 구축에 착수하고 석·박사급 교육과정을 개설했다.",
        "산학연 협의체를 구성해 입주기업 수요를 반영한 R&E 과제를 운영했다.",
        "교육과정과 인프라 구축을 마치고 사업을 종료했다.",
    ]
    parts = {
        "인천대학교 산학협력단": "학부생 교과 2과목과 재직자 단기과정을 개발·운영했다.",
        "한국폴리텍Ⅱ대학": "ICT 기술인력 실무과정과 재직자 야간과정을 운영했다.",
    }
    demo_reports_save(
        [
            DemoReport(
                round_,
                project,
                status=ProgressReport.Status.ACCEPTED,
                percent=percent,
                share=share,
                submitted_by=inha_user,
                reviewed_by=None,
                narrative=narrative,
            )
            for (round_, percent, share, _values), narrative in zip(rounds, narratives, strict=True)
        ]
    )
    for round_, _percent, _share, values in rounds:
        report = ProgressReport.objects.get(round=round_, project=project)
        for indicator, value in values.items():
            IndicatorActual.objects.get_or_create(
                report=report, indicator=indicator, defaults={"value": value}
            )
        for name, text in parts.items():
            ReportContribution.objects.get_or_create(
                report=report, institution=institutions[name], defaults={"text": text}
            )
    services.budget_executed_refresh(lines=project.budget_lines.all(), reason="demo")
    out.write(f"  {plan.title}: 1 project with its participants and three accepted reports")
    return plan
