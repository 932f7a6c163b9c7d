"""Demo plans of two cases from the news reports (see council/demo.py).

Busan's 1st comprehensive plan for industry-university-government cooperation (2023–2027): its
vision, 4 strategies and 20 tasks as the report names them, the key projects it mentions, budget
lines by year and funding source, approved by the deliberation item of the council's 1st meeting
(30 March 2023); reporting rounds 2023 H1 and H2 accepted, 2024 H1 submitted with one returned.
Incheon's smart-manufacturing talent project (June 2021 – December 2022): Inha University leads,
Incheon National University and Korea Polytechnic II take part, with accepted reports.

Facts come from the reports; amounts below the plan's stated total, KPI figures and narratives are
plausible filler. Idempotent: every row is looked up by its natural key before it is created.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.management.base import OutputWrapper
from django.db import transaction

from council.models import Council, User
from meetings.models import ActionItem, AgendaItem, Meeting
from members.models import Agreement, Institution, InstitutionContact, Person
from plans import services
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
    ProjectActionLink,
    ProjectDecisionLink,
    ReportContribution,
    ReportExecution,
    ReportingRound,
    Strategy,
)
from plans.services import period_dates

SEOUL = ZoneInfo("Asia/Seoul")
EOK = 10**8
F = FundingSource

BUSAN_PLAN = "제1차 지산학협력 종합계획 (2023~2027)"
BUSAN_VISION = "지산학협력도시, 부산의 새로운 미래"
BUSAN_STATED = 1_099_300_000_000
BUSAN_ITEM = "제1차 지산학협력 종합계획(2023~2027) 심의"

STRATEGIES = [
    ("1", "지산학협력 지원체계 구축"),
    ("2", "기업 역량을 강화하는 기술혁신 지원"),
    ("3", "미래산업을 선도할 인재 양성"),
    ("4", "미래에 대응하는 대학 혁신 유도"),
]

# (strategy, code, title): 6, 4, 5 and 5 tasks, as the report names them.
TASKS = [
    ("1", "1-1", "지산학협력센터 기능·인력 확대로 허브 역할과 거버넌스 활성화"),
    ("1", "1-2", "지산학 통합 e-플랫폼 서비스 전면 제공 및 고도화"),
    ("1", "1-3", "부산청년플랫폼 기능 개선으로 청년 맞춤형 서비스 확대"),
    ("1", "1-4", "부산형 미래일자리와 귀환·경력자 매칭으로 기업-청년 일자리 연계 강화"),
    ("1", "1-5", "산학협력 마일리지 운영으로 지산학협력 참여 활성화"),
    ("1", "1-6", "지산학협력 거점 확대와 브랜드 홍보로 저변 확대·성과 확산"),
    ("2", "2-1", "산학협력 기술수요 발굴과 지산학 연계 중개로 기업 기술혁신 지원"),
    ("2", "2-2", "지역 디지털혁신거점 구축과 디지털융합 단지 지정으로 디지털 전환 촉진"),
    ("2", "2-3", "신속 신발제조·부식제어 융합기술 지원으로 지역 전략산업 고도화"),
    ("2", "2-4", "동삼혁신도시 해양과학기술 지산학협력센터로 지역 특화산업 활성화"),
    ("3", "3-1", "워털루형 코업 등 현장 중심 실무교육 확대"),
    ("3", "3-2", "부산형 혁신공유대학으로 미래 첨단산업 전문인력 양성 확대"),
    ("3", "3-3", "디지털혁신아카데미·양자정보기술 교육으로 디지털 핵심인재 양성"),
    ("3", "3-4", "전력반도체·BB21 플러스 등 학위 연계로 전략산업 고급인재 양성"),
    ("3", "3-5", "해양금융·블록체인 핀테크 융합과정으로 특화산업 인재 양성"),
    ("4", "4-1", "대학 지원체계 재정비와 지역 주도 대학재정지원 확대"),
    ("4", "4-2", "스마트양식·해양 신산업 등 대학별 특성화 사업 지원"),
    ("4", "4-3", "대학 유휴부지에 기업·연구소를 모아 산학협력 허브 클러스터 조성"),
    ("4", "4-4", "지역혁신선도연구센터·중점연구소 확대로 이공계 연구중심대학 육성"),
    ("4", "4-5", "ICT 연구센터 등 ICT 분야 대학 연구센터 설립 확대"),
]

TP = "부산테크노파크"
BISTEP = "부산산업과학혁신원"
PNU = "부산대학교 산학협력단"
PKNU = "부경대학교 산학협력단"
DAU = "동아대학교 산학협력단"
DEU = "동의대학교 산학협력단"
KMOU = "한국해양대학교 산학협력단"
CITY = "부산광역시"


@dataclass(frozen=True)
class DemoProject:
    code: str
    title: str
    lead: str
    eok: int  # planned total in hundred-million won
    start: date = date(2023, 1, 1)
    end: date = date(2027, 12, 31)
    status: str = Project.Status.IN_PROGRESS


# The key projects the report mentions; planned totals add up to 10,987억 원, just under the
# stated 1조 993억 원, so the plan page flags the difference.
PROJECTS = [
    DemoProject("1-1-01", "지산학협력센터 기능·인력 확대", BISTEP, 320),
    DemoProject("1-2-01", "지산학 통합 e-플랫폼 고도화", BISTEP, 180),
    DemoProject("1-3-01", "부산청년플랫폼 기능 개선", CITY, 120),
    DemoProject("1-4-01", "부산형 미래일자리", "부산경영자총협회", 610),
    DemoProject("1-4-02", "귀환·경력자 매칭 일자리", "부산상공회의소", 240),
    DemoProject("1-5-01", "산학협력 마일리지", DAU, 90),
    DemoProject("1-6-01", "지산학협력 거점 확대 및 브랜드 홍보", CITY, 60),
    DemoProject("2-1-01", "산학협력 기술수요 발굴", "부산벤처기업협회", 150),
    DemoProject("2-1-02", "지산학 연계 중개 지원", BISTEP, 210),
    DemoProject("2-2-01", "지역 디지털혁신거점", TP, 870),
    DemoProject("2-2-02", "부산 디지털융합 연구·산업진흥단지", TP, 1350, start=date(2024, 1, 1)),
    DemoProject("2-3-01", "디지털 기반 신속 신발제조 지원체계", DEU, 420, end=date(2025, 12, 31)),
    DemoProject("2-3-02", "부식제어 융합기술 기계부품 고도화", PKNU, 380),
    DemoProject("2-4-01", "해양과학기술 지산학협력센터", KMOU, 690),
    DemoProject("3-1-01", "워털루형 코업 프로그램", PNU, 330),
    DemoProject("3-2-01", "부산형 혁신공유대학", DAU, 560),
    DemoProject("3-3-01", "부산 디지털혁신아카데미", DEU, 240),
    DemoProject("3-3-02", "양자정보기술 인재양성", PNU, 170),
    DemoProject("3-4-01", "전력반도체 소자 제조 인력양성", TP, 310),
    DemoProject("3-4-02", "BB21 플러스", BISTEP, 520),
    DemoProject("3-5-01", "해양금융 융합과정", KMOU, 85),
    DemoProject("3-5-02", "블록체인 핀테크 보안 인재양성", PKNU, 120),
    DemoProject("4-1-01", "지역 주도 대학재정지원", CITY, 1200),
    DemoProject("4-2-01", "ICT 기반 스마트양식 클러스터", PKNU, 260),
    DemoProject("4-2-02", "해양 신산업 혁신융합캠퍼스", KMOU, 330),
    DemoProject("4-3-01", "대학 유휴부지 산학협력 허브", DAU, 450),
    DemoProject("4-4-01", "이공계 지역혁신선도연구센터", PNU, 307),
    DemoProject("4-4-02", "이공계 대학 중점연구소", PKNU, 190),
    DemoProject("4-5-01", "ICT 연구센터", DEU, 225),
]

# Funding mix in % by the lead's kind of institution.
MIX = {
    "university": [(F.NATIONAL, 45), (F.CITY, 35), (F.UNIVERSITY, 20)],
    "support_agency": [(F.NATIONAL, 50), (F.CITY, 50)],
    "research": [(F.NATIONAL, 40), (F.CITY, 60)],
    "government": [(F.NATIONAL, 20), (F.CITY, 70), (F.DISTRICT, 10)],
    "other": [(F.CITY, 60), (F.PRIVATE, 40)],
}

# Projects whose reports stalled (never submitted after 2023 H1) and the one returned in 2024 H1.
STALLED = {"2-2-02", "4-3-01"}
RETURNED = "3-3-01"
RETURN_COMMENT = (
    "집행액 증빙(세금계산서·지출결의서)이 누락되었습니다. 2024년 상반기 교육 수료 인원의 근거 자료를 "
    "첨부하고 시비 집행액을 다시 확인해 제출해 주세요."
)

KPIS = {
    "1-2-01": ("e-플랫폼 가입 기업·기관", "개", 0, {2023: 300, 2024: 600, 2025: 900, 2026: 1200, 2027: 1500}),
    "1-4-01": ("청년 일자리 매칭 인원", "명", 0, {2023: 400, 2024: 800, 2025: 1200, 2026: 1600, 2027: 2000}),
    "3-1-01": ("코업 참여 학생", "명", 40, {2023: 120, 2024: 200, 2025: 280, 2026: 340, 2027: 400}),
    "3-4-01": ("전력반도체 교육 수료 인원", "명", 0, {2023: 60, 2024: 80, 2025: 100, 2026: 100, 2027: 100}),
    "4-2-01": ("스마트양식 기술이전 건수", "건", 2, {2023: 4, 2024: 6, 2025: 8, 2026: 10, 2027: 12}),
}


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _split(total: int, parts: int) -> list[int]:
    base, rest = divmod(total, parts)
    return [base] * (parts - 1) + [base + rest]


def _lines(project: Project, eok: int, kind: str) -> None:
    years = list(range(project.start_on.year, project.end_on.year + 1))
    mix = MIX.get(kind, MIX["other"])
    for year, amount in zip(years, _split(eok * EOK, len(years)), strict=True):
        shares = [amount * percent // 100 for _source, percent in mix]
        shares[0] += amount - sum(shares)
        for (source, _percent), planned in zip(mix, shares, strict=True):
            BudgetLine.objects.get_or_create(
                project=project, year=year, source=source, defaults={"planned": planned}
            )


def _busan_meeting(busan: Council) -> AgendaItem:
    """The council's 1st meeting, by its natural key (council, year, number), and its deliberation item."""
    chair = Person.objects.filter(name="박형준").first()
    meeting, _created = Meeting.objects.get_or_create(
        council=busan,
        year=2023,
        number=1,
        defaults={
            "title": "제1차 부산광역시 지산학협력 협의회",
            "kind": Meeting.Kind.REGULAR,
            "status": Meeting.Status.HELD,
            "starts_at": datetime(2023, 3, 30, 15, 0, tzinfo=SEOUL),
            "ends_at": datetime(2023, 3, 30, 17, 0, tzinfo=SEOUL),
            "venue": "부산시청 7층 영상회의실",
            "address": "부산광역시 연제구 중앙대로 1001",
            "chair": chair,
            "description": "지산학협력 정책의 컨트롤타워로서 제1차 지산학협력 종합계획을 심의·의결한다.",
        },
    )
    item, _created = AgendaItem.objects.get_or_create(
        meeting=meeting,
        title=BUSAN_ITEM,
        defaults={
            "order": 1,
            "kind": AgendaItem.Kind.DELIBERATION,
            "decision": AgendaItem.Decision.APPROVED,
            "decision_text": "제1차 지산학협력 종합계획(2023~2027)을 원안 의결함.",
            "decided_at": datetime(2023, 3, 30, 16, 30, tzinfo=SEOUL),
        },
    )
    return item


def _round(plan: Plan, year: int, period: int, due: date) -> ReportingRound:
    starts, ends = period_dates(cadence=plan.cadence, year=year, period=period)
    round_, _created = ReportingRound.objects.get_or_create(
        plan=plan,
        year=year,
        period=period,
        defaults={"cadence": plan.cadence, "starts_on": starts, "ends_on": ends, "due_on": due},
    )
    return round_


def _report(
    round_: ReportingRound,
    project: Project,
    *,
    status: str,
    percent: int | None,
    narrative: str,
    share: int,
    submitted_by: User | None,
    reviewed_by: User | None,
    comment: str = "",
) -> ProgressReport:
    """A report with its executed amounts (share % of each line of the round's year)."""
    report, created = ProgressReport.objects.get_or_create(round=round_, project=project)
    if not created:
        return report
    submitted = status != ProgressReport.Status.DRAFT
    due = datetime.combine(round_.due_on, time(10), tzinfo=SEOUL)
    report.status = status
    report.percent_done = percent
    report.narrative = narrative
    report.submissions = 1 if submitted else 0
    report.submitted_at = due if submitted else None
    report.submitted_by = submitted_by if submitted else None
    if status in {ProgressReport.Status.ACCEPTED, ProgressReport.Status.RETURNED}:
        report.reviewed_at = datetime.combine(round_.due_on.replace(day=28), time(14), tzinfo=SEOUL)
        report.reviewed_by = reviewed_by
        report.review_comment = comment
    report.save()
    if submitted or percent is not None:
        for line in project.budget_lines.filter(year=round_.year):
            ReportExecution.objects.get_or_create(
                report=report, budget_line=line, defaults={"amount": line.planned * share // 100}
            )
    return report


def _busan(out: OutputWrapper) -> Plan:
    busan = Council.objects.get(slug="busan")
    staff, official = _user("busan-staff"), _user("busan-official")
    item = _busan_meeting(busan)
    plan, _created = Plan.objects.get_or_create(
        council=busan,
        title=BUSAN_PLAN,
        defaults={
            "vision": BUSAN_VISION,
            "start_year": 2023,
            "end_year": 2027,
            "stated_total": BUSAN_STATED,
            "cadence": Plan.Cadence.HALF_YEAR,
            "description": (
                "지·산·학 협력 정책으로 기업·대학·청년을 연결하고 실질적으로 지원하기 위한 첫 종합계획. "
                "4대 추진전략, 20개 추진과제, 97개 핵심사업에 5년간 1조 993억 원을 투입한다. "
                "비상경제대책회의와 시-대학 산학협력단장 협의회의 논의를 거쳐 수립했다."
            ),
        },
    )
    strategies = {}
    for order, (code, title) in enumerate(STRATEGIES, start=1):
        strategies[code], _created = Strategy.objects.get_or_create(
            plan=plan, code=code, defaults={"title": title, "order": order}
        )
    tasks = {}
    for order, (strategy_code, code, title) in enumerate(TASKS, start=1):
        tasks[code], _created = PlanTask.objects.get_or_create(
            plan=plan,
            code=code,
            defaults={"strategy": strategies[strategy_code], "title": title, "order": order},
        )
    institutions = {institution.name: institution for institution in Institution.objects.all()}
    projects = {}
    for spec in PROJECTS:
        lead = institutions[spec.lead]
        project, created = Project.objects.get_or_create(
            plan=plan,
            code=spec.code,
            defaults={
                "task": tasks[spec.code.rsplit("-", 1)[0]],
                "title": spec.title,
                "lead_institution": lead,
                "start_on": spec.start,
                "end_on": spec.end,
                "status": spec.status,
            },
        )
        if created:
            _lines(project, spec.eok, lead.kind)
        projects[spec.code] = project
    Participation.objects.get_or_create(
        project=projects["3-2-01"],
        institution=institutions[PNU],
        defaults={"role": "공유 교과목 개발·운영", "share": Decimal("30")},
    )
    Participation.objects.get_or_create(
        project=projects["3-2-01"],
        institution=institutions[PKNU],
        defaults={"role": "공유 교과목 운영·학점 교류", "share": Decimal("25")},
    )
    Participation.objects.get_or_create(
        project=projects["2-4-01"],
        institution=institutions[PKNU],
        defaults={"role": "해양과학 공동연구", "share": Decimal("20")},
    )
    if plan.status == Plan.Status.DRAFT and staff is not None:
        services.plan_approve(actor=staff, plan=plan, agenda_item=item, note="협의회 제1차 회의 원안 의결")
        # The version was decided at the meeting, not when the demo was loaded.
        PlanVersion.objects.filter(plan=plan, number=1).update(created_at=item.decided_at)
    plan.refresh_from_db()
    ProjectDecisionLink.objects.get_or_create(project=projects["1-1-01"], agenda_item=item)
    action, _created = ActionItem.objects.get_or_create(
        meeting=item.meeting,
        title="지산학협력센터 전담인력 확충 계획 수립",
        defaults={
            "council": busan,
            "agenda_item": item,
            "assignee": institutions[BISTEP],
            "due_on": date(2024, 6, 30),
            "description": "허브센터 역할 수행을 위한 전담인력 확충 계획을 차기 회의에 보고한다.",
        },
    )
    ProjectActionLink.objects.get_or_create(project=projects["1-1-01"], action_item=action)

    for code, (name, unit, baseline, targets) in KPIS.items():
        indicator, _created = Indicator.objects.get_or_create(
            project=projects[code], name=name, defaults={"unit": unit, "baseline": baseline}
        )
        for year, value in targets.items():
            IndicatorTarget.objects.get_or_create(indicator=indicator, year=year, defaults={"value": value})

    pnu_contact = _user("pnu")
    first = _round(plan, 2023, 1, date(2023, 7, 14))
    second = _round(plan, 2023, 2, date(2024, 1, 15))
    third = _round(plan, 2024, 1, date(2024, 7, 15))
    for index, spec in enumerate(PROJECTS):
        project = projects[spec.code]
        submitter = pnu_contact if spec.lead == PNU else None
        accepted = ProgressReport.Status.ACCEPTED
        if project.start_on.year == 2023:
            _report(
                first,
                project,
                status=accepted,
                percent=8 + index % 5,
                share=30 + index % 11,
                submitted_by=submitter,
                reviewed_by=official,
                narrative=f"{spec.title} 추진체계를 구성하고 상반기 사업에 착수했다.",
            )
            if spec.code in STALLED:
                _report(
                    second,
                    project,
                    status=ProgressReport.Status.DRAFT,
                    percent=None,
                    share=0,
                    submitted_by=None,
                    reviewed_by=None,
                    narrative="",
                )
            else:
                _report(
                    second,
                    project,
                    status=accepted,
                    percent=18 + index % 7,
                    share=40 + index % 17,
                    submitted_by=submitter,
                    reviewed_by=official,
                    narrative=f"{spec.title} 하반기 사업을 계획대로 수행했다.",
                )
        if spec.code in STALLED:
            _report(
                third,
                project,
                status=ProgressReport.Status.DRAFT,
                percent=None,
                share=0,
                submitted_by=None,
                reviewed_by=None,
                narrative="",
            )
        elif spec.code == RETURNED:
            _report(
                third,
                project,
                status=ProgressReport.Status.RETURNED,
                percent=30,
                share=45,
                submitted_by=submitter,
                reviewed_by=official,
                comment=RETURN_COMMENT,
                narrative="상반기 교육과정 2개 기수를 운영했다.",
            )
        else:
            _report(
                third,
                project,
                status=ProgressReport.Status.SUBMITTED,
                percent=28 + index % 9,
                share=45,
                submitted_by=submitter,
                reviewed_by=None,
                narrative=f"{spec.title} 2024년 상반기 실적을 보고한다.",
            )
        services.budget_executed_refresh(project=project, reason="demo")

    for code, (name, _unit, _baseline, targets) in KPIS.items():
        indicator = Indicator.objects.get(project=projects[code], name=name)
        for round_, ratio, verified in ((first, 45, True), (second, 104, code != "4-2-01")):
            report = ProgressReport.objects.filter(round=round_, project=projects[code]).first()
            if report is None or report.status != ProgressReport.Status.ACCEPTED:
                continue
            stated = Decimal(targets[2023] * ratio) / 100
            IndicatorActual.objects.get_or_create(
                report=report,
                indicator=indicator,
                defaults={
                    "value": stated.quantize(Decimal("1")),
                    "verified_by": official if verified else None,
                    "verified_at": report.reviewed_at if verified else None,
                },
            )
    lines = BudgetLine.objects.filter(project__plan=plan).count()
    out.write(f"  {plan.title}: {plan.projects.count()} projects, {lines} budget lines")
    return plan


def _incheon(out: OutputWrapper) -> Plan:
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
    inha_user = _user("inha")
    rounds = [
        (_round(plan, 2021, 2, date(2022, 1, 14)), 30, 100, {graduates: 18, workers: 52}),
        (_round(plan, 2022, 1, date(2022, 7, 15)), 65, 45, {graduates: 22, workers: 60}),
        (_round(plan, 2022, 2, date(2023, 1, 13)), 100, 55, {graduates: 41, workers: 126}),
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
    for (round_, percent, share, values), narrative in zip(rounds, narratives, strict=True):
        report = _report(
            round_,
            project,
            status=ProgressReport.Status.ACCEPTED,
            percent=percent,
            share=share,
            submitted_by=inha_user,
            reviewed_by=None,
            narrative=narrative,
        )
        for indicator, value in values.items():
            IndicatorActual.objects.get_or_create(
                report=report, indicator=indicator, defaults={"value": value}
            )
        for name, text in parts.items():
            ReportContribution.objects.get_or_create(
                report=report, institution=institutions[name], defaults={"text": text}
            )
    services.budget_executed_refresh(project=project, reason="demo")
    out.write(f"  {plan.title}: 1 project with its participants and three accepted reports")
    return plan


@transaction.atomic
def load(out: OutputWrapper) -> None:
    pusan = Institution.objects.filter(name=PNU).first()
    pnu = _user("pnu")
    if pnu is not None and pusan is not None:
        InstitutionContact.objects.get_or_create(user=pnu, institution=pusan)
    _busan(out)
    _incheon(out)
