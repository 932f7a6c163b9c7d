"""Personas and places for the member submissions, on top of tests/conftest.py.

Sam is the contact of 평촌경영고등학교, which sits on the Anyang council next to Daerim (Bob's
institution). Olivia is the contact of the Anyang-Gwacheon office of education: a member that the
secretariat asks to answer.
"""

import pytest

from council.models import User
from members.models import Institution
from tests.council.factories import UserFactory
from tests.members.factories import InstitutionContactFactory, InstitutionFactory, MembershipFactory


@pytest.fixture
def school(anyang) -> Institution:
    institution = InstitutionFactory(name="평촌경영고등학교", kind=Institution.Kind.HIGH_SCHOOL)
    MembershipFactory(council=anyang, institution=institution)
    return institution


@pytest.fixture
def sam(school) -> User:
    user = UserFactory(username="sam", name="박민수")
    InstitutionContactFactory(user=user, institution=school)
    return user


@pytest.fixture
def office(anyang) -> Institution:
    institution = InstitutionFactory(
        name="경기도안양과천교육지원청",
        kind=Institution.Kind.EDUCATION_OFFICE,
        sector=Institution.Sector.GOVERNMENT,
    )
    MembershipFactory(council=anyang, institution=institution)
    return institution


@pytest.fixture
def olivia(office) -> User:
    user = UserFactory(username="olivia", name="오리비아")
    InstitutionContactFactory(user=user, institution=office)
    return user
