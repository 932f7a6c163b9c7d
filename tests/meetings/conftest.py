"""Meeting fixtures: an Anyang meeting with Daerim (Bob's institution) and a second member invited."""

import pytest

from meetings import services
from members.models import Membership
from tests.meetings.factories import MeetingFactory
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory


@pytest.fixture
def yeonsung(anyang):
    institution = InstitutionFactory(name="연성대학교 산학협력단")
    MembershipFactory(
        council=anyang,
        institution=institution,
        person=PersonFactory(institution=institution, email="head@yeonsung.example"),
    )
    return institution


@pytest.fixture
def meeting(anyang, alice, bob, daerim, yeonsung):
    """A planned Anyang meeting two weeks ahead, with the council's seats invited."""
    meeting = services.meeting_create(
        actor=alice,
        council=anyang,
        starts_at=MeetingFactory.build().starts_at,
        ends_at=MeetingFactory.build().ends_at,
        venue="안양창업지원센터 강당",
        title="시험 회의",
    )
    services.invitations_add_members(actor=alice, meeting=meeting)
    return meeting


@pytest.fixture
def busan_meeting(busan, dave, pusan_univ):
    meeting = services.meeting_create(
        actor=dave,
        council=busan,
        starts_at=MeetingFactory.build().starts_at,
        ends_at=MeetingFactory.build().ends_at,
        venue="부산시청",
    )
    services.invitations_add_members(actor=dave, meeting=meeting)
    return meeting


def invitation_of(meeting, institution):
    return meeting.invitations.get(
        institution=institution, membership__role__in=[role for role, _ in Membership.Role.choices]
    )
