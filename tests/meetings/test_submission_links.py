"""Best practices presented and difficulties discussed at meetings, from both sides.

The secretariat puts a published best practice or an open difficulty on a coming meeting's agenda
from the item's own page; the meeting's agenda links back, the difficulty's timeline records it and
its submitter hears of it, and the portal-wide search finds meetings and minutes.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from meetings import services
from meetings.models import AgendaItem, Meeting, Minutes
from members.models import Difficulty, DifficultyEvent
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import BestPracticeFactory, DifficultyFactory


@pytest.fixture
def practice(anyang, daerim):
    return BestPracticeFactory(council=anyang, institution=daerim, published=True, title="현장실습 연계 사례")


@pytest.fixture
def difficulty(anyang, daerim):
    return DifficultyFactory(council=anyang, institution=daerim, title="참여 기업 발굴 애로")


def _propose(client, name, pk, meeting_pk, **fields):
    """Confirm the agenda item on the proposal page, as the secretariat does."""
    data = {"meeting": meeting_pk, "title": "안건", "kind": "discussion", "minutes_allotted": 15, **fields}
    return client.post(reverse(name, args=[pk]), data)


def _present(actor, meeting, practice):
    return services.agenda_item_add(
        actor=actor, meeting=meeting, title=practice.title, kind=AgendaItem.Kind.PRESENTATION,
        best_practice=practice,
    )  # fmt: skip


def _discuss(actor, meeting, difficulty, **fields):
    return services.agenda_item_add(
        actor=actor, meeting=meeting, title="논의 안건", kind=AgendaItem.Kind.DISCUSSION,
        difficulty=difficulty, **fields,
    )  # fmt: skip


def test_the_secretariat_puts_a_practice_on_the_agenda_from_its_page(login, alice, practice, meeting):
    client = login(alice)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "아직 회의에서 발표하지 않았습니다" in page and "발표할 회의" in page

    form = client.get(reverse("agenda-propose-practice", args=[practice.pk]), {"meeting": meeting.pk})
    form_page = form.content.decode()
    assert f'value="{practice.title}"' in form_page, "the title is filled in for the secretariat"
    assert practice.summary not in form_page, "the submission's text is not"

    response = _propose(
        client, "agenda-propose-practice", practice.pk, meeting.pk,
        title="현장실습 연계 사례 발표", kind="presentation", minutes_allotted=20,
        presenter_institution=practice.institution_id, description="대림대학교의 사례를 듣습니다.",
    )  # fmt: skip

    item = meeting.agenda_items.get(best_practice=practice)
    assert response["Location"] == practice.get_absolute_url()
    assert (item.title, item.kind, item.presenter_institution_id, item.description) == (
        "현장실습 연계 사례 발표",
        AgendaItem.Kind.PRESENTATION,
        practice.institution_id,
        "대림대학교의 사례를 듣습니다.",
    )
    agenda = client.get(meeting.get_absolute_url()).content.decode()
    assert practice.get_absolute_url() in agenda and "발표한 우수사례 보기" in agenda
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "회의 발표" in page and meeting.get_absolute_url() in page


def test_a_practice_goes_on_one_agenda_once(alice, practice, meeting):
    _present(alice, meeting, practice)
    with translation.override("ko"), pytest.raises(ValidationError, match="이미 안건에"):
        _present(alice, meeting, practice)
    assert meeting.agenda_items.filter(best_practice=practice).count() == 1


def test_only_published_practices_of_the_same_council_are_presented(alice, anyang, daerim, busan, meeting):
    draft = BestPracticeFactory(council=anyang, institution=daerim)
    elsewhere = BestPracticeFactory(council=busan, institution=daerim, published=True)
    for practice in (draft, elsewhere):
        with translation.override("ko"), pytest.raises(ValidationError, match="게시된 우수사례만"):
            _present(alice, meeting, practice)
    assert not meeting.agenda_items.exists()


def test_a_difficulty_on_the_agenda_is_recorded_and_its_submitter_told(
    login, alice, bob, difficulty, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(alice)
    page = client.get(difficulty.get_absolute_url()).content.decode()
    assert "안건으로 올릴 회의" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = _propose(
            client, "agenda-propose-difficulty", difficulty.pk, meeting.pk, title="참여 기업 발굴"
        )

    assert response["Location"] == difficulty.get_absolute_url()
    item = meeting.agenda_items.get(difficulty=difficulty)
    assert item.kind == AgendaItem.Kind.DISCUSSION
    page = client.get(difficulty.get_absolute_url()).content.decode()
    assert "안건으로 올릴 회의" not in page, "a meeting that already has it is not offered again"
    event = difficulty.events.get(kind=DifficultyEvent.Kind.NOTE)
    assert meeting.label in event.body and "안건으로 상정" in event.body
    assert [message.to[0].split("<")[-1].rstrip(">") for message in mailoutbox] == [bob.email]
    assert meeting.label in mailoutbox[0].body
    page = login(bob).get(difficulty.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() not in page, "members see a meeting once it is announced"
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.ANNOUNCED)
    page = login(bob).get(difficulty.get_absolute_url()).content.decode()
    assert "회의 안건 상정" in page and meeting.get_absolute_url() in page
    assert "안건에 추가" not in page


def test_closed_difficulties_stay_off_the_agenda(alice, difficulty, meeting):
    Difficulty.objects.filter(pk=difficulty.pk).update(status=Difficulty.Status.CLOSED)
    difficulty.refresh_from_db()
    with translation.override("ko"), pytest.raises(ValidationError, match="먼저 다시 여세요"):
        _discuss(alice, meeting, difficulty)
    assert not difficulty.events.exists()


def test_only_coming_meetings_of_the_council_are_offered(login, alice, anyang, busan, difficulty, meeting):
    past = MeetingFactory(
        council=anyang,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30, hours=-2),
    )
    other = MeetingFactory(council=busan)
    client = login(alice)
    page = client.get(difficulty.get_absolute_url()).content.decode()
    offered = page.split('id="difficulty-meeting"')[1].split("</select>")[0]
    assert f'value="{meeting.pk}"' in offered
    assert f'value="{past.pk}"' not in offered and f'value="{other.pk}"' not in offered

    for bad in (past.pk, other.pk, "abc"):
        response = _propose(client, "agenda-propose-difficulty", difficulty.pk, bad)
        assert response.status_code == 200
        assert "다가오는 회의 중에서 고르세요" in response.content.decode()
    assert _propose(client, "agenda-propose-difficulty", difficulty.pk, "").status_code == 200
    assert not AgendaItem.objects.exists()


def test_members_and_officials_cannot_put_items_on_an_agenda(
    login, bob, carol, practice, difficulty, meeting
):
    for user in (bob, carol):
        client = login(user)
        assert _propose(client, "agenda-propose-practice", practice.pk, meeting.pk).status_code == 403
        assert _propose(client, "agenda-propose-difficulty", difficulty.pk, meeting.pk).status_code == 403
        assert client.get(reverse("agenda-propose-practice", args=[practice.pk])).status_code == 403
        assert "안건에 추가" not in client.get(practice.get_absolute_url()).content.decode()
    with pytest.raises(PermissionDenied):
        _discuss(bob, meeting, difficulty)
    assert not AgendaItem.objects.exists() and not difficulty.events.exists()


def test_another_councils_secretariat_cannot_reach_the_item(login, dave, difficulty, meeting):
    response = _propose(login(dave), "agenda-propose-difficulty", difficulty.pk, meeting.pk)
    assert response.status_code == 404
    assert not AgendaItem.objects.exists()


def test_the_item_pages_run_a_fixed_number_of_queries(
    login, alice, anyang, daerim, practice, difficulty, django_assert_max_num_queries
):
    client = login(alice)

    def load(count):
        for _ in range(count):
            meeting = MeetingFactory(council=anyang)
            AgendaItemFactory(meeting=meeting, best_practice=practice, difficulty=difficulty)
        for url in (practice.get_absolute_url(), difficulty.get_absolute_url()):
            with django_assert_max_num_queries(40):
                assert client.get(url).status_code == 200

    load(1)
    with django_assert_max_num_queries(40) as small:
        client.get(difficulty.get_absolute_url())
    load(12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(difficulty.get_absolute_url())


def test_search_finds_meetings_by_agenda_and_minutes_as_the_user_may_read_them(
    login, client, alice, bob, anyang, meeting
):
    AgendaItemFactory(meeting=meeting, title="특성화고 조기취업 연계 방안")
    held = MeetingFactory(council=anyang, title="정기회의", status=Meeting.Status.HELD)
    Minutes.objects.create(meeting=held, body="## 논의\n\n현장실습 표준 협약서를 함께 쓰기로 했다.")

    page = login(alice).get(reverse("search"), {"q": "조기 취업"}).content.decode()
    assert meeting.get_absolute_url() in page

    staff = login(alice).get(reverse("search"), {"q": "표준 협약서"}).content.decode()
    assert reverse("minutes-detail", args=[held.pk]) in staff
    member = login(bob).get(reverse("search"), {"q": "표준 협약서"}).content.decode()
    assert reverse("minutes-detail", args=[held.pk]) not in member, "draft minutes stay with the secretariat"

    Minutes.objects.filter(meeting=held).update(status=Minutes.Status.APPROVED)
    member = login(bob).get(reverse("search"), {"q": "표준 협약서"}).content.decode()
    assert reverse("minutes-detail", args=[held.pk]) in member
    visitor = client.get(reverse("search"), {"q": "조기취업"}).content.decode()
    assert meeting.get_absolute_url() not in visitor


def test_the_api_links_an_item_under_the_same_rules(api, alice, anyang, daerim, practice, meeting):
    item = _present(alice, meeting, practice)
    client = api(alice)
    body = client.get(f"/api/v1/agenda-items/{item.pk}/").json()
    assert (body["best_practice"], body["difficulty"]) == (practice.pk, None)

    draft = BestPracticeFactory(council=anyang, institution=daerim)
    refused = client.patch(f"/api/v1/agenda-items/{item.pk}/", {"best_practice": draft.pk}, format="json")
    assert refused.status_code == 400 and "best_practice" in refused.json()
    item.refresh_from_db()
    assert item.best_practice_id == practice.pk

    other = BestPracticeFactory(council=anyang, institution=daerim, published=True)
    moved = client.patch(f"/api/v1/agenda-items/{item.pk}/", {"best_practice": other.pk}, format="json")
    assert moved.status_code == 200 and moved.json()["best_practice"] == other.pk


def test_the_agenda_form_lists_no_submissions(login, alice, practice, difficulty, meeting):
    """Submissions are linked from their own page: the agenda never lists the council's difficulties."""
    page = login(alice).get(meeting.get_absolute_url()).content.decode()
    assert difficulty.title not in page and practice.title not in page
    item = _discuss(alice, meeting, difficulty)
    login(alice).post(
        reverse("agenda-item-update", args=[meeting.pk, item.pk]),
        {"title": "고친 제목", "kind": "discussion", "minutes_allotted": 30},
    )
    item.refresh_from_db()
    assert (item.title, item.difficulty) == ("고친 제목", difficulty), "editing keeps the link"
