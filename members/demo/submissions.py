"""Demo submissions of the cases in the news reports: Daerim University's best practice presented at
the Anyang council, the specialized high schools' difficulties about work-study and early
employment, and the SBA × Ewha and Incheon × KICOX × Inha agreements.

Facts come from the reports; where a record needs more text it stays general. Rows are written
directly (not through the services) so that loading the demo sends no mail, and each is looked
up by its council, institution and title first, so loading twice adds nothing.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from council.models import Council, User
from members.models import (
    Agreement,
    AgreementArea,
    BestPractice,
    BestPracticeFigure,
    BestPracticeStep,
    Difficulty,
    DifficultyEvent,
    Institution,
)

SEOUL = ZoneInfo("Asia/Seoul")
DAERIM_PRACTICE_TITLE = "대림대학교 산학협력단 산학협력 우수사례"

P = BestPractice
D = Difficulty
E = DifficultyEvent.Kind


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SEOUL)


@dataclass
class PracticeSpec:
    council: str
    institution: str
    title: str
    category: str
    summary: str
    problem: str
    actions: str
    results: str
    partners: list[str] = field(default_factory=list)
    other_partners: str = ""
    period: tuple[date | None, date | None] = (None, None)
    figures: list[tuple[str, Decimal, str]] = field(default_factory=list)
    author: str | None = None
    published_on: date | None = None


PRACTICES = [
    PracticeSpec(
        council="anyang",
        institution="대림대학교 산학협력단",
        title=DAERIM_PRACTICE_TITLE,
        category=P.Category.EMPLOYMENT,
        summary=(
            "2024년 제1차 안양시 산학관 협력 협의회(2024. 9. 3., 안양창업지원센터 강당)에서 첫 안건으로 "
            "발표된 대림대학교 산학협력단의 산학협력 우수사례입니다. 대학이 관내 기업·학교와 함께 추진한 "
            "산학협력 경험을 회원기관과 나눕니다."
        ),
        problem=(
            "관내 기업은 필요한 인력을 제때 찾기 어렵고, 대학과 특성화고 학생은 지역 기업을 알 기회가 "
            "적습니다. 기관마다 따로 운영하던 산학협력 프로그램을 서로 잇는 자리가 필요했습니다."
        ),
        actions=(
            "산학협력단이 대학의 교육과 관내 기업의 인력 수요를 연결하는 산학협력을 추진하고, 그 과정과 "
            "경험을 협의회에서 참여 기관에 발표했습니다.\n"
            "세부 내용은 협의회 발표 자료로 공유됩니다."
        ),
        results=(
            "협의회에 참석한 대학·특성화고·교육지원청·기업·시 관계자가 사례를 공유했고, 이어서 반도체 "
            "인력 양성(부트캠프) 사업과 취업 연계를 위한 대학·기업 공동 단기 집중 산학협력 프로그램 개발을 "
            "함께 논의했습니다."
        ),
        author="daerim",
        published_on=date(2024, 9, 3),
    ),
    PracticeSpec(
        council="incheon-smart",
        institution="인하대학교 산학협력단",
        title="현장 맞춤형 스마트제조 고급인력 양성 컨소시엄",
        category=P.Category.CURRICULUM,
        partners=["인천대학교 산학협력단", "한국폴리텍Ⅱ대학"],
        summary=(
            "남동스마트그린산단 조성사업의 세부사업인 '스마트제조 고급인력 양성사업'을 인하대학교가 주관하고 "
            "인천대학교, 한국폴리텍Ⅱ대학과 역할을 나누어 추진하는 컨소시엄입니다."
        ),
        problem=(
            "남동산단 입주기업은 스마트공장 보급과 도입 수준이 낮고, 교육 대상과 교육 장소가 제한적이어서 "
            "스마트제조 관련 교육에 참여하기 어려웠습니다."
        ),
        actions=(
            "인하대는 석·박사급 연구개발인력 교육과정, 온·오프라인 "
            "교육 인프라 구축, 산학연 협의체 구성·운영을, "
            "인천대는 학부생·재직자 교과 개발과 운영을, 한국폴리텍Ⅱ대학은 ICT 기술인력과 재직자 교육과정 "
            "운영을 맡습니다. 산학협력 R&E(Research & Education)로 입주기업의 참여를 넓힙니다."
        ),
        results=(
            "2021년 5월 20일 인천광역시·한국산업단지공단·인하대학교 업무협약을 바탕으로, 2021년 6월부터 "
            "2022년 12월까지 실험·실습 장비와 공간, 온라인 교육시스템을 갖추는 인프라 구축을 추진합니다."
        ),
        period=(date(2021, 6, 1), date(2022, 12, 31)),
        figures=[
            ("컨소시엄 참여 대학", Decimal(3), "개"),
            ("인프라 구축 기간", Decimal(19), "개월"),
        ],
        author="inha",
        published_on=date(2021, 6, 1),
    ),
]


@dataclass
class EventSpec:
    kind: str
    day: date
    body: str = ""
    author: str | None = None
    on_behalf: str | None = None
    status_to: str = ""
    assignee: str | None = None
    answer_due: date | None = None


@dataclass
class DifficultySpec:
    institution: str
    kind: str
    category: str
    title: str
    description: str
    raised_on: date
    raised_by: str | None
    events: list[EventSpec] = field(default_factory=list)


def _difficulties(today: date) -> list[DifficultySpec]:
    """Raised after the 2024-09-03 meeting, where the schools asked for a place to raise them."""
    office = "경기도안양과천교육지원청"
    return [
        DifficultySpec(
            institution="평촌경영고등학교",
            kind=D.Kind.DIFFICULTY,
            category=D.Category.WORK_STUDY,
            title="일학습병행 참여 기업 발굴과 운영 협의 창구",
            description=(
                "일학습병행에 참여할 관내 기업을 학교가 직접 찾기 어렵고, 학생을 배치한 뒤에도 기업과 학교가 "
                "운영 문제를 함께 협의할 창구가 없습니다.\n"
                "참여 가능한 기업 정보를 공유하고, 학교·기업·교육지원청이 운영 상황을 점검할 수 있는 협의 "
                "채널을 마련해 주시기 바랍니다."
            ),
            raised_on=date(2024, 9, 10),
            raised_by="pyeongchon",
            events=[
                EventSpec(
                    E.ASSIGNED,
                    date(2024, 9, 12),
                    "교육지원청의 일학습병행 지원 방안을 안내해 주십시오.",
                    author="anyang-staff",
                    status_to=D.Status.IN_REVIEW,
                    assignee=office,
                    answer_due=date(2024, 9, 30),
                ),
                EventSpec(
                    E.ANSWER,
                    date(2024, 9, 24),
                    (
                        "교육지원청이 관내 특성화고 일학습병행 담당 교사 협의회를 분기마다 열고, 참여 기업 "
                        "정보를 학교에 공유하겠습니다. 첫 협의회 일정은 학교별로 안내드리겠습니다."
                    ),
                    on_behalf=office,
                    status_to=D.Status.ANSWERED,
                ),
                EventSpec(
                    E.STATUS,
                    date(2024, 10, 2),
                    "분기별 협의회 안내를 받았습니다. 감사합니다.",
                    author="pyeongchon",
                    status_to=D.Status.RESOLVED,
                ),
            ],
        ),
        DifficultySpec(
            institution="안양공업고등학교",
            kind=D.Kind.DIFFICULTY,
            category=D.Category.EMPLOYMENT,
            title="특성화고 학생 조기 취업 연계 기업 정보 부족",
            description=(
                "조기 취업을 희망하는 학생은 많지만 관내 강소기업의 채용 계획과 직무 정보를 학교가 미리 알기 "
                "어렵습니다. 협의회 참여 기업과 관내 기업의 채용 수요를 학교에 정기적으로 공유해 주시기 "
                "바랍니다."
            ),
            raised_on=date(2024, 9, 11),
            raised_by="anyang-staff",
            events=[
                EventSpec(
                    E.ASSIGNED,
                    date(2024, 9, 13),
                    author="anyang-staff",
                    status_to=D.Status.IN_REVIEW,
                    assignee="안양산업진흥원",
                    answer_due=date(2024, 10, 11),
                ),
                EventSpec(
                    E.ANSWER,
                    date(2024, 10, 7),
                    (
                        "안양산업진흥원이 관내 기업의 채용 수요를 모아 "
                        "특성화고 취업 담당 부장 교사께 정기적으로 "
                        "공유하겠습니다. 맞춤형 취업 연계 프로그램이 "
                        "열리면 협의회를 통해 함께 안내드리겠습니다."
                    ),
                    author="anyang-staff",
                    status_to=D.Status.ANSWERED,
                ),
            ],
        ),
        DifficultySpec(
            institution="근명고등학교",
            kind=D.Kind.DIFFICULTY,
            category=D.Category.EMPLOYMENT,
            title="조기 취업 학생의 학사 운영 기준 안내 요청",
            description=(
                "조기 취업으로 현장에 나간 학생의 출결과 학사 처리 기준을 학교마다 다르게 이해하고 있습니다. "
                "교육지원청에서 기준을 안내해 주시기 바랍니다."
            ),
            raised_on=today - timedelta(days=20),
            raised_by="anyang-staff",
            events=[
                EventSpec(
                    E.ASSIGNED,
                    today - timedelta(days=18),
                    author="anyang-staff",
                    status_to=D.Status.IN_REVIEW,
                    assignee=office,
                    answer_due=today - timedelta(days=3),
                ),
            ],
        ),
        DifficultySpec(
            institution="평촌과학기술고등학교",
            kind=D.Kind.SUGGESTION,
            category=D.Category.COOPERATION,
            title="특성화고 제안을 모으는 정기 협의 자리",
            description=(
                "특성화고 학생의 조기 취업과 일·학습병행이 원활하려면 "
                "산·학·관이 정기적으로 만나 기관별 애로사항과 "
                "제안을 모으는 자리가 필요합니다. 협의회를 정례화하고 특성화고가 참여하는 분과를 두는 방안을 "
                "제안합니다."
            ),
            raised_on=today - timedelta(days=2),
            raised_by="anyang-staff",
        ),
    ]


@dataclass
class AgreementSpec:
    council: str
    title: str
    parties: list[str]
    signed_on: date
    signed_place: str
    areas: list[str]
    summary: str
    author: str | None
    practices: list[str] = field(default_factory=list)


AGREEMENTS = [
    AgreementSpec(
        council="seoul-bio",
        title="바이오 특화 서울 산업거점 산학협력 업무협약",
        parties=["서울산업진흥원(SBA)", "이화여자대학교의료원", "이화여자대학교 산학협력단"],
        signed_on=date(2024, 5, 22),
        signed_place="이화여대서울병원 대강당",
        areas=[
            Agreement.Area.JOINT_RND,
            Agreement.Area.FACILITIES,
            Agreement.Area.INFORMATION,
            Agreement.Area.TALENT,
        ],
        summary=(
            "서울산업진흥원의 산업거점 인프라와 기업 지원 역량, 이화여자대학교의료원의 의료인력과 기술, "
            "이화여자대학교 산학협력단의 산학협력 노하우를 접목해 "
            "서울 바이오헬스 분야의 산업경쟁력을 높입니다.\n"
            "협력 사항: 산업 현장의 애로사항 해소를 위한 산학협력 "
            "공동 R&D 및 기술사업화, 대학·병원 보유 연구시설과 "
            "장비의 공동 활용, 학술·기술 등 정보 교류, 인재 양성과 취업 연계를 통한 일자리 창출.\n"
            "마곡산업단지를 비롯해 상암DMC, G밸리 등 서울 주요 산업거점의 산학협력 활성화를 기대합니다."
        ),
        author="sba-staff",
    ),
    AgreementSpec(
        council="incheon-smart",
        title="스마트제조 고급인력 양성사업 업무협약",
        parties=["인천광역시 일자리경제본부", "한국산업단지공단", "인하대학교 산학협력단"],
        signed_on=date(2021, 5, 20),
        signed_place="",
        areas=[Agreement.Area.TALENT, Agreement.Area.JOINT_RND],
        summary=(
            "인천 스마트그린산단 조성사업의 세부사업인 '스마트제조 고급인력 양성사업'을 함께 추진하기 위한 "
            "협약입니다. 소재·부품·장비 기업의 현장 수요에 맞는 스마트제조 인력양성 교육과정 개발, 산학협력 "
            "R&E, 실험·실습 장비와 공간, 온라인 교육시스템 구축을 담았습니다."
        ),
        author=None,
        practices=["현장 맞춤형 스마트제조 고급인력 양성 컨소시엄"],
    ),
]


def _user(username: str | None) -> User | None:
    return User.objects.filter(username=username).first() if username else None


def _load_practices(councils: dict[str, Council], institutions: dict[str, Institution]) -> None:
    for spec in PRACTICES:
        published = at(spec.published_on) if spec.published_on else None
        practice, created = BestPractice.objects.get_or_create(
            council=councils[spec.council],
            institution=institutions[spec.institution],
            title=spec.title,
            defaults={
                "category": spec.category,
                "summary": spec.summary,
                "problem": spec.problem,
                "actions": spec.actions,
                "results": spec.results,
                "other_partners": spec.other_partners,
                "period_start": spec.period[0],
                "period_end": spec.period[1],
                "status": P.Status.PUBLISHED if published else P.Status.DRAFT,
                "review_round": 1 if published else 0,
                "created_by": _user(spec.author),
                "submitted_at": published,
                "reviewed_at": published,
                "published_at": published,
            },
        )
        if not created:
            continue
        if published:
            BestPractice.objects.filter(pk=practice.pk).update(created_at=published)
            BestPracticeStep.objects.bulk_create(
                [
                    BestPracticeStep(
                        practice=practice,
                        kind=BestPracticeStep.Kind.SUBMITTED,
                        round=1,
                        actor=practice.created_by,
                        created_at=published,
                    ),
                    BestPracticeStep(
                        practice=practice, kind=BestPracticeStep.Kind.PUBLISHED, round=1, created_at=published
                    ),
                ]
            )
        practice.partners.set([institutions[name] for name in spec.partners])
        BestPracticeFigure.objects.bulk_create(
            [
                BestPracticeFigure(practice=practice, label=label, value=value, unit=unit, order=order)
                for order, (label, value, unit) in enumerate(spec.figures)
            ]
        )


def _load_difficulties(council: Council, institutions: dict[str, Institution], today: date) -> None:
    for spec in _difficulties(today):
        difficulty, created = Difficulty.objects.get_or_create(
            council=council,
            institution=institutions[spec.institution],
            title=spec.title,
            defaults={
                "kind": spec.kind,
                "category": spec.category,
                "description": spec.description,
                "raised_by": _user(spec.raised_by),
                "created_at": at(spec.raised_on, 9),
            },
        )
        if not created:
            continue
        DifficultyEvent.objects.create(
            difficulty=difficulty,
            kind=E.RAISED,
            author=difficulty.raised_by,
            author_institution=difficulty.institution,
            status_to=D.Status.RECEIVED,
            created_at=difficulty.created_at,
        )
        status: str = D.Status.RECEIVED
        for event in spec.events:
            when = at(event.day, 14)
            assignee = institutions[event.assignee] if event.assignee else None
            DifficultyEvent.objects.create(
                difficulty=difficulty,
                kind=event.kind,
                author=_user(event.author),
                author_institution=institutions[event.on_behalf] if event.on_behalf else None,
                body=event.body,
                status_from=status,
                status_to=event.status_to,
                assignee=assignee,
                answer_due=event.answer_due,
                created_at=when,
            )
            status = event.status_to or status
            if assignee is not None:
                difficulty.assignee, difficulty.answer_due = assignee, event.answer_due
            if event.kind == E.ANSWER and difficulty.first_answered_at is None:
                difficulty.first_answered_at = when
            if status in (D.Status.RESOLVED, D.Status.CLOSED):
                difficulty.closed_at, difficulty.close_reason = when, event.body
        difficulty.status = status
        difficulty.save()


def _load_agreements(
    councils: dict[str, Council], institutions: dict[str, Institution], practices: dict[str, BestPractice]
) -> None:
    for spec in AGREEMENTS:
        agreement, created = Agreement.objects.get_or_create(
            council=councils[spec.council],
            title=spec.title,
            defaults={
                "signed_on": spec.signed_on,
                "signed_place": spec.signed_place,
                "summary": spec.summary,
                "created_by": _user(spec.author),
            },
        )
        if not created:
            continue
        agreement.parties.set([institutions[name] for name in spec.parties])
        AgreementArea.objects.bulk_create(
            [AgreementArea(agreement=agreement, area=area) for area in spec.areas]
        )
        agreement.best_practices.set([practices[title] for title in spec.practices])


@transaction.atomic
def load(out: OutputWrapper) -> None:
    councils = {council.slug: council for council in Council.objects.all()}
    institutions = {institution.name: institution for institution in Institution.objects.all()}
    _load_practices(councils, institutions)
    _load_difficulties(councils["anyang"], institutions, timezone.localdate())
    practices = {practice.title: practice for practice in BestPractice.objects.all()}
    _load_agreements(councils, institutions, practices)
    out.write(
        f"  best practices: {BestPractice.objects.count()}, difficulties: {Difficulty.objects.count()}, "
        f"agreements: {Agreement.objects.count()}"
    )
