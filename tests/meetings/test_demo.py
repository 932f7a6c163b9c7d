"""The demo's meetings tie into its submissions: Daerim presented its practice in 2024, and an open
difficulty is on the agenda of the coming Anyang meeting, with its timeline saying so."""

from meetings.models import AgendaItem, Meeting
from members.demo.submissions import DAERIM_PRACTICE_TITLE


def test_demo_meetings_present_practices_and_discuss_difficulties(demo, db):
    presented = AgendaItem.objects.get(best_practice__title=DAERIM_PRACTICE_TITLE)
    assert presented.meeting.council.slug == "anyang" and presented.meeting.year == 2024
    assert presented.presenter_institution.name == "대림대학교 산학협력단"

    discussed = AgendaItem.objects.select_related("meeting", "difficulty").get(difficulty__isnull=False)
    assert discussed.meeting.status == Meeting.Status.ANNOUNCED and discussed.meeting.is_upcoming
    assert discussed.difficulty.is_open
    assert discussed.difficulty.events.filter(kind="note", body__contains="안건으로 상정").count() == 1
