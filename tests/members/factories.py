import datetime
import random
from decimal import Decimal

import factory
from django.utils import timezone

from members.directory.validators import business_registration_check_digit
from members.models import (
    Agreement,
    AgreementArea,
    BestPractice,
    BestPracticeFigure,
    Difficulty,
    DifficultyEvent,
    Institution,
    InstitutionContact,
    Membership,
    Person,
)
from tests.council.factories import CouncilFactory, UserFactory
from tests.support.factories import ModelFactory


def valid_business_registration_number() -> str:
    first = f"{random.randint(101, 999)}{random.randint(10, 99)}{random.randint(1000, 9999)}"
    digits = first + str(business_registration_check_digit(first))
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


class InstitutionFactory(ModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"시험대학교 산학협력단 {n}")
    kind = Institution.Kind.UNIVERSITY
    sector = Institution.Sector.ACADEMIA
    region = "경기 안양시"

    class Params:
        firm = factory.Trait(
            kind=Institution.Kind.FIRM,
            sector=Institution.Sector.INDUSTRY,
            name=factory.Sequence(lambda n: f"㈜시험기업 {n}"),
            business_registration_number=factory.LazyFunction(valid_business_registration_number),
        )


class PersonFactory(ModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="ko_KR")
    title = "산학협력팀장"
    institution = factory.SubFactory(InstitutionFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "031-123-4567"


class MembershipFactory(ModelFactory):
    class Meta:
        model = Membership

    council = factory.SubFactory(CouncilFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = Membership.Role.MEMBER
    route = Membership.Route.RECOMMENDATION


class InstitutionContactFactory(ModelFactory):
    class Meta:
        model = InstitutionContact

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)


class BestPracticeFactory(ModelFactory):
    class Meta:
        model = BestPractice

    council = factory.SubFactory(CouncilFactory)
    institution = factory.SubFactory(InstitutionFactory)
    title = factory.Sequence(lambda n: f"산학협력 우수사례 {n}")
    category = BestPractice.Category.EMPLOYMENT
    summary = "대학과 관내 기업이 함께 운영한 취업 연계 프로그램입니다."
    problem = "관내 기업은 인력을 구하기 어렵고 학생은 지역 기업을 알 기회가 적었습니다."
    actions = "기업 수요를 모아 단기 집중 교육을 함께 설계했습니다."
    results = "참여 학생 일부가 관내 기업에 취업했습니다."
    status = BestPractice.Status.DRAFT

    class Params:
        published = factory.Trait(
            status=BestPractice.Status.PUBLISHED,
            review_round=1,
            published_at=factory.LazyFunction(timezone.now),
            submitted_at=factory.LazyFunction(timezone.now),
        )
        submitted = factory.Trait(
            status=BestPractice.Status.SUBMITTED,
            review_round=1,
            submitted_at=factory.LazyFunction(timezone.now),
        )


class BestPracticeFigureFactory(ModelFactory):
    class Meta:
        model = BestPracticeFigure

    practice = factory.SubFactory(BestPracticeFactory)
    label = "취업 연계"
    value = Decimal(12)
    unit = "명"


class DifficultyFactory(ModelFactory):
    class Meta:
        model = Difficulty

    council = factory.SubFactory(CouncilFactory)
    institution = factory.SubFactory(InstitutionFactory)
    kind = Difficulty.Kind.DIFFICULTY
    category = Difficulty.Category.WORK_STUDY
    title = factory.Sequence(lambda n: f"일학습병행 운영 애로 {n}")
    description = "참여 기업을 찾기 어렵습니다."
    status = Difficulty.Status.RECEIVED


class DifficultyEventFactory(ModelFactory):
    class Meta:
        model = DifficultyEvent

    difficulty = factory.SubFactory(DifficultyFactory)
    kind = DifficultyEvent.Kind.ANSWER
    body = "답변드립니다."


class AgreementFactory(ModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"산학협력 업무협약 {n}")
    signed_on = datetime.date(2024, 5, 22)
    signed_place = "대강당"

    @factory.post_generation
    def parties(self, create: bool, extracted: list[Institution] | None, **kwargs: object) -> None:
        if create:
            self.parties.set(extracted or [InstitutionFactory(), InstitutionFactory()])

    @factory.post_generation
    def areas(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create:
            for area in extracted or [Agreement.Area.JOINT_RND]:
                AgreementArea.objects.create(agreement=self, area=area)
