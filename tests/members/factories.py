import random

import factory
from factory.django import DjangoModelFactory

from members.models import Institution, InstitutionContact, Membership, Person
from members.validators import business_registration_check_digit
from tests.council.factories import CouncilFactory, UserFactory


def valid_business_registration_number() -> str:
    first = f"{random.randint(100, 999)}{random.randint(10, 99)}{random.randint(1000, 9999)}"
    digits = first + str(business_registration_check_digit(first))
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


class InstitutionFactory(DjangoModelFactory):
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


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="ko_KR")
    title = "산학협력팀장"
    institution = factory.SubFactory(InstitutionFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "031-123-4567"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    council = factory.SubFactory(CouncilFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = Membership.Role.MEMBER
    route = Membership.Route.RECOMMENDATION


class InstitutionContactFactory(DjangoModelFactory):
    class Meta:
        model = InstitutionContact

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
