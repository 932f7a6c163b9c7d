"""Demo institutions, people and council seats of the five cases (see council/demo.py).

Names of institutions and of the public figures quoted in the reports are real; demo accounts use
placeholder names, and members the reports do not name are shown masked (김○○), as public
notices do. Idempotent: rows are looked up by name before being created.
"""

from datetime import date, timedelta

from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from council.models import Council, User
from members.models import Institution, InstitutionContact, Membership, Person

K = Institution.Kind
S = Institution.Sector
R = Membership.Role
A = Membership.Route

# name, English name, kind, sector, region
INSTITUTIONS = [
    ("안양산업진흥원", "Anyang Industrial Promotion Agency", K.SUPPORT_AGENCY, S.GOVERNMENT, "경기 안양시"),
    (
        "안양대학교 산학협력단",
        "Anyang University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "경기 안양시",
    ),
    (
        "연성대학교 산학협력단",
        "Yeonsung University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "경기 안양시",
    ),
    (
        "대림대학교 산학협력단",
        "Daelim University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "경기 안양시",
    ),
    (
        "성결대학교 산학협력단",
        "Sungkyul University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "경기 안양시",
    ),
    (
        "한세대학교 산학협력단",
        "Hansei University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "경기 군포시",
    ),
    (
        "계원예술대학교 산학협력단",
        "Kaywon University of Art & Design Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "경기 의왕시",
    ),
    (
        "한양대학교 산학협력단",
        "Hanyang University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "서울 성동구",
    ),
    ("안양문화고등학교", "Anyang Munhwa High School", K.HIGH_SCHOOL, S.ACADEMIA, "경기 안양시"),
    ("평촌경영고등학교", "Pyeongchon Business High School", K.HIGH_SCHOOL, S.ACADEMIA, "경기 안양시"),
    (
        "평촌과학기술고등학교",
        "Pyeongchon Science & Technology High School",
        K.HIGH_SCHOOL,
        S.ACADEMIA,
        "경기 안양시",
    ),
    (
        "경기게임마이스터고등학교",
        "Gyeonggi Game Meister High School",
        K.HIGH_SCHOOL,
        S.ACADEMIA,
        "경기 안양시",
    ),
    ("근명고등학교", "Geunmyeong High School", K.HIGH_SCHOOL, S.ACADEMIA, "경기 안양시"),
    ("안양공업고등학교", "Anyang Technical High School", K.HIGH_SCHOOL, S.ACADEMIA, "경기 안양시"),
    (
        "경기도안양과천교육지원청",
        "Anyang-Gwacheon Office of Education",
        K.EDUCATION_OFFICE,
        S.GOVERNMENT,
        "경기 안양시",
    ),
    ("㈜린온컴퍼니", "LinOn Company", K.FIRM, S.INDUSTRY, "경기 안양시"),
    ("㈜코봇시스템", "Cobot System", K.FIRM, S.INDUSTRY, "경기 안양시"),
    (
        "안양시 기업경제과",
        "Anyang City Corporate Economy Division",
        K.GOVERNMENT,
        S.GOVERNMENT,
        "경기 안양시",
    ),
    ("서울산업진흥원(SBA)", "Seoul Business Agency", K.SUPPORT_AGENCY, S.GOVERNMENT, "서울 마포구"),
    ("이화여자대학교의료원", "Ewha Womans University Medical Center", K.HOSPITAL, S.RESEARCH, "서울 강서구"),
    (
        "이화여자대학교 산학협력단",
        "Ewha Womans University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "서울 서대문구",
    ),
    ("서울특별시", "Seoul Metropolitan Government", K.GOVERNMENT, S.GOVERNMENT, "서울"),
    (
        "인천광역시 일자리경제본부",
        "Incheon Metropolitan City, Jobs and Economy Headquarters",
        K.GOVERNMENT,
        S.GOVERNMENT,
        "인천",
    ),
    (
        "한국산업단지공단",
        "Korea Industrial Complex Corporation (KICOX)",
        K.SUPPORT_AGENCY,
        S.GOVERNMENT,
        "대구 동구",
    ),
    (
        "인하대학교 산학협력단",
        "Inha University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "인천 미추홀구",
    ),
    (
        "인천대학교 산학협력단",
        "Incheon National University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "인천 연수구",
    ),
    ("한국폴리텍Ⅱ대학", "Korea Polytechnic II", K.UNIVERSITY, S.ACADEMIA, "인천 남구"),
    (
        "남동스마트그린산단사업단",
        "Namdong Smart Green Industrial Complex Project Office",
        K.SUPPORT_AGENCY,
        S.GOVERNMENT,
        "인천 남동구",
    ),
    ("안산시", "Ansan City", K.GOVERNMENT, S.GOVERNMENT, "경기 안산시"),
    ("(재)경기테크노파크", "Gyeonggi Technopark", K.SUPPORT_AGENCY, S.RESEARCH, "경기 안산시"),
    ("한양대학교 ERICA캠퍼스", "Hanyang University ERICA", K.UNIVERSITY, S.ACADEMIA, "경기 안산시"),
    (
        "한국생산기술연구원(KITECH)",
        "Korea Institute of Industrial Technology",
        K.RESEARCH,
        S.RESEARCH,
        "충남 천안시",
    ),
    ("한국산업기술시험원(KTL)", "Korea Testing Laboratory", K.RESEARCH, S.RESEARCH, "경남 진주시"),
    (
        "한국전기연구원(KERI)",
        "Korea Electrotechnology Research Institute",
        K.RESEARCH,
        S.RESEARCH,
        "경남 창원시",
    ),
    ("LG이노텍 안산R&D캠퍼스", "LG Innotek Ansan R&D Campus", K.FIRM, S.INDUSTRY, "경기 안산시"),
    (
        "한국농어촌공사 농어촌연구원",
        "Rural Research Institute, Korea Rural Community Corporation",
        K.RESEARCH,
        S.RESEARCH,
        "경기 안산시",
    ),
    ("고려대학교 안산병원", "Korea University Ansan Hospital", K.HOSPITAL, S.RESEARCH, "경기 안산시"),
    (
        "중소벤처기업연수원",
        "SMEs and Startups Training Institute",
        K.SUPPORT_AGENCY,
        S.GOVERNMENT,
        "경기 안산시",
    ),
    ("부산광역시", "Busan Metropolitan City", K.GOVERNMENT, S.GOVERNMENT, "부산"),
    ("부산상공회의소", "Busan Chamber of Commerce and Industry", K.OTHER, S.INDUSTRY, "부산 부산진구"),
    ("부산경영자총협회", "Busan Employers Federation", K.OTHER, S.INDUSTRY, "부산 부산진구"),
    ("부산벤처기업협회", "Busan Venture Business Association", K.OTHER, S.INDUSTRY, "부산 해운대구"),
    (
        "부산대학교 산학협력단",
        "Pusan National University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "부산 금정구",
    ),
    (
        "부경대학교 산학협력단",
        "Pukyong National University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "부산 남구",
    ),
    (
        "동아대학교 산학협력단",
        "Dong-A University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "부산 사하구",
    ),
    (
        "동의대학교 산학협력단",
        "Dong-eui University Industry-Academia Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "부산 부산진구",
    ),
    (
        "한국해양대학교 산학협력단",
        "Korea Maritime & Ocean University Foundation",
        K.UNIVERSITY,
        S.ACADEMIA,
        "부산 영도구",
    ),
    ("부산테크노파크", "Busan Technopark", K.SUPPORT_AGENCY, S.RESEARCH, "부산 강서구"),
    (
        "부산산업과학혁신원",
        "Busan Institute of S&T Evaluation and Planning",
        K.RESEARCH,
        S.RESEARCH,
        "부산 해운대구",
    ),
]

# name, title, institution (or None), e-mail, demo username
PEOPLE = [
    ("조광희", "안양산업진흥원장", "안양산업진흥원", "", None),
    ("이양창", "산학협력단장", "대림대학교 산학협력단", "", None),
    ("김영진", "대표이사", "㈜린온컴퍼니", "", None),
    ("근종현", "대표이사", "㈜코봇시스템", "", None),
    ("장영승", "대표이사", "서울산업진흥원(SBA)", "", None),
    ("임학목", "기획조정실장", "서울산업진흥원(SBA)", "", None),
    ("문병인", "의료원장", "이화여자대학교의료원", "", None),
    ("반효경", "산학협력단장", "이화여자대학교 산학협력단", "", None),
    ("변주영", "일자리경제본부장", "인천광역시 일자리경제본부", "", None),
    ("이민근", "안산시장", "안산시", "", None),
    ("박형준", "부산광역시장", "부산광역시", "", None),
    ("김철수", "기업성장팀 주임", "안양산업진흥원", "staff@anyang-ipa.example", "anyang-staff"),
    ("이영희", "기업경제과 주무관", "안양시 기업경제과", "official@anyang.example", "anyang-official"),
    ("홍길동", "산학협력팀장", "대림대학교 산학협력단", "contact@daerim.example", "daerim"),
    ("박민수", "취업부장 교사", "평촌경영고등학교", "contact@pcbiz-hs.example", "pyeongchon"),
    ("윤서연", "산학협력단 연구교수", "인하대학교 산학협력단", "contact@inha.example", "inha"),
    ("김○○", "대학원생 위원", "부산대학교 산학협력단", "", None),
    ("이○○", "대학원생 위원", "부경대학교 산학협력단", "", None),
    ("박○○", "산학협력 전문가", None, "", None),
    ("정○○", "산업정책 전문가", None, "", None),
    ("최○○", "청년 창업 전문가", None, "", None),
]

CONTACTS = [
    ("daerim", "대림대학교 산학협력단"),
    ("pyeongchon", "평촌경영고등학교"),
    ("inha", "인하대학교 산학협력단"),
]


def _seats(today: date) -> list[tuple[str, str | None, str | None, str, str, str, date | None, date | None]]:
    """(council, institution, person, role, route, seat, term start, term end) for every demo seat."""
    anyang_start = date(2024, 9, 1)
    anyang_end = date(2026, 8, 31) if today < date(2026, 8, 31) else today + timedelta(days=365)
    soon = today + timedelta(days=45)  # two firm seats come up for renewal while the demo is tried
    seats: list[tuple[str, str | None, str | None, str, str, str, date | None, date | None]] = [
        ("anyang", "안양산업진흥원", "조광희", R.CHAIR, A.EX_OFFICIO, "사무국 기관장", anyang_start, None),
        ("anyang", "안양산업진흥원", None, R.SECRETARY, A.EX_OFFICIO, "간사기관", anyang_start, None),
        ("anyang", "안양시 기업경제과", None, R.MEMBER, A.EX_OFFICIO, "시 담당부서", anyang_start, None),
        (
            "anyang",
            "경기도안양과천교육지원청",
            None,
            R.MEMBER,
            A.EX_OFFICIO,
            "교육지원청",
            anyang_start,
            None,
        ),
        (
            "anyang",
            "㈜린온컴퍼니",
            "김영진",
            R.MEMBER,
            A.RECOMMENDATION,
            "관내 강소기업 대표",
            anyang_start,
            soon,
        ),
        (
            "anyang",
            "㈜코봇시스템",
            "근종현",
            R.MEMBER,
            A.RECOMMENDATION,
            "관내 강소기업 대표",
            anyang_start,
            soon,
        ),
        (
            "anyang",
            "대림대학교 산학협력단",
            "이양창",
            R.VICE_CHAIR,
            A.RECOMMENDATION,
            "대학 산학협력단장",
            anyang_start,
            anyang_end,
        ),
    ]
    for university in (
        "안양대학교",
        "연성대학교",
        "성결대학교",
        "한세대학교",
        "계원예술대학교",
        "한양대학교",
    ):
        seats.append(
            (
                "anyang",
                f"{university} 산학협력단",
                None,
                R.MEMBER,
                A.RECOMMENDATION,
                "대학 산학협력단장",
                anyang_start,
                anyang_end,
            )
        )
    for school in (
        "안양문화고등학교",
        "평촌경영고등학교",
        "평촌과학기술고등학교",
        "경기게임마이스터고등학교",
        "근명고등학교",
        "안양공업고등학교",
    ):
        seats.append(
            ("anyang", school, None, R.MEMBER, A.RECOMMENDATION, "특성화고 교장", anyang_start, anyang_end)
        )

    seats += [
        (
            "seoul-bio",
            "서울산업진흥원(SBA)",
            "장영승",
            R.CHAIR,
            A.EX_OFFICIO,
            "주관기관",
            date(2024, 5, 22),
            None,
        ),
        (
            "seoul-bio",
            "서울산업진흥원(SBA)",
            "임학목",
            R.SECRETARY,
            A.EX_OFFICIO,
            "간사",
            date(2024, 5, 22),
            None,
        ),
        (
            "seoul-bio",
            "이화여자대학교의료원",
            "문병인",
            R.MEMBER,
            A.EX_OFFICIO,
            "병원",
            date(2024, 5, 22),
            None,
        ),
        (
            "seoul-bio",
            "이화여자대학교 산학협력단",
            "반효경",
            R.MEMBER,
            A.EX_OFFICIO,
            "대학",
            date(2024, 5, 22),
            None,
        ),
        ("seoul-bio", "서울특별시", None, R.OBSERVER, A.EX_OFFICIO, "시", date(2024, 5, 22), None),
        (
            "incheon-smart",
            "인하대학교 산학협력단",
            None,
            R.CHAIR,
            A.EX_OFFICIO,
            "주관기관",
            date(2021, 6, 1),
            None,
        ),
        (
            "incheon-smart",
            "인하대학교 산학협력단",
            "윤서연",
            R.SECRETARY,
            A.EX_OFFICIO,
            "협의체 운영",
            date(2021, 6, 1),
            None,
        ),
        (
            "incheon-smart",
            "인천대학교 산학협력단",
            None,
            R.MEMBER,
            A.EX_OFFICIO,
            "참여기관",
            date(2021, 6, 1),
            None,
        ),
        (
            "incheon-smart",
            "한국폴리텍Ⅱ대학",
            None,
            R.MEMBER,
            A.EX_OFFICIO,
            "참여기관",
            date(2021, 6, 1),
            None,
        ),
        (
            "incheon-smart",
            "인천광역시 일자리경제본부",
            "변주영",
            R.MEMBER,
            A.EX_OFFICIO,
            "시",
            date(2021, 5, 20),
            None,
        ),
        (
            "incheon-smart",
            "한국산업단지공단",
            None,
            R.MEMBER,
            A.EX_OFFICIO,
            "협약기관",
            date(2021, 5, 20),
            None,
        ),
        (
            "incheon-smart",
            "남동스마트그린산단사업단",
            None,
            R.OBSERVER,
            A.EX_OFFICIO,
            "사업단",
            date(2021, 6, 1),
            None,
        ),
        ("asv", "안산시", "이민근", R.CHAIR, A.EX_OFFICIO, "안산시장", None, None),
        ("asv", "안산시", None, R.SECRETARY, A.EX_OFFICIO, "간사기관", None, None),
    ]
    asv_members = (
        "(재)경기테크노파크",
        "한양대학교 ERICA캠퍼스",
        "한국생산기술연구원(KITECH)",
        "한국산업기술시험원(KTL)",
        "한국전기연구원(KERI)",
        "LG이노텍 안산R&D캠퍼스",
        "한국농어촌공사 농어촌연구원",
        "고려대학교 안산병원",
        "중소벤처기업연수원",
    )
    for name in asv_members:
        seats.append(("asv", name, None, R.MEMBER, A.EX_OFFICIO, "기관장", None, None))
    working_start = date(2025, 11, 1)
    seats.append(("asv-working", "안산시", None, R.CHAIR, A.EX_OFFICIO, "실무 총괄", working_start, None))
    for name in asv_members:
        seats.append(("asv-working", name, None, R.MEMBER, A.EX_OFFICIO, "실무 책임자", working_start, None))

    busan_start, busan_end = date(2023, 3, 1), date(2027, 12, 31)
    seats.append(("busan", "부산광역시", "박형준", R.CHAIR, A.EX_OFFICIO, "위원장(시장)", busan_start, None))
    busan = [
        ("부산상공회의소", None, A.RECOMMENDATION, "경제·산업계 대표"),
        ("부산경영자총협회", None, A.RECOMMENDATION, "경제·산업계 대표"),
        ("부산벤처기업협회", None, A.RECOMMENDATION, "경제·산업계 대표"),
        ("부산대학교 산학협력단", None, A.RECOMMENDATION, "대학 산학협력단장"),
        ("부경대학교 산학협력단", None, A.RECOMMENDATION, "대학 산학협력단장"),
        ("동아대학교 산학협력단", None, A.RECOMMENDATION, "대학 산학협력단장"),
        ("동의대학교 산학협력단", None, A.RECOMMENDATION, "대학 산학협력단장"),
        ("한국해양대학교 산학협력단", None, A.RECOMMENDATION, "대학 산학협력단장"),
        ("부산테크노파크", None, A.RECOMMENDATION, "유관기관"),
        ("부산산업과학혁신원", None, A.RECOMMENDATION, "유관기관"),
        ("부산대학교 산학협력단", "김○○", A.PUBLIC_RECRUITMENT, "대학원생 위원"),
        ("부경대학교 산학협력단", "이○○", A.PUBLIC_RECRUITMENT, "대학원생 위원"),
        (None, "박○○", A.PUBLIC_RECRUITMENT, "전문가 위원"),
        (None, "정○○", A.PUBLIC_RECRUITMENT, "전문가 위원"),
        (None, "최○○", A.PUBLIC_RECRUITMENT, "전문가 위원"),
    ]
    for institution, person, route, position in busan:
        seats.append(("busan", institution, person, R.MEMBER, route, position, busan_start, busan_end))
    return seats


AREA_CODES = {
    "서울": "02",
    "부산": "051",
    "대구": "053",
    "인천": "032",
    "경기": "031",
    "충남": "041",
    "경남": "055",
}


def _office_phone(region: str, number: int) -> str:
    """A made-up main number in the region's area code, different for each demo institution."""
    return f"{AREA_CODES.get(region.split()[0], '031')}-{380 + number:03d}-{(number * 379) % 9000 + 1000:04d}"


@transaction.atomic
def load(out: OutputWrapper) -> None:
    councils = {council.slug: council for council in Council.objects.all()}
    institutions: dict[str, Institution] = {}
    for number, (name, name_en, kind, sector, region) in enumerate(INSTITUTIONS):
        institution, _created = Institution.objects.get_or_create(
            name=name,
            defaults={
                "name_en": name_en,
                "kind": kind,
                "sector": sector,
                "region": region,
                "phone": _office_phone(region, number),
            },
        )
        institutions[name] = institution
    people: dict[str, Person] = {}
    for name, title, institution_name, email, username in PEOPLE:
        person, _created = Person.objects.get_or_create(
            name=name,
            institution=institutions[institution_name] if institution_name else None,
            defaults={
                "title": title,
                "email": email,
                "user": User.objects.filter(username=username).first() if username else None,
            },
        )
        people[name] = person
    for username, institution_name in CONTACTS:
        InstitutionContact.objects.get_or_create(
            user=User.objects.get(username=username), institution=institutions[institution_name]
        )
    for slug, institution_name, person_name, role, route, position, start, end in _seats(
        timezone.localdate()
    ):
        Membership.objects.get_or_create(
            council=councils[slug],
            institution=institutions[institution_name] if institution_name else None,
            person=people[person_name] if person_name else None,
            role=role,
            defaults={"route": route, "position": position, "term_start": start, "term_end": end},
        )
    out.write(
        f"  institutions: {Institution.objects.count()}, people: {Person.objects.count()}, "
        f"seats: {Membership.objects.count()}"
    )
