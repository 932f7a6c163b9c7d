"""Cached pages and API lists are never older than a committed write, never shown to another user,
and carry this request's CSRF token and CSP nonce (council.table_revisions, council.web.page_cache).

These tests commit their writes (transaction=True), as the portal does, so the cache is really used.
"""

import re
from contextlib import suppress
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from council.models import Council, CouncilRole
from council.table_revisions import ANY_TABLE, remembered, revisions, tables_written, writes_uncommitted
from members.models import Institution
from tests.meetings.factories import MeetingFactory
from tests.members.factories import DifficultyFactory, InstitutionFactory

pytestmark = pytest.mark.django_db(transaction=True)

COUNCILS = Council._meta.db_table


@pytest.fixture
def page_cache(settings):
    """Pages cached, and the test started at the turn of a minute, the clock running: a page kept to
    the minute (Clock.MINUTE) is then asked for again within the same minute, as the tests expect."""
    settings.PAGE_CACHE = True
    now = timezone.now()
    with time_machine.travel(now.replace(second=0, microsecond=0) + timedelta(minutes=1), tick=True):
        yield


def _names() -> list[str]:
    return list(Council.objects.order_by("name").values_list("name", flat=True))


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('INSERT INTO "meetings_meeting" ("council_id") VALUES (%s)', {"meetings_meeting"}),
        ('UPDATE "council_user" SET "unread_notices" = 0', {"council_user"}),
        ('DELETE FROM "members_difficulty" WHERE "id" IN (1)', {"members_difficulty"}),
        ('TRUNCATE "plans_plan", "plans_project" RESTART IDENTITY CASCADE;', {"plans_plan", "plans_project"}),
        ("CREATE INDEX CONCURRENTLY x ON y (z)", {ANY_TABLE}),
    ],
)
def test_a_write_names_the_tables_it_changes_or_every_table(sql, tables):
    assert tables_written(sql) == tables


def test_a_write_changes_its_table_revision_when_it_commits_and_never_if_it_rolls_back(anyang):
    before = revisions([COUNCILS])[COUNCILS]
    with transaction.atomic():
        Council.objects.filter(pk=anyang.pk).update(name="안양시 협의회")
        assert revisions([COUNCILS])[COUNCILS] == before
    committed = revisions([COUNCILS])[COUNCILS]
    assert committed != before

    with suppress(RuntimeError), transaction.atomic():
        Council.objects.filter(pk=anyang.pk).update(name="되돌릴 이름")
        raise RuntimeError
    assert revisions([COUNCILS])[COUNCILS] == committed


def test_a_savepoint_rolled_back_loses_none_of_the_writes_that_commit(anyang):
    """Whichever of the transaction's writes registered the bump, the committed ones are bumped."""
    for first_inside_savepoint in (False, True):
        before = revisions([COUNCILS])[COUNCILS]
        with transaction.atomic():
            if not first_inside_savepoint:
                Council.objects.filter(pk=anyang.pk).update(name=f"안양 협의회 {before}")
            with suppress(RuntimeError), transaction.atomic():
                InstitutionFactory(name="되돌릴 기관")
                raise RuntimeError
            if first_inside_savepoint:
                Council.objects.filter(pk=anyang.pk).update(name=f"안양 협의회 {before}")
            assert writes_uncommitted()
        assert revisions([COUNCILS])[COUNCILS] != before
        assert not writes_uncommitted()


def test_a_remembered_value_answers_until_a_table_it_read_changes(anyang, busan):
    computed: list[list[str]] = []

    def compute() -> list[str]:
        computed.append(_names())
        return computed[-1]

    for _round in range(4):
        assert remembered("names", compute) == sorted([anyang.name, busan.name])
    assert len(computed) == 2  # the first learns which tables it reads, the second is kept

    InstitutionFactory(name="다른 표에 쓴 기관")
    remembered("names", compute)
    assert len(computed) == 2

    # Writes that send no signal are seen too: update(), bulk_create() and raw SQL.
    Council.objects.filter(pk=busan.pk).update(name="부산 협의회")
    assert "부산 협의회" in remembered("names", compute)
    Council.objects.bulk_create([Council(name="대구 협의회", short_name="대구", slug="daegu")])
    assert "대구 협의회" in remembered("names", compute)
    with connection.cursor() as cursor:
        cursor.execute(
            'UPDATE "council_council" SET "name" = %s WHERE "slug" = %s', ["대구광역시 협의회", "daegu"]
        )
    assert "대구광역시 협의회" in remembered("names", compute)
    assert len(computed) == 5


def test_nothing_uncommitted_is_read_from_or_kept_in_the_cache(anyang):
    for _round in range(2):
        remembered("names", _names)
    with transaction.atomic():
        Council.objects.create(name="임시 협의회", short_name="임시", slug="temporary")
        assert "임시 협의회" in remembered("names", _names)
        transaction.set_rollback(True)
    assert "임시 협의회" not in remembered("names", _names)


def _meeting_queries(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), sum('"meetings_meeting"' in query["sql"] for query in queries)


def test_the_meeting_list_is_served_from_the_cache_until_a_meeting_is_planned(
    page_cache, login, alice, anyang
):
    MeetingFactory(council=anyang, title="정기회의")
    client = login(alice)
    for _round in range(2):
        _meeting_queries(client, reverse("meeting-list"))
    page, read = _meeting_queries(client, reverse("meeting-list"))
    assert "정기회의" in page and read == 0

    MeetingFactory(council=anyang, title="임시회의")
    page, read = _meeting_queries(client, reverse("meeting-list"))
    assert "임시회의" in page and read > 0


def test_once_a_view_has_rendered_each_new_address_of_it_is_kept_from_its_first_rendering(
    page_cache, login, alice, anyang
):
    MeetingFactory(council=anyang, title="정기회의")
    client = login(alice)
    _meeting_queries(client, reverse("meeting-list"))  # learns which tables the list reads
    narrowed = reverse("meeting-list") + "?status=planned"
    page, read = _meeting_queries(client, narrowed)
    assert "정기회의" in page and read > 0
    page, read = _meeting_queries(client, narrowed)
    assert "정기회의" in page and read == 0


def test_a_cached_page_is_never_shown_to_another_user(page_cache, login, alice, bob, anyang):
    MeetingFactory(council=anyang, title="계획 중인 회의")  # planned: only the secretariat sees it
    for _round in range(3):
        assert "계획 중인 회의" in login(alice).get(reverse("meeting-list")).content.decode()
    assert "계획 중인 회의" not in login(bob).get(reverse("meeting-list")).content.decode()


def test_a_role_taken_away_shows_at_once(page_cache, login, alice, anyang):
    create = reverse("meeting-create")
    client = login(alice)
    for _round in range(3):
        assert create in client.get(reverse("meeting-list")).content.decode()
    CouncilRole.objects.filter(user=alice).delete()
    assert create not in client.get(reverse("meeting-list")).content.decode()


def test_forms_on_a_cached_page_carry_this_session_token_and_the_script_this_response_nonce(
    page_cache, alice, anyang
):
    meeting = MeetingFactory(council=anyang)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url = reverse("meeting-detail", args=[meeting.pk])
    nonces = []
    for _round in range(3):
        response = client.get(url)
        page = response.content.decode()
        assert "placeholder0" not in page
        nonce = re.search(r'<script[^>]* nonce="([^"]+)"', page)[1]
        assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
        nonces.append(nonce)
    assert len(set(nonces)) == 3
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = client.post(
        reverse("agenda-item-add", args=[meeting.pk]),
        {"title": "예산 보고", "kind": "report", "minutes_allotted": 10, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert "예산 보고" in client.get(url).content.decode()


def test_the_message_after_an_action_is_shown_on_a_cached_page(page_cache, login, alice, anyang):
    meeting = MeetingFactory(council=anyang)
    client = login(alice)
    url = reverse("meeting-detail", args=[meeting.pk])
    for _round in range(3):
        client.get(url)
    response = client.post(
        reverse("agenda-item-add", args=[meeting.pk]),
        {"title": "협약 체결 보고", "kind": "report", "minutes_allotted": 10},
        follow=True,
    )
    messages = [str(message) for message in response.context["messages"]]
    assert messages and all(message in response.content.decode() for message in messages)
    assert "협약 체결 보고" in response.content.decode()
    assert all(message not in client.get(url).content.decode() for message in messages)


def test_an_api_list_follows_writes_and_answers_each_user_alone(
    page_cache, login, alice, bob, dave, anyang, daerim
):
    DifficultyFactory(institution=daerim, council=anyang, title="인력 부족")
    url = "/api/v1/difficulties/"
    for _round in range(3):
        assert login(alice).get(url).json()["count"] == 1
    assert login(dave).get(url).json()["count"] == 0

    DifficultyFactory(institution=daerim, council=anyang, title="장비 노후")
    assert login(alice).get(url).json()["count"] == 2
    Institution.objects.filter(pk=daerim.pk).update(name="대림대학교")
    assert {row["institution_name"] for row in login(alice).get(url).json()["results"]} <= {"대림대학교"}


def test_a_list_and_its_htmx_fragment_are_kept_apart(page_cache, login, alice, anyang):
    MeetingFactory(council=anyang, title="정기회의")
    client = login(alice)
    for _round in range(3):
        page = client.get(reverse("meeting-list")).content.decode()
        fragment = client.get(reverse("meeting-list"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in page and "정기회의" in page
    assert "<html" not in fragment and "정기회의" in fragment


def test_a_page_that_follows_the_clock_is_not_kept_past_its_minute(page_cache, login, alice, anyang):
    soon = timezone.now().replace(microsecond=0) + timedelta(minutes=5)
    meeting = MeetingFactory(
        council=anyang, title="곧 끝날 회의", starts_at=soon, ends_at=soon + timedelta(minutes=5)
    )
    upcoming = reverse("meeting-list") + "?upcoming=true"
    client = login(alice)
    with time_machine.travel(meeting.ends_at - timedelta(minutes=1), tick=False):
        for _round in range(3):
            assert "곧 끝날 회의" in client.get(upcoming).content.decode()
    with time_machine.travel(meeting.ends_at + timedelta(minutes=1), tick=False):
        assert "곧 끝날 회의" not in client.get(upcoming).content.decode()
