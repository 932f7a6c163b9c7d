"""Simultaneous writes on PostgreSQL, with real threads: two staff numbering meetings in one year,
twenty answers to one invitation. Nothing is lost, doubled or answered with an error page (two
officials accepting one report: tests/plans). SQLite serialises writers itself; CI runs these."""

import pytest

from council.models import CouncilRole
from meetings import services
from meetings.models import Invitation, Meeting
from tests.council.factories import CouncilRoleFactory, UserFactory
from tests.meetings.factories import MeetingFactory
from tests.support.concurrency import at_once, postgres_only

pytestmark = [pytest.mark.django_db(transaction=True), postgres_only]


def test_two_staff_creating_meetings_in_one_year_get_two_numbers(alice, anyang):
    other = UserFactory(username="staff2")
    CouncilRoleFactory(user=other, council=anyang, kind=CouncilRole.Kind.SECRETARIAT)
    when = MeetingFactory.build()

    def create(actor):
        return lambda: services.meeting_create(
            actor=actor, council=anyang, starts_at=when.starts_at, ends_at=when.ends_at, venue="강당"
        )

    results = at_once([create(alice), create(other), create(alice), create(other)])
    assert all(isinstance(result, Meeting) for result in results), results
    numbers = sorted(Meeting.objects.filter(council=anyang).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]


def test_twenty_answers_to_one_invitation_leave_one_answer(alice, bob, meeting, daerim):
    services.meeting_announce(actor=alice, meeting=meeting)
    invitation = meeting.invitations.get(institution=daerim, counts_for_quorum=True)
    answers = ["accepted", "declined"] * 10
    results = at_once(
        [
            (
                lambda answer=answer: services.invitation_respond(
                    actor=bob, invitation=invitation, response=answer
                )
            )
            for answer in answers
        ]
    )
    assert all(isinstance(result, Invitation) for result in results), results
    invitation.refresh_from_db()
    assert invitation.response in {"accepted", "declined"} and invitation.responded_at is not None
    assert Invitation.objects.filter(meeting=meeting, institution=daerim, counts_for_quorum=True).count() == 1


def test_simultaneous_minutes_edits_cannot_overwrite_each_other_unseen(alice, anyang, meeting):
    from meetings.models import Minutes
    from tests.support.meetings import hold

    other = UserFactory(username="staff3")
    CouncilRoleFactory(user=other, council=anyang, kind=CouncilRole.Kind.SECRETARIAT)
    meeting = hold(alice, meeting)
    services.minutes_save(actor=alice, meeting=meeting, body="# 초안", based_on=0)
    results = at_once(
        [
            lambda: services.minutes_save(actor=alice, meeting=meeting, body="# 김앨리스의 수정", based_on=1),
            lambda: services.minutes_save(
                actor=other, meeting=meeting, body="# 다른 담당자의 수정", based_on=1
            ),
        ]
    )
    saved = [result for result in results if isinstance(result, Minutes)]
    refused = [result for result in results if isinstance(result, Exception)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert "2판" in str(refused[0])
    minutes = Minutes.objects.get(meeting=meeting)
    assert (minutes.version, minutes.body) == (2, saved[0].body)
