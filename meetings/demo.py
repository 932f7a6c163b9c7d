"""Demo meetings from the reports: Anyang 2024 1st, ASV 2025 2nd, Busan's 1st, and one upcoming meeting.

Rows are found by their natural keys (council, year, number; meeting and item title) before
being created, so loading twice changes nothing.
"""

from datetime import date, datetime, time, timedelta

from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from council.models import Council, User
from meetings import services
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting, Minutes
from members.demo.submissions import DAERIM_PRACTICE_TITLE
from members.models import BestPractice, Difficulty, Institution, Membership, Person

Kind = AgendaItem.Kind
Decision = AgendaItem.Decision

ANYANG_MINUTES = """# 2024년 제1차 산·학·관 협력 협의회 회의록

- 일시: 2024년 9월 3일
- 장소: 안양창업지원센터 강당
- 참석: 7개 대학 산학협력단장, 6개 특성화고 교장 및 취업 담당 부장 교사, 안양과천교육지원청, 관내 기업 2곳, 안양시 기업경제과

## 1. 대림대학교 산학협력단 우수사례 발표
대림대학교 산학협력단이 산학협력 우수사례를 발표하였다.

## 2. 첨단산업 반도체 인력양성(부트캠프) 사업 소개
사무국이 사업 내용과 취업 연계 지원 방안을 소개하였다.

## 3. 대학·기업 공동 단기 집중 산학협력 프로그램 개발
취업 연계를 위해 대학과 기업이 함께 단기 집중 프로그램을 개발하기로 하였다.

## 4. 참여 기업 소개
㈜린온컴퍼니와 ㈜코봇시스템이 회사를 소개하고, 스타트업이 강소기업으로 성장하려면 지역 산·학·관의 지원이 필요하다는 의견을 밝혔다.

## 5. 기관별 애로사항 해결과 제안사항 수렴
특성화고 교장들은 조기 취업과 일·학습병행의 원활한 운영을 위해 기관별 애로사항 해결과 제안사항 수렴 공간이 필요하다는 의견을 냈다.
안양과천교육지원청은 적극 지원을 약속하였고, 사무국은 주기적으로 협의회를 열어 우수사례를 공유하고 애로사항을 해결하기로 하였다.
"""

ASV_MINUTES = """# 2025년 제2차 안산사이언스밸리(ASV) 기관장 협의회

- 일시: 2025년 10월 1일
- 장소: 한양대학교 ERICA캠퍼스 히스토리라운지
- 주재: 이민근 안산시장

## 논의 내용
1. 9월 22일 경제자유구역 신규 지정을 축하하고 지역 발전 방향을 공유하였다.
2. 11월 1일~2일 ASV 과학축제의 프로그램, 전시, 체험부스 준비 상황을 점검하였다.
3. 정기 회의 외에 실무협의체를 운영하여 과학기술과 산업정책 연계 방안을 모색하기로 하였다.
"""

BUSAN_MINUTES = """# 제1차 부산광역시 지산학협력 협의회

- 일시: 2023년 3월 30일 15시
- 장소: 부산시청 7층 영상회의실
- 주재: 박형준 부산광역시장

## 심의 안건
제1차 지산학협력 종합계획(2023~2027): 비전 '지산학협력도시, 부산의 새로운 미래', 4대 전략, 20개 추진과제, 97개 핵심사업, 5년간 1조 993억 원.

## 의결
원안대로 의결하였다.
"""


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _meeting(council: Council, year: int, number: int, **defaults: object) -> tuple[Meeting, bool]:
    return Meeting.objects.get_or_create(council=council, year=year, number=number, defaults=defaults)


def _items(meeting: Meeting, rows: list[tuple[str, str, int, dict[str, object]]]) -> dict[str, AgendaItem]:
    items = {}
    for order, (title, kind, minutes, extra) in enumerate(rows, start=1):
        if extra.get("decision"):
            extra = {"decided_at": meeting.ends_at, **extra}
        item, _created = AgendaItem.objects.get_or_create(
            meeting=meeting,
            title=title,
            defaults={"order": order, "kind": kind, "minutes_allotted": minutes, **extra},
        )
        items[title] = item
    return items


def _invite_seats(meeting: Meeting, *, attended: bool) -> None:
    """Invite the seats valid on the meeting date, as answered and attended for a past meeting."""
    day = timezone.localtime(meeting.starts_at).date()
    seats = (
        Membership.objects.filter(council=meeting.council)
        .current_on(day)
        .select_related("person", "institution")
    )
    for seat in seats:
        Invitation.objects.get_or_create(
            meeting=meeting,
            membership=seat,
            defaults={
                "institution": seat.institution,
                "person": seat.person,
                "name": seat.holder_name,
                "counts_for_quorum": seat.is_voting,
                "response": Invitation.Response.ACCEPTED if attended else Invitation.Response.PENDING,
                "attended": True if attended else None,
            },
        )


def _minutes(meeting: Meeting, body: str, *, approved: bool) -> None:
    Minutes.objects.get_or_create(
        meeting=meeting,
        defaults={
            "body": body,
            "status": Minutes.Status.APPROVED if approved else Minutes.Status.DRAFT,
            "approved_at": meeting.ends_at + timedelta(days=14) if approved else None,
        },
    )


def _institution(name: str) -> Institution:
    return Institution.objects.get(name=name)


def _anyang_2024(council: Council) -> Meeting:
    day = date(2024, 9, 3)
    meeting, _created = _meeting(
        council,
        2024,
        1,
        title="산·학·관 유기적 협력체계 구축과 맞춤형 취업 연계",
        starts_at=_at(day, 14),
        ends_at=_at(day, 16),
        venue="안양창업지원센터 강당",
        chair=Person.objects.filter(name="조광희").first(),
        status=Meeting.Status.MINUTES_APPROVED,
        announced_at=_at(day - timedelta(days=14), 10),
        description="산·학·관 간 유기적인 협력체계를 구축하고 협력우수사례 발굴과 맞춤형 취업 연계를 추진합니다.",
    )
    daerim = _institution("대림대학교 산학협력단")
    agency = _institution("안양산업진흥원")
    items = _items(
        meeting,
        [
            (
                "대림대학교 산학협력단 산학협력 우수사례 발표",
                Kind.PRESENTATION,
                20,
                {
                    "presenter_person": Person.objects.filter(name="이양창").first(),
                    "presenter_institution": daerim,
                    "decision": Decision.NOTED,
                },
            ),
            (
                "첨단산업 반도체 인력양성(부트캠프) 사업 소개",
                Kind.REPORT,
                15,
                {"presenter_institution": agency, "decision": Decision.NOTED},
            ),
            (
                "취업 연계를 위한 대학·기업 공동 단기 집중 산학협력 프로그램 개발",
                Kind.DISCUSSION,
                30,
                {
                    "decision": Decision.APPROVED,
                    "decision_text": "대학과 기업이 공동으로 단기 집중 산학협력 프로그램을 개발하기로 함",
                },
            ),
            (
                "참여 기업 소개: ㈜린온컴퍼니, ㈜코봇시스템",
                Kind.PRESENTATION,
                15,
                {"decision": Decision.NOTED},
            ),
            (
                "기관별 애로사항 해결과 제안사항 수렴 방안",
                Kind.DISCUSSION,
                20,
                {
                    "decision": Decision.APPROVED,
                    "decision_text": "기관별 애로·건의를 상시 접수하는 창구를 마련하고 주기적으로 협의회를 열기로 함",
                },
            ),
        ],
    )
    practice = BestPractice.objects.filter(council=council, title=DAERIM_PRACTICE_TITLE).first()
    if practice is not None:
        AgendaItem.objects.filter(pk=items["대림대학교 산학협력단 산학협력 우수사례 발표"].pk).update(
            best_practice=practice
        )
    _invite_seats(meeting, attended=True)
    actions = [
        ("기관별 애로·건의 상시 접수 창구 마련", agency, date(2024, 12, 31), ActionItem.Status.DONE, "기관별 애로사항 해결과 제안사항 수렴 방안"),
        ("반도체 부트캠프 참여 학생 모집 홍보 협조", agency, date(2024, 10, 31), ActionItem.Status.DONE, "첨단산업 반도체 인력양성(부트캠프) 사업 소개"),
        ("대학·기업 공동 단기 집중 프로그램 기획안 마련", daerim, date(2025, 3, 31), ActionItem.Status.IN_PROGRESS, "취업 연계를 위한 대학·기업 공동 단기 집중 산학협력 프로그램 개발"),
    ]  # fmt: skip
    for title, assignee, due_on, status, item_title in actions:
        ActionItem.objects.get_or_create(
            meeting=meeting,
            title=title,
            defaults={
                "council": council,
                "assignee": assignee,
                "due_on": due_on,
                "status": status,
                "agenda_item": items[item_title],
                "closed_at": _at(due_on, 18) if status == ActionItem.Status.DONE else None,
            },
        )
    _minutes(meeting, ANYANG_MINUTES, approved=True)
    _bootcamp_documents(items["첨단산업 반도체 인력양성(부트캠프) 사업 소개"])
    return meeting


BOOTCAMP_NOTICE = [
    "첨단산업 반도체 인력양성 부트캠프 참여 학생 모집 공고",
    "안양산업진흥원은 관내 대학·특성화고 학생을 대상으로 반도체 공정·장비 실무 부트캠프를 운영합니다.",
    "모집 대상: 관내 대학 재학생 및 특성화고 3학년 40명",
    "교육 내용: 반도체 8대 공정 이론, 클린룸 장비 실습, 협력 기업 현장 견학",
    "수료 특전: 참여 기업 채용 연계 면접 기회 제공",
]


def _bootcamp_documents(item: AgendaItem) -> None:
    """The item's recruitment notice, as the agency sent it: an HWPX and its PDF, with their text read
    so that search finds them (e.g. "클린룸 장비")."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from hwpx import HwpxDocument

    from council.files.documents import document_text_read
    from council.files.uploads import document_build
    from meetings.models import AgendaDocument
    from meetings.pdf import body_pdf

    if item.documents.exists():
        return
    notice = HwpxDocument.new()
    for line in BOOTCAMP_NOTICE:
        notice.add_paragraph(line)
    paragraphs = "".join(f"<p>{line}</p>" for line in BOOTCAMP_NOTICE)
    pdf = body_pdf(paragraphs)
    for name, data in (
        ("반도체 부트캠프 모집 공고.hwpx", notice.to_bytes()),
        ("반도체 부트캠프 안내.pdf", pdf),
    ):
        upload = SimpleUploadedFile(name, data)
        document = document_build(
            AgendaDocument, actor=None, upload=upload, agenda_item=item, title=name.rsplit(".", 1)[0]
        )
        document.save()
        document_text_read(label=AgendaDocument._meta.label, pk=document.pk)


def _asv_2025(council: Council) -> None:
    day = date(2025, 10, 1)
    meeting, _created = _meeting(
        council,
        2025,
        2,
        title="경제자유구역 지정에 따른 협력 방안",
        starts_at=_at(day, 15),
        ends_at=_at(day, 17),
        venue="한양대학교 ERICA캠퍼스 히스토리라운지",
        chair=Person.objects.filter(name="이민근").first(),
        status=Meeting.Status.HELD,
        announced_at=_at(day - timedelta(days=10), 10),
    )
    _items(
        meeting,
        [
            (
                "안산사이언스밸리 경제자유구역 지정(9.22)에 따른 발전 방향",
                Kind.DISCUSSION,
                40,
                {"decision": Decision.NOTED},
            ),
            ("ASV 과학축제(11.1~11.2) 준비 상황", Kind.REPORT, 20, {"decision": Decision.NOTED}),
            (
                "ASV 실무협의체 구성·운영",
                Kind.DELIBERATION,
                20,
                {
                    "decision": Decision.APPROVED,
                    "decision_text": "정기 회의 외에 실무협의체를 구성해 운영하기로 함",
                },
            ),
        ],
    )
    _invite_seats(meeting, attended=True)
    ActionItem.objects.get_or_create(
        meeting=meeting,
        title="ASV 실무협의체 구성안 마련",
        defaults={"council": council, "assignee": _institution("안산시"), "due_on": date(2025, 11, 30)},
    )
    _minutes(meeting, ASV_MINUTES, approved=False)


def _busan_2023(council: Council) -> None:
    day = date(2023, 3, 30)
    meeting, _created = _meeting(
        council,
        2023,
        1,
        title="제1차 지산학협력 종합계획(2023~2027) 심의",
        starts_at=_at(day, 15),
        ends_at=_at(day, 16, 30),
        venue="부산시청 7층 영상회의실",
        chair=Person.objects.filter(name="박형준").first(),
        status=Meeting.Status.MINUTES_APPROVED,
        announced_at=_at(day - timedelta(days=14), 10),
    )
    _items(
        meeting,
        [
            (
                "제1차 지산학협력 종합계획(2023~2027) 심의",
                Kind.DELIBERATION,
                50,
                {"decision": Decision.APPROVED, "decision_text": "원안 의결"},
            ),
            ("지산학협력 협의회 운영 계획 보고", Kind.REPORT, 20, {"decision": Decision.NOTED}),
        ],
    )
    _invite_seats(meeting, attended=True)
    _minutes(meeting, BUSAN_MINUTES, approved=True)


def _next_weekday(start: date) -> date:
    while start.weekday() >= 5:
        start += timedelta(days=1)
    return start


def _anyang_upcoming(council: Council, staff: User) -> None:
    """An announced meeting two weeks ahead, with some answers already in."""
    title = "협력 우수사례 공유와 애로·건의 처리 현황 점검"
    if Meeting.objects.filter(council=council, title=title).exists():
        return
    day = _next_weekday(timezone.localdate() + timedelta(days=14))
    meeting = services.meeting_create(
        actor=staff,
        council=council,
        title=title,
        starts_at=_at(day, 14),
        ends_at=_at(day, 16),
        venue="안양창업지원센터 강당",
        chair=Person.objects.filter(name="조광희").first(),
        description="지난 회의의 후속조치를 점검하고 참여기관의 우수사례와 애로·건의 처리 현황을 공유합니다.",
    )
    for title_, kind, minutes in (
        ("하반기 협력 우수사례 공유", Kind.PRESENTATION, 30),
        ("특성화고 애로·건의 처리 현황 보고", Kind.REPORT, 20),
        ("내년도 협의회 운영 계획", Kind.DELIBERATION, 30),
    ):
        services.agenda_item_add(
            actor=staff, meeting=meeting, title=title_, kind=kind, minutes_allotted=minutes
        )
    difficulty = Difficulty.objects.filter(
        council=council, title="특성화고 학생 조기 취업 연계 기업 정보 부족"
    ).first()
    if difficulty is not None and difficulty.is_open:
        services.agenda_item_add(
            actor=staff,
            meeting=meeting,
            title="특성화고 조기 취업 연계 기업 정보 공유 방안",
            kind=Kind.DISCUSSION,
            description="참여 기업의 채용 수요를 특성화고와 정기적으로 공유하는 방안을 논의합니다.",
            presenter_institution=difficulty.institution,
            minutes_allotted=15,
            difficulty=difficulty,
        )
    services.invitations_add_members(actor=staff, meeting=meeting)
    services.meeting_announce(actor=staff, meeting=meeting)
    answers = {
        "대림대학교 산학협력단": (Invitation.Response.ACCEPTED, ""),
        "안양대학교 산학협력단": (Invitation.Response.ACCEPTED, ""),
        "평촌경영고등학교": (Invitation.Response.PROXY, "취업부장 교사"),
        "한양대학교 산학협력단": (Invitation.Response.DECLINED, ""),
    }
    for invitation in Invitation.objects.filter(meeting=meeting).select_related("institution"):
        if invitation.institution and invitation.institution.name in answers:
            response, proxy = answers[invitation.institution.name]
            Invitation.objects.filter(pk=invitation.pk).update(
                response=response, proxy_name=proxy, responded_at=timezone.now()
            )


@transaction.atomic
def load(out: OutputWrapper) -> None:
    councils = {council.slug: council for council in Council.objects.all()}
    _anyang_2024(councils["anyang"])
    _asv_2025(councils["asv"])
    _busan_2023(councils["busan"])
    _anyang_upcoming(councils["anyang"], User.objects.get(username="anyang-staff"))
    out.write(
        f"  meetings: {Meeting.objects.count()}, agenda items: {AgendaItem.objects.count()}, "
        f"invitations: {Invitation.objects.count()}, actions: {ActionItem.objects.count()}"
    )
