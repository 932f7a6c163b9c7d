"""Busan's 1st comprehensive plan for industry-university-government cooperation (2023–2027).

From the report: the vision, the 4 strategies with their 6/4/5/5 tasks and 28/25/24/20 key projects
(97 in all), the stated 1조 993억 원, the strategies' totals (592억, 1,784억, 2,045억 and 6,572억 원),
the key projects it names, and the approval at the council's 1st meeting (30 March 2023). The other
projects' names, every project's budget lines, the reports and the KPI figures are examples: those
projects are marked, and the plan's note says so wherever its figures are shown. Budget lines add up
exactly to each strategy's total and to the stated total.

The demo runs in the plan's fourth year: half-year reports from 2023 H1 to 2026 H1 are in (one
returned, two projects stalled since 2025), the 2026 H2 round is open with a few early submissions.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.management.base import OutputWrapper

from council.models import Council, User
from meetings.models import ActionItem, AgendaItem, Meeting
from members.models import Institution, Person
from plans import services
from plans.demo.common import SEOUL, DemoReport, demo_reports_save, demo_round, demo_user
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
    ReportingRound,
    Strategy,
)

F = FundingSource
EOK = 10**8

BUSAN_PLAN = "제1차 지산학협력 종합계획 (2023~2027)"
BUSAN_VISION = "지산학협력도시, 부산의 새로운 미래"
BUSAN_STATED = 1_099_300_000_000
BUSAN_ITEM = "제1차 지산학협력 종합계획(2023~2027) 심의"
BUSAN_FIGURES = (
    "총사업비(1조 993억 원)와 추진전략별 사업비, 전략·과제 구성과 보도에 나온 핵심사업은 "
    "부산시 발표 내용입니다. ‘예시’로 표시한 핵심사업과 사업별 예산 항목, 진도, 성과지표 수치는 "
    "보도에 없는 예시 자료입니다."
)

# (code, title, public total in won): the strategies' totals add up to the stated 1조 993억 원.
STRATEGIES = [
    ("1", "지산학협력 지원체계 구축", 592 * EOK),
    ("2", "기업 역량을 강화하는 기술혁신 지원", 1_784 * EOK),
    ("3", "미래산업을 선도할 인재 양성", 2_045 * EOK),
    ("4", "미래에 대응하는 대학 혁신 유도", 6_572 * EOK),
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
BEF = "부산경영자총협회"
BCCI = "부산상공회의소"
BVA = "부산벤처기업협회"


@dataclass(frozen=True)
class DemoProject:
    code: str
    title: str
    lead: str
    weight: int  # its share of the strategy's total, relative to the strategy's other projects
    named: bool = False  # named in the report; the others are examples
    start: date = date(2023, 1, 1)
    end: date = date(2027, 12, 31)


P = DemoProject
# 28, 25, 24 and 20 key projects. Named ones are the report's; the rest illustrate its tasks.
PROJECTS = [
    P("1-1-01", "지산학협력센터 기능·인력 확대", BISTEP, 60, named=True),
    P("1-1-02", "지산학협력 거버넌스 운영(협의회·실무위원회)", CITY, 12),
    P("1-1-03", "지산학협력 정책 연구·성과 분석", BISTEP, 10),
    P("1-1-04", "구·군 지산학협력 네트워크 구축", CITY, 10),
    P("1-1-05", "지산학협력 전문인력 역량 강화", BISTEP, 8),
    P("1-2-01", "지산학 통합 e-플랫폼 고도화", BISTEP, 40, named=True),
    P("1-2-02", "e-플랫폼 기업·대학 자원 데이터베이스 구축", BISTEP, 14),
    P("1-2-03", "e-플랫폼 연구장비 공동활용 예약 서비스", TP, 10),
    P("1-2-04", "e-플랫폼 산학협력 성과 통계 서비스", BISTEP, 8),
    P("1-2-05", "e-플랫폼 모바일 서비스", BISTEP, 6),
    P("1-3-01", "부산청년플랫폼 기능 개선", CITY, 30, named=True),
    P("1-3-02", "청년 맞춤형 진로·취업 정보 서비스", CITY, 12),
    P("1-3-03", "청년 참여 지산학 프로젝트 공모", CITY, 10),
    P("1-3-04", "청년 정책 통합 안내 창구 운영", CITY, 6),
    P("1-4-01", "부산형 미래일자리", BEF, 90, named=True),
    P("1-4-02", "귀환·경력자 매칭 일자리", BCCI, 40, named=True),
    P("1-4-03", "지역기업 인턴십 연계", BCCI, 16),
    P("1-4-04", "대학 졸업생 지역정착 지원", CITY, 14),
    P("1-4-05", "중장년 경력자 기술전수 매칭", BEF, 10),
    P("1-4-06", "기업-청년 채용박람회", BCCI, 6),
    P("1-5-01", "산학협력 마일리지", DAU, 18, named=True),
    P("1-5-02", "산학협력 마일리지 기업 인센티브", BISTEP, 8),
    P("1-5-03", "산학협력 참여 교원 지원", DAU, 6),
    P("1-6-01", "지산학협력 거점 확대 및 브랜드 홍보", CITY, 16, named=True),
    P("1-6-02", "지산학협력 분원(거점) 설치·운영", BISTEP, 14),
    P("1-6-03", "지산학협력 성과 공유 포럼", BISTEP, 5),
    P("1-6-04", "지산학 브랜드 이미지 제고 캠페인", CITY, 5),
    P("1-6-05", "우수 협력사례 발굴·시상", BISTEP, 3),
    P("2-1-01", "산학협력 기술수요 발굴", BVA, 30, named=True),
    P("2-1-02", "지산학 연계 중개 지원", BISTEP, 40, named=True),
    P("2-1-03", "대학 보유기술 이전·사업화 지원", PNU, 35),
    P("2-1-04", "기업 맞춤형 공동R&D 지원", BISTEP, 80),
    P("2-1-05", "기술닥터(현장 애로기술 지원)", TP, 20),
    P("2-1-06", "연구장비 공동활용 지원", TP, 25),
    P("2-1-07", "산학공동 시제품 제작 지원", TP, 15),
    P("2-2-01", "지역 디지털혁신거점", TP, 180, named=True),
    P("2-2-02", "부산 디지털융합 연구·산업진흥단지", TP, 260, named=True, start=date(2024, 1, 1)),
    P("2-2-03", "제조기업 디지털 전환 컨설팅", TP, 30),
    P("2-2-04", "스마트공장 고도화 지원", TP, 90),
    P("2-2-05", "산업 데이터 공유 플랫폼", BISTEP, 40),
    P("2-2-06", "디지털 실증 테스트베드 운영", TP, 45),
    P("2-3-01", "디지털 기반 신속 신발제조 지원체계", DEU, 90, named=True, end=date(2025, 12, 31)),
    P("2-3-02", "부식제어 융합기술 기계부품 고도화", PKNU, 80, named=True),
    P("2-3-03", "친환경 조선기자재 기술 고도화", KMOU, 60),
    P("2-3-04", "수소·에너지 부품 실증 지원", TP, 70),
    P("2-3-05", "첨단소재 시험평가 지원", TP, 40),
    P("2-3-06", "미래 모빌리티 부품 기술지원", DAU, 50),
    P("2-4-01", "해양과학기술 지산학협력센터", KMOU, 140, named=True),
    P("2-4-02", "동삼혁신도시 해양기관 공동연구", KMOU, 50),
    P("2-4-03", "해양 바이오 소재 사업화", PKNU, 35),
    P("2-4-04", "스마트 항만물류 기술 실증", KMOU, 45),
    P("2-4-05", "수산식품 고부가가치화 지원", PKNU, 25),
    P("2-4-06", "해양관광 콘텐츠 산학협력", DEU, 15),
    P("3-1-01", "워털루형 코업 프로그램", PNU, 70, named=True),
    P("3-1-02", "장기 현장실습(IPP) 확대", DAU, 35),
    P("3-1-03", "기업 연계 캡스톤디자인", DEU, 20),
    P("3-1-04", "일학습병행 공동훈련센터", PKNU, 30),
    P("3-1-05", "현장실습 지원센터 운영", BISTEP, 15),
    P("3-2-01", "부산형 혁신공유대학", DAU, 140, named=True),
    P("3-2-02", "공유대학 미래자동차 전공", PNU, 45),
    P("3-2-03", "공유대학 이차전지 전공", PKNU, 45),
    P("3-2-04", "공유대학 그린바이오 전공", DEU, 35),
    P("3-2-05", "공유대학 학점교류·공동학위 운영", DAU, 15),
    P("3-3-01", "부산 디지털혁신아카데미", DEU, 60, named=True),
    P("3-3-02", "양자정보기술 인재양성", PNU, 45, named=True),
    P("3-3-03", "인공지능 융합 전문가 과정", PNU, 35),
    P("3-3-04", "빅데이터·클라우드 실무인재 양성", DEU, 25),
    P("3-3-05", "SW 중심 재직자 교육", TP, 15),
    P("3-4-01", "전력반도체 소자 제조 인력양성", TP, 70, named=True),
    P("3-4-02", "BB21 플러스", BISTEP, 120, named=True),
    P("3-4-03", "전력반도체 석·박사 학위과정", PNU, 40),
    P("3-4-04", "친환경 해양모빌리티 석사과정", KMOU, 30),
    P("3-4-05", "이공계 대학원생 지역기업 연구연계", BISTEP, 25),
    P("3-5-01", "해양금융 융합과정", KMOU, 20, named=True),
    P("3-5-02", "블록체인 핀테크 보안 인재양성", PKNU, 30, named=True),
    P("3-5-03", "해운·물류 전문인력 양성", KMOU, 15),
    P("3-5-04", "관광·MICE 산업 실무인재 양성", DAU, 10),
    P("4-1-01", "지역 주도 대학재정지원", CITY, 900, named=True),
    P("4-1-02", "지역혁신중심 대학지원체계 구축", CITY, 220),
    P("4-1-03", "대학-지자체 협력 거버넌스 운영", CITY, 20),
    P("4-1-04", "지방대학 위기 대응 특별지원", CITY, 120),
    P("4-2-01", "ICT 기반 스마트양식 클러스터", PKNU, 70, named=True),
    P("4-2-02", "해양 신산업 혁신융합캠퍼스", KMOU, 90, named=True),
    P("4-2-03", "대학별 특성화 분야 공동연구", PNU, 50),
    P("4-2-04", "글로컬대학 연계 특성화 지원", DAU, 60),
    P("4-3-01", "대학 유휴부지 산학협력 허브", DAU, 110, named=True),
    P("4-3-02", "캠퍼스 혁신파크 조성", PNU, 130),
    P("4-3-03", "대학 내 기업부설연구소 유치", DEU, 30),
    P("4-3-04", "산학연 공동 입주공간 운영", BISTEP, 25),
    P("4-4-01", "이공계 지역혁신선도연구센터", PNU, 80, named=True),
    P("4-4-02", "이공계 대학 중점연구소", PKNU, 55, named=True),
    P("4-4-03", "신진연구자 정착 지원", BISTEP, 25),
    P("4-4-04", "대학 공동연구장비 고도화", PNU, 30),
    P("4-5-01", "ICT 연구센터", DEU, 60, named=True),
    P("4-5-02", "ICT 융합 대학연구센터 확대", PNU, 45),
    P("4-5-03", "지능형 반도체 설계 연구센터", PKNU, 40),
    P("4-5-04", "ICT 연구성과 사업화 지원", DEU, 20),
]

# Funding mix in % by the lead's kind of institution.
MIX = {
    "university": [(F.NATIONAL, 45), (F.CITY, 35), (F.UNIVERSITY, 20)],
    "support_agency": [(F.NATIONAL, 50), (F.CITY, 40), (F.PRIVATE, 10)],
    "research": [(F.NATIONAL, 40), (F.CITY, 50), (F.PRIVATE, 10)],
    "government": [(F.NATIONAL, 20), (F.CITY, 70), (F.DISTRICT, 10)],
    "other": [(F.CITY, 50), (F.PRIVATE, 40), (F.NATIONAL, 10)],
}
MILLION = 10**6

# Reporting: half-year rounds and when each was due; the last one is open, not yet due.
ROUNDS = [
    (2023, 1, date(2023, 7, 14)),
    (2023, 2, date(2024, 1, 15)),
    (2024, 1, date(2024, 7, 15)),
    (2024, 2, date(2025, 1, 15)),
    (2025, 1, date(2025, 7, 15)),
    (2025, 2, date(2026, 1, 15)),
    (2026, 1, date(2026, 7, 15)),
    (2026, 2, date(2027, 1, 15)),
]
OPEN_ROUND = (2026, 2)
# Stalled: nothing reported since 2025 H2. Returned: the 2026 H1 report came back for correction.
STALLED = {"2-2-06": (2025, 2), "4-3-03": (2025, 2)}
RETURNED = ("3-3-01", (2026, 1))
RETURN_COMMENT = (
    "집행액 증빙(세금계산서·지출결의서)이 누락되었습니다. 2026년 상반기 교육 수료 인원의 근거 자료를 "
    "첨부하고 시비 집행액을 다시 확인해 제출해 주세요."
)
EARLY = {"1-4-01", "2-1-02", "3-1-01", "4-4-01"}  # submitted the open round's report already

# (name, unit, baseline, yearly targets) of the examples' KPIs.
KPIS = {
    "1-2-01": ("e-플랫폼 가입 기업·기관", "개", 0, {2023: 300, 2024: 600, 2025: 900, 2026: 1200, 2027: 1500}),
    "1-4-01": ("청년 일자리 매칭 인원", "명", 0, {2023: 400, 2024: 800, 2025: 1200, 2026: 1600, 2027: 2000}),
    "1-5-01": ("마일리지 참여 학생", "명", 0, {2023: 500, 2024: 900, 2025: 1300, 2026: 1600, 2027: 2000}),
    "2-1-02": ("지산학 연계 중개 건수", "건", 0, {2023: 60, 2024: 90, 2025: 120, 2026: 150, 2027: 180}),
    "2-4-01": ("해양 공동연구 과제", "건", 2, {2023: 6, 2024: 10, 2025: 14, 2026: 18, 2027: 22}),
    "3-1-01": ("코업 참여 학생", "명", 40, {2023: 120, 2024: 200, 2025: 280, 2026: 340, 2027: 400}),
    "3-2-01": ("공유대학 이수 학생", "명", 0, {2023: 300, 2024: 600, 2025: 900, 2026: 1100, 2027: 1300}),
    "3-4-01": ("전력반도체 교육 수료 인원", "명", 0, {2023: 60, 2024: 80, 2025: 100, 2026: 100, 2027: 100}),
    "4-2-01": ("스마트양식 기술이전 건수", "건", 2, {2023: 4, 2024: 6, 2025: 8, 2026: 10, 2027: 12}),
    "4-4-01": ("선도연구센터 SCI 논문", "편", 10, {2023: 30, 2024: 40, 2025: 50, 2026: 55, 2027: 60}),
}


def _shares(total: int, weights: list[int], unit: int) -> list[int]:
    """Split `total` by `weights` in whole `unit`s; what rounding leaves over goes to the largest."""
    parts = [total * weight // sum(weights) // unit * unit for weight in weights]
    parts[weights.index(max(weights))] += total - sum(parts)
    return parts


def _budget_lines(project: Project, total: int, kind: str) -> list[BudgetLine]:
    """The project's total by year (ramping up to its second year) and funding source, to the won."""
    years = list(range(project.start_on.year, project.end_on.year + 1))
    ramp = [8, 10, 11, 11, 10][: len(years)] if len(years) > 1 else [1]
    lines = []
    mix = MIX.get(kind, MIX["other"])
    for year, amount in zip(years, _shares(total, ramp, MILLION), strict=True):
        by_source = _shares(amount, [percent for _source, percent in mix], MILLION)
        for (source, _percent), planned in zip(mix, by_source, strict=True):
            lines.append(BudgetLine(project=project, year=year, source=source, planned=planned))
    return lines


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


def _structure(plan: Plan) -> dict[str, Project]:
    """Strategies, tasks and the 97 projects, with budget lines that add up to each strategy's total."""
    strategies = {}
    for order, (code, title, _total) in enumerate(STRATEGIES, start=1):
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
    projects: dict[str, Project] = {}
    new_lines: list[BudgetLine] = []
    for strategy_code, _title, total in STRATEGIES:
        specs = [spec for spec in PROJECTS if spec.code.split("-")[0] == strategy_code]
        for spec, amount in zip(
            specs, _shares(total, [spec.weight for spec in specs], 10 * MILLION), strict=True
        ):
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
                    "status": Project.Status.COMPLETED
                    if spec.end < date(2026, 1, 1)
                    else Project.Status.IN_PROGRESS,
                    "is_example": not spec.named,
                },
            )
            if created:
                new_lines += _budget_lines(project, amount, lead.kind)
            projects[spec.code] = project
    BudgetLine.objects.bulk_create(new_lines)
    participations = [
        ("3-2-01", PNU, "공유 교과목 개발·운영", "30"),
        ("3-2-01", PKNU, "공유 교과목 운영·학점 교류", "25"),
        ("2-4-01", PKNU, "해양과학 공동연구", "20"),
        ("3-1-01", DAU, "코업 참여 기업 공동 발굴", "15"),
    ]
    for code, name, role, share in participations:
        Participation.objects.get_or_create(
            project=projects[code],
            institution=institutions[name],
            defaults={"role": role, "share": Decimal(share)},
        )
    return projects


def _percent(spec: DemoProject, round_: ReportingRound, index: int) -> int:
    """Share of the project's period elapsed by the round's end, give or take a little."""
    span = (spec.end - spec.start).days or 1
    elapsed = (min(round_.ends_on, spec.end) - spec.start).days
    return max(1, min(100, round(100 * elapsed / span) + index % 5 - 2))


def _reports(plan: Plan, projects: dict[str, Project], official: User | None) -> None:
    """Half-year reports of every project running in each round, as a plan in its fourth year has them."""
    pnu = demo_user("pnu")
    status = ProgressReport.Status
    reports = []
    for year, period, due in ROUNDS:
        round_ = demo_round(plan, year, period, due)
        for index, spec in enumerate(PROJECTS):
            project = projects[spec.code]
            if project.start_on > round_.ends_on or project.end_on < round_.starts_on:
                continue
            submitter = pnu if spec.lead == PNU else None
            stalled_since = STALLED.get(spec.code)
            first_half = 42 + index % 7
            year_total = 93 + index % 6
            share = first_half if period == 1 else year_total - first_half
            percent: int | None = _percent(spec, round_, index)
            if stalled_since is not None and (year, period) >= stalled_since:
                state, share, percent, narrative = status.DRAFT, 0, None, ""
            elif (year, period) == OPEN_ROUND:
                state = status.SUBMITTED if spec.code in EARLY else status.DRAFT
                narrative = f"{spec.title} 2026년 하반기 실적을 보고한다." if spec.code in EARLY else ""
                if spec.code not in EARLY:
                    share, percent = 0, None
            elif (spec.code, (year, period)) == RETURNED:
                state, narrative = status.RETURNED, "상반기 교육과정 2개 기수를 운영했다."
            else:
                state, narrative = status.ACCEPTED, f"{spec.title} {round_.label} 사업을 계획대로 수행했다."
            reports.append(
                DemoReport(
                    round_,
                    project,
                    status=state,
                    percent=percent,
                    share=share,
                    submitted_by=submitter,
                    reviewed_by=official,
                    comment=RETURN_COMMENT if state == status.RETURNED else "",
                    narrative=narrative,
                )
            )
    demo_reports_save(reports)
    services.budget_executed_refresh(lines=BudgetLine.objects.filter(project__plan=plan), reason="demo")


def _kpis(projects: dict[str, Project], official: User | None) -> None:
    """Targets for every year, and actuals stated in the accepted reports: about half the year's target
    by mid-year, on target by its end; the last two rounds' actuals still wait for verification."""
    accepted = ProgressReport.Status.ACCEPTED
    for order, (code, (name, unit, baseline, targets)) in enumerate(KPIS.items(), start=1):
        indicator, _created = Indicator.objects.get_or_create(
            project=projects[code], name=name, defaults={"unit": unit, "baseline": baseline, "order": order}
        )
        for year, value in targets.items():
            IndicatorTarget.objects.get_or_create(indicator=indicator, year=year, defaults={"value": value})
        reports = ProgressReport.objects.filter(project=projects[code], status=accepted).select_related(
            "round"
        )
        for report in reports:
            round_ = report.round
            ratio = 48 + order % 5 if round_.period == 1 else 96 + order % 9
            verified = (round_.year, round_.period) < (2025, 2)
            IndicatorActual.objects.get_or_create(
                report=report,
                indicator=indicator,
                defaults={
                    "value": (Decimal(targets[round_.year] * ratio) / 100).quantize(Decimal("1")),
                    "verified_by": official if verified else None,
                    "verified_at": report.reviewed_at if verified else None,
                },
            )


def load_busan(out: OutputWrapper) -> Plan:
    busan = Council.objects.get(slug="busan")
    staff, official = demo_user("busan-staff"), demo_user("busan-official")
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
            "figures_note": BUSAN_FIGURES,
            "description": (
                "지·산·학 협력 정책으로 기업·대학·청년을 연결하고 실질적으로 지원하기 위한 첫 종합계획. "
                "4대 추진전략, 20개 추진과제, 97개 핵심사업에 5년간 1조 993억 원을 투입한다. "
                "비상경제대책회의와 시-대학 산학협력단장 협의회의 논의를 거쳐 수립했다."
            ),
        },
    )
    projects = _structure(plan)
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
            "assignee": projects["1-1-01"].lead_institution,
            "due_on": date(2024, 6, 30),
            "description": "허브센터 역할 수행을 위한 전담인력 확충 계획을 차기 회의에 보고한다.",
        },
    )
    ProjectActionLink.objects.get_or_create(project=projects["1-1-01"], action_item=action)
    _reports(plan, projects, official)
    _kpis(projects, official)
    lines = BudgetLine.objects.filter(project__plan=plan).count()
    out.write(f"  {plan.title}: {len(projects)} projects, {lines} budget lines")
    return plan
