"""Demo councils and accounts, from the five news reports the portal was designed from.

Loading is idempotent: every row is looked up by a natural key first, so running the demo loader
again keeps what is there (including changes made while trying the portal) and adds nothing twice.
"""

from dataclasses import dataclass
from datetime import date

from django.core.management.base import OutputWrapper
from django.db import transaction

from council.models import Council, CouncilRole, User

DEMO_PASSWORD = "council-demo-2024"  # noqa: S105 - printed for the demo; never used outside it


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: str
    email: str


# One login per role first; the rest let every demo case be tried from the right seat.
LOGINS = [
    DemoLogin("admin", "관리자", "site administrator", "admin@council.example"),
    DemoLogin("anyang-staff", "김철수", "secretariat staff · 안양 산학관", "staff@anyang-ipa.example"),
    DemoLogin("anyang-official", "이영희", "city official · 안양 산학관", "official@anyang.example"),
    DemoLogin("daerim", "홍길동", "institution contact · 대림대학교 산학협력단", "contact@daerim.example"),
    DemoLogin("pyeongchon", "박민수", "institution contact · 평촌경영고등학교", "contact@pcbiz-hs.example"),
    DemoLogin("asv-staff", "한지훈", "secretariat staff · ASV 기관장 협의회", "staff@ansan.example"),
    DemoLogin("busan-staff", "최지은", "secretariat staff · 부산 지산학", "staff@busan.example"),
    DemoLogin("busan-official", "강민준", "city official · 부산 지산학", "official@busan.example"),
    DemoLogin("inha", "윤서연", "institution contact · 인하대학교 산학협력단", "contact@inha.example"),
    DemoLogin("pnu", "김하늘", "institution contact · 부산대학교 산학협력단", "contact@pusan.example"),
    DemoLogin("sba-staff", "서지우", "secretariat staff · 서울 산업거점", "staff@sba.example"),
]

COUNCILS = [
    {
        "slug": "anyang",
        "name": "안양시 산학관 협력 협의회",
        "name_en": "Anyang Industry-Academia-Government Cooperation Council",
        "short_name": "안양 산학관",
        "region": "경기 안양시",
        "established_on": date(2024, 9, 3),
        "is_public": True,
        "description": (
            "산·학·관 간 유기적인 협력체계를 구축하고 협력우수사례를 발굴하며 맞춤형 취업 연계를 추진합니다. "
            "안양산업진흥원이 사무국을 맡아 주기적으로 협의회를 열고 참여기관의 애로사항을 해결합니다."
        ),
    },
    {
        "slug": "seoul-bio",
        "name": "서울 산업거점 산학병 협력 협의체",
        "name_en": "Seoul Industrial Hubs Industry-Academia-Hospital Cooperation Group",
        "short_name": "서울 산업거점",
        "region": "서울 강서구 마곡",
        "established_on": date(2024, 5, 22),
        "is_public": False,
        "description": (
            "SBA(서울산업진흥원), 이화여자대학교의료원, 이화여자대학교 산학협력단이 마곡산업단지를 비롯한 "
            "서울 산업거점의 바이오헬스 산학협력을 함께 추진합니다."
        ),
    },
    {
        "slug": "incheon-smart",
        "name": "인천 스마트제조 고급인력양성 산학연 협의체",
        "name_en": "Incheon Smart Manufacturing Talent Consortium Council",
        "short_name": "인천 스마트제조",
        "region": "인천 남동구",
        "established_on": date(2021, 5, 20),
        "is_public": True,
        "description": (
            "남동스마트그린산단 조성사업의 세부사업인 '스마트제조 고급인력 양성사업'의 산학연 협의체. "
            "인하대학교가 주관하고 인천대학교와 한국폴리텍Ⅱ대학이 참여합니다."
        ),
    },
    {
        "slug": "asv",
        "name": "안산사이언스밸리(ASV) 기관장 협의회",
        "name_en": "Ansan Science Valley Heads' Council",
        "short_name": "ASV 기관장",
        "region": "경기 안산시",
        "is_public": True,
        "description": (
            "안산시장이 주재하고 9개 산·학·연 기관장이 참여하는 정례 협의회. 경제자유구역 지정에 따른 "
            "협력 방안과 ASV 과학축제를 논의합니다."
        ),
    },
    {
        "slug": "asv-working",
        "parent": "asv",
        "name": "ASV 실무협의체",
        "name_en": "ASV Working-level Council",
        "short_name": "ASV 실무",
        "region": "경기 안산시",
        "is_public": True,
        "description": "기관장 협의회 아래에서 과학기술 및 산업정책 연계 방안을 실무 차원에서 모색합니다.",
    },
    {
        "slug": "busan",
        "name": "부산광역시 지산학협력 협의회",
        "name_en": "Busan Industry-University-Government Cooperation Council",
        "short_name": "부산 지산학",
        "region": "부산광역시",
        "established_on": date(2023, 2, 1),
        "is_public": True,
        "description": (
            "지산학협력 관련 주요 정책과 계획을 심의·자문하는 기구. 공개모집과 추천으로 구성된 15명의 위원과 "
            "위원장인 시장으로 구성되며, 제1차 지산학협력 종합계획(2023~2027)을 심의·의결했습니다."
        ),
    },
]

ROLES = [
    ("anyang-staff", "anyang", CouncilRole.Kind.SECRETARIAT),
    ("anyang-official", "anyang", CouncilRole.Kind.OFFICIAL),
    ("asv-staff", "asv", CouncilRole.Kind.SECRETARIAT),
    ("busan-staff", "busan", CouncilRole.Kind.SECRETARIAT),
    ("busan-official", "busan", CouncilRole.Kind.OFFICIAL),
    ("sba-staff", "seoul-bio", CouncilRole.Kind.SECRETARIAT),
]


@transaction.atomic
def load(out: OutputWrapper) -> None:
    councils: dict[str, Council] = {}
    for spec in COUNCILS:
        fields = dict(spec)
        slug = str(fields.pop("slug"))
        parent = fields.pop("parent", None)
        council, _created = Council.objects.get_or_create(
            slug=slug, defaults={**fields, "parent": councils.get(str(parent)) if parent else None}
        )
        councils[slug] = council
    for login in LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = User(
                username=login.username,
                name=login.name,
                email=login.email,
                is_superuser=login.username == "admin",
                # Secretariat staff may use the admin for bulk work; it shows only their councils.
                is_staff=login.username == "admin",
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
    for username, slug, kind in ROLES:
        CouncilRole.objects.get_or_create(
            user=User.objects.get(username=username), council=councils[slug], kind=kind
        )
    out.write(f"  councils: {Council.objects.count()}, accounts: {User.objects.count()}")


def print_logins(out: OutputWrapper) -> None:
    out.write("")
    out.write(f"Demo logins (every account's password: {DEMO_PASSWORD})")
    width = max(len(login.username) for login in LOGINS)
    for login in LOGINS:
        out.write(f"  {login.username.ljust(width)}  {login.name}  — {login.role}")
