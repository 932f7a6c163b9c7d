"""The agenda pack and the minutes as HWPX: valid packages by the library's own checks, holding the
meeting's title, every agenda item, the attendance and the decisions; for who may see the meeting."""

from django.urls import reverse

from meetings import services
from meetings.hwpx import CONTENT_TYPE, hwpx_text, hwpx_validate
from tests.support.hwpx import cell_alignments
from tests.support.meetings import held_with_record


def _package(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == CONTENT_TYPE and ".hwpx" in response["Content-Disposition"]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert hwpx_validate(data) == []
    return data


def _download(client, url):
    return hwpx_text(_package(client, url))


def test_the_agenda_pack_as_hwpx_holds_the_agenda_documents_and_attendance_sheet(
    login, alice, meeting, daerim, yeonsung
):
    services.agenda_item_add(actor=alice, meeting=meeting, title="현장실습 지원 방안", kind="deliberation")
    services.agenda_item_add(actor=alice, meeting=meeting, title="우수사례 발표", kind="presentation")
    text = _download(login(alice), reverse("meeting-agenda-hwpx", args=[meeting.pk]))
    for expected in (
        meeting.council.name,
        meeting.label,
        "회의자료",
        "현장실습 지원 방안",
        "우수사례 발표",
        daerim.name,
        yeonsung.name,
        "서명",
    ):
        assert expected in text, expected


def test_the_minutes_as_hwpx_hold_attendance_decisions_votes_and_actions(
    login, alice, meeting, daerim, yeonsung
):
    meeting, invitations = held_with_record(alice, meeting, daerim)
    services.minutes_save(
        actor=alice,
        meeting=meeting,
        body="# 회의록\n\n| 기관 | 출석 |\n| --- | --- |\n| 대림 | 출석 |\n\n- 논의 내용 정리",
    )
    text = _download(login(alice), reverse("minutes-hwpx", args=[meeting.pk]))
    for expected in (
        meeting.label,
        "회의록",
        "산학협력 프로그램 공동 개발",
        "2025년 시범 운영",
        "원안 의결",
        "찬성 1",
        "운영 계획 수립",
        "2030",
        invitations[0].name,
        invitations[1].name,
        "논의 내용 정리",
        "정족수",
    ):
        assert expected in text, expected
    assert "| --- |" not in text


def test_hwpx_downloads_follow_the_pdfs_permissions(login, client, alice, bob, dave, meeting):
    url = reverse("meeting-agenda-hwpx", args=[meeting.pk])
    assert login(dave).get(url).status_code in {403, 404}
    assert client.get(url).status_code in {302, 403, 404}


def test_numbers_stand_right_as_in_the_pdf(login, alice, meeting):
    """The columns the printed agenda right-aligns (the item's number, its minutes) do so in Hangul too."""
    services.agenda_item_add(
        actor=alice, meeting=meeting, title="현장실습 지원 방안", kind="deliberation", minutes_allotted=25
    )
    cells = cell_alignments(_package(login(alice), reverse("meeting-agenda-hwpx", args=[meeting.pk])))
    assert cells["25"] == cells["시간(분)"] == "RIGHT"
    assert cells["현장실습 지원 방안"] != "RIGHT"


def test_a_table_is_laid_out_once_whatever_its_length(monkeypatch):
    """The library lays out a whole table to find one cell; a table of the annual report's length
    must not pay that per cell (200 rows took half a minute that way)."""
    from hwpx import HwpxDocument
    from hwpx.oxml.table import HwpxOxmlTable

    from meetings.hwpx import add_table

    layouts = {}
    build = HwpxOxmlTable._build_cell_grid

    def counted(table):
        layouts[rows] = layouts.get(rows, 0) + 1
        return build(table)

    monkeypatch.setattr(HwpxOxmlTable, "_build_cell_grid", counted)
    for rows in (5, 100):
        document = HwpxDocument.new()
        table = [[f"기관 {n}", n * 1000] for n in range(rows)]
        add_table(document, ["기관", "금액"], table, right=(False, True))
        assert f"기관 {rows - 1}" in hwpx_text(document.to_bytes())
    assert layouts[5] == layouts[100]
    assert cell_alignments(document.to_bytes())["99000"] == "RIGHT"
