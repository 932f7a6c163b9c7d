"""What a submission puts on an agenda: only what the secretariat writes for it.

A difficulty marked secretariat only stays off any agenda but one for the secretariat alone. An
ordinary one goes on with the title and summary staff confirm; its own text and the link to it stay
with those who may open it, in the page, the API, the mail, the calendar file, the PDF and search.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from meetings import services
from meetings.models import AgendaItem
from meetings.pdf import agenda_pack_pdf
from tests.members.factories import DifficultyFactory

PRIVATE = "교장 선생님 개인 연락처 010-1234-5678 포함 민원 내용"


@pytest.fixture
def private_difficulty(anyang, daerim):
    return DifficultyFactory(
        council=anyang,
        institution=daerim,
        title="학생 개인정보 관련 애로",
        description=PRIVATE,
        secretariat_only=True,
    )


@pytest.fixture
def ordinary_difficulty(anyang, daerim):
    return DifficultyFactory(
        council=anyang, institution=daerim, title="현장실습 기업 부족", description=PRIVATE
    )


def _propose(client, difficulty, meeting, **fields):
    data = {
        "meeting": meeting.pk,
        "title": "현장실습 협력 방안",
        "kind": "discussion",
        "minutes_allotted": 15,
    }
    return client.post(reverse("agenda-propose-difficulty", args=[difficulty.pk]), {**data, **fields})


def _announce(alice, meeting, capture):
    with capture(execute=True):
        services.meeting_announce(actor=alice, meeting=meeting)
    meeting.refresh_from_db()


def _pdf_text(meeting) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(agenda_pack_pdf(meeting))).pages)


def test_a_secretariat_only_difficulty_is_refused_on_a_shared_agenda(
    login, alice, private_difficulty, meeting
):
    client = login(alice)
    form = client.get(
        reverse("agenda-propose-difficulty", args=[private_difficulty.pk]), {"meeting": meeting.pk}
    )
    assert 'name="staff_only"' in form.content.decode() and "checked" in form.content.decode()

    with translation.override("ko"):
        response = _propose(client, private_difficulty, meeting)
    assert response.status_code == 200
    assert "사무국만 보는 안건으로만 올릴 수 있습니다" in response.content.decode()
    assert not AgendaItem.objects.exists() and not private_difficulty.events.exists()

    response = _propose(client, private_difficulty, meeting, staff_only="on")
    assert response.status_code == 302
    assert AgendaItem.objects.get().staff_only


def test_a_secretariat_only_item_reaches_nobody_outside_the_secretariat(
    login,
    client,
    api,
    alice,
    bob,
    carol,
    dave,
    private_difficulty,
    meeting,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    _propose(login(alice), private_difficulty, meeting, title="비공개 개인정보 안건", staff_only="on")
    _announce(alice, meeting, django_capture_on_commit_callbacks)
    assert mailoutbox, "the invitation went out"

    assert "비공개 개인정보 안건" in login(alice).get(meeting.get_absolute_url()).content.decode()
    for reader in (client, login(bob), login(carol)):
        assert "비공개 개인정보 안건" not in reader.get(meeting.get_absolute_url()).content.decode()
    for user in (None, bob, carol, dave):
        listed = api(user).get("/api/v1/agenda-items/", {"meeting": meeting.pk}).json()["results"]
        assert listed == []
    assert [item["title"] for item in api(alice).get("/api/v1/agenda-items/").json()["results"]] == [
        "비공개 개인정보 안건"
    ]
    for message in mailoutbox:
        everything = message.body + message.alternatives[0][0] + message.attachments[0][1]
        assert "비공개 개인정보 안건" not in everything and PRIVATE not in everything
    assert (
        "비공개 개인정보 안건"
        not in login(bob).get(reverse("meeting-ics", args=[meeting.pk])).content.decode()
    )
    assert "비공개 개인정보 안건" not in _pdf_text(meeting)
    assert (
        meeting.get_absolute_url()
        not in login(bob).get(reverse("search"), {"q": "개인정보 안건"}).content.decode()
    )


def test_an_ordinary_difficulty_shows_only_the_confirmed_summary(
    login,
    client,
    api,
    alice,
    bob,
    ordinary_difficulty,
    meeting,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    form = login(alice).get(reverse("agenda-propose-difficulty", args=[ordinary_difficulty.pk]))
    assert PRIVATE not in form.content.decode(), "the proposal is filled in with the title only"
    _propose(login(alice), ordinary_difficulty, meeting, description="참여 기업 확대 방안을 논의합니다.")
    _announce(alice, meeting, django_capture_on_commit_callbacks)
    difficulty_url = ordinary_difficulty.get_absolute_url()

    visitor_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "현장실습 협력 방안" in visitor_page and "참여 기업 확대 방안을 논의합니다." in visitor_page
    assert PRIVATE not in visitor_page and difficulty_url not in visitor_page
    [listed] = api().get("/api/v1/agenda-items/", {"meeting": meeting.pk}).json()["results"]
    assert (listed["description"], listed["difficulty"]) == ("참여 기업 확대 방안을 논의합니다.", None)
    [staff_listed] = api(alice).get("/api/v1/agenda-items/", {"meeting": meeting.pk}).json()["results"]
    assert staff_listed["difficulty"] == ordinary_difficulty.pk
    assert difficulty_url in login(alice).get(meeting.get_absolute_url()).content.decode()
    assert difficulty_url in login(bob).get(meeting.get_absolute_url()).content.decode(), (
        "its institution sees it"
    )

    invitations = [message for message in mailoutbox if "현장실습 협력 방안" in message.body]
    assert invitations and all(PRIVATE not in message.body for message in mailoutbox)
    printed = _pdf_text(meeting)
    assert "현장실습 협력 방안" in printed and PRIVATE not in printed


def test_a_difficulty_restricted_later_leaves_what_is_shared(
    login, client, alice, ordinary_difficulty, meeting, django_capture_on_commit_callbacks
):
    _propose(login(alice), ordinary_difficulty, meeting)
    _announce(alice, meeting, django_capture_on_commit_callbacks)
    type(ordinary_difficulty).objects.filter(pk=ordinary_difficulty.pk).update(secretariat_only=True)

    assert "현장실습 협력 방안" not in client.get(meeting.get_absolute_url()).content.decode()
    assert "현장실습 협력 방안" not in _pdf_text(meeting)
    assert "현장실습 협력 방안" in login(alice).get(meeting.get_absolute_url()).content.decode()


def test_unticking_secretariat_only_on_its_item_is_refused(alice, private_difficulty, meeting):
    item = services.agenda_item_add(
        actor=alice, meeting=meeting, title="비공개 안건", difficulty=private_difficulty, staff_only=True
    )
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_update(actor=alice, item=item, staff_only=False)
    assert "staff_only" in refused.value.message_dict
    item.refresh_from_db()
    assert item.staff_only
