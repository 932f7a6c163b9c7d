"""A meeting's change history: who changed what and when, for the secretariat only."""

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from council.operations import history_baseline
from meetings.models import Meeting


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_secretariat_sees_who_changed_which_fields(login, alice, carol, bob, meeting):
    client = login(alice)
    response = client.post(
        reverse("meeting-update", args=[meeting.pk]),
        {"kind": "regular", "starts_at": _local(meeting.starts_at), "ends_at": _local(meeting.ends_at),
         "venue": "시청 대회의실", "number": meeting.number, "title": meeting.title},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    history = page[page.index('data-testid="change-history"') :]
    assert alice.get_full_name() in history and "장소" in history and "생성" in history
    for other in (carol, bob):
        page = login(other).get(meeting.get_absolute_url()).content.decode()
        assert 'data-testid="change-history"' not in page


def test_rows_from_before_tracking_get_one_starting_record(meeting):
    Meeting.history.all().delete()
    history_baseline("meetings", "Meeting").code(apps, None)
    record = Meeting.history.get()
    assert (record.id, record.title, record.history_type) == (meeting.pk, meeting.title, "+")


def test_a_meeting_without_any_history_record_still_opens(login, alice, meeting):
    """Rows written in bulk (a data load, a script) have no history until they change."""
    Meeting.history.filter(id=meeting.pk).delete()
    page = login(alice).get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert 'data-testid="change-history"' in page.content.decode()
