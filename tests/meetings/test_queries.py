"""Meeting pages and endpoints run the same number of queries for small and large meetings."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import Dispatch, Notice
from council.notices import outbox
from meetings import services
from tests.meetings.factories import ActionItemFactory, AgendaItemFactory, MeetingFactory
from tests.members.factories import (
    InstitutionContactFactory,
    InstitutionFactory,
    MembershipFactory,
    PersonFactory,
)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _grow(alice, anyang, meeting, size):
    for _number in range(size):
        institution = InstitutionFactory()
        MembershipFactory(
            council=anyang, institution=institution, person=PersonFactory(institution=institution)
        )
        InstitutionContactFactory(institution=institution)
        item = AgendaItemFactory(meeting=meeting)
        item.documents.create(
            title="자료",
            file="meetings/agendadocument/a.pdf",
            name="a.pdf",
            content_type="application/pdf",
            type_label="PDF",
            size=10,
        )
        ActionItemFactory(meeting=meeting, assignee=institution)
        MeetingFactory(council=anyang)
    services.invitations_add_members(actor=alice, meeting=meeting)


def _pages(meeting) -> list[str]:
    return [
        reverse("meeting-detail", args=[meeting.pk]),
        reverse("meeting-list") + "?council=",
        reverse("meeting-attendance", args=[meeting.pk]),
        reverse("action-list") + "?council=",
        "/api/v1/meetings/?page_size=100",
        f"/api/v1/agenda-items/?meeting={meeting.pk}&page_size=100",
        f"/api/v1/invitations/?meeting={meeting.pk}&page_size=100",
        "/api/v1/action-items/?page_size=100",
        reverse("meeting-ics", args=[meeting.pk]),
        reverse("council-calendar", args=["anyang"]),
    ]


def test_fixed_query_counts(login, alice, anyang, meeting):
    services.meeting_announce(actor=alice, meeting=meeting)
    client = login(alice)
    _grow(alice, anyang, meeting, 3)
    small = {url: _count(client, url) for url in _pages(meeting)}
    _grow(alice, anyang, meeting, 30)
    assert {url: _count(client, url) for url in _pages(meeting)} == small


def test_delivering_a_notice_batch_runs_a_fixed_number_of_queries(alice, anyang, meeting):
    """Each mail lists the agenda with its presenters: loaded once per batch, not once per item."""
    _grow(alice, anyang, meeting, 3)
    services.meeting_announce(actor=alice, meeting=meeting)  # its delivery task runs after commit: never here
    dispatch = Dispatch.objects.get(kind="meeting.announced")
    batches = outbox.dispatch_expand(dispatch_id=dispatch.pk)

    def _deliver() -> int:
        Notice.objects.update(status=Notice.Status.PENDING, claim_token=None)
        with CaptureQueriesContext(connection) as queries:
            outbox.notices_deliver(notice_ids=batches[0][:3])
        return len(queries)

    small = _deliver()
    for item in meeting.agenda_items.all():
        item.presenter_institution = InstitutionFactory()
        item.presenter_person = PersonFactory()
        item.save()
    AgendaItemFactory.create_batch(10, meeting=meeting, presenter_institution=InstitutionFactory())
    assert _deliver() == small


def test_the_meeting_list_counts_items_and_answers_without_multiplying_rows(login, alice, meeting, daerim):
    from meetings import selectors

    AgendaItemFactory.create_batch(3, meeting=meeting)
    services.meeting_announce(actor=alice, meeting=meeting)
    invitation = meeting.invitations.get(institution=daerim, membership__isnull=False)
    services.invitation_respond(actor=alice, invitation=invitation, response="accepted")
    listed = selectors.meeting_list(user=alice)
    sql = str(listed.query)
    assert 'JOIN "meetings_agendaitem"' not in sql and 'JOIN "meetings_invitation"' not in sql
    row = listed.get(pk=meeting.pk)
    assert (row.item_count, row.accepted_count, row.invited_count) == (3, 1, meeting.invitations.count())
    page = login(alice).get(reverse("meeting-list") + "?council=").content.decode()
    assert f"1 / {meeting.invitations.count()}" in page


def test_an_agenda_item_edit_validates_the_item_once(login, alice, anyang, daerim, meeting):
    """The form leaves the model's checks to the service, as every other model form does."""
    from tests.members.factories import BestPracticeFactory

    practice = BestPracticeFactory(council=anyang, institution=daerim, published=True)
    item = services.agenda_item_add(actor=alice, meeting=meeting, title="사례 발표", best_practice=practice)
    client = login(alice)
    with CaptureQueriesContext(connection) as queries:
        client.post(
            reverse("agenda-item-update", args=[meeting.pk, item.pk]),
            {"title": "우수사례 발표", "kind": "presentation", "minutes_allotted": 10},
        )
    item.refresh_from_db()
    assert (item.title, item.best_practice) == ("우수사례 발표", practice)
    link_checks = [
        query for query in queries if 'SELECT 1 AS "a" FROM "members_bestpractice"' in query["sql"]
    ]
    assert len(link_checks) == 1
