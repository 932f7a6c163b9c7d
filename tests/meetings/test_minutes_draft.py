"""Minutes drafted from the record: attendance by institution, quorum, decisions with their votes, and
follow-up actions; text already in the editor is replaced only once staff confirm it."""

from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Minutes
from tests.support.meetings import held_with_record


def test_staff_draft_the_minutes_from_the_record_and_save_them(login, alice, meeting, daerim, yeonsung):
    meeting, _invitations = held_with_record(alice, meeting, daerim)
    client = login(alice)
    url = reverse("minutes-edit", args=[meeting.pk])
    page = client.post(url, {"action": "draft", "body": ""}).content.decode()
    draft = page.split('name="body"')[1].split("</textarea>")[0]
    for text in (
        daerim.name,
        yeonsung.name,
        "출석",
        "불참",
        "산학협력 프로그램 공동 개발",
        str(AgendaItem.Decision.APPROVED.label),
        "찬성 1, 반대 0, 기권 0",
        "2025년 시범 운영",
        "운영 계획 수립",
        "2030",
        "안양창업지원센터 강당",
    ):
        assert text in draft, text
    assert not Minutes.objects.filter(meeting=meeting).exists()  # nothing saved until staff save it
    assert client.post(url, {"body": "# 회의록\\n\\n확인함"}).status_code == 302
    assert Minutes.objects.get(meeting=meeting).body.startswith("# 회의록")


def test_a_draft_replaces_written_text_only_when_confirmed(login, alice, meeting, daerim):
    meeting, _invitations = held_with_record(alice, meeting, daerim)
    client = login(alice)
    url = reverse("minutes-edit", args=[meeting.pk])
    asked = client.post(url, {"action": "draft", "body": "직접 쓴 회의록"}).content.decode()
    assert 'data-testid="confirm-draft"' in asked and "직접 쓴 회의록" in asked
    kept = client.post(url, {"action": "keep", "body": "직접 쓴 회의록", "confirm": "1"}).content.decode()
    assert "직접 쓴 회의록" in kept and "운영 계획 수립" not in kept
    replaced = client.post(
        url, {"action": "draft", "body": "직접 쓴 회의록", "confirm": "1"}
    ).content.decode()
    assert "운영 계획 수립" in replaced and "직접 쓴 회의록" not in replaced


def test_only_the_secretariat_drafts_minutes(login, bob, carol, meeting):
    url = reverse("minutes-edit", args=[meeting.pk])
    for user in (bob, carol):
        assert login(user).post(url, {"action": "draft", "body": ""}).status_code in {403, 404}


def test_saving_over_a_version_saved_since_is_refused_on_the_page(login, alice, meeting, daerim):
    from meetings.models import Minutes
    from tests.council.factories import CouncilRoleFactory, UserFactory

    meeting, _invitations = held_with_record(alice, meeting, daerim)
    services.minutes_save(actor=alice, meeting=meeting, body="# 회의록 초안")
    url = reverse("minutes-edit", args=[meeting.pk])
    opened = login(alice).get(url).content.decode()
    assert 'name="based_on" value="1"' in opened
    colleague = UserFactory(username="staff2")
    CouncilRoleFactory(user=colleague, council=meeting.council, kind="secretariat")
    assert login(colleague).post(url, {"body": "# 동료의 수정", "based_on": "1"}).status_code == 302
    page = login(alice).post(url, {"body": "# 내 수정", "based_on": "1"}).content.decode()
    assert "2판을 저장했습니다" in page
    assert Minutes.objects.get(meeting=meeting).body == "# 동료의 수정"
