"""Notices written as MIME bytes read back as the same message with any mail parser."""

from email import message_from_bytes, policy

import pytest

from council.notices.mime import mime_bytes

SUBJECT = (
    "[안양시 산학관 협력 협의회] 2024년 제1차 정기회의 안내: 일학습병행 우수사례 발표와 R&D 협력 과제 논의"
)


def _parse(raw: bytes):
    return message_from_bytes(raw, policy=policy.default)


def test_a_notice_with_html_and_a_calendar_file_reads_back_whole():
    text = "김앨리스님,\n회의에 초대합니다.\n참석: https://portal.example/a?answer=accepted\n" * 20
    html = "<p>김앨리스님, <a href='https://portal.example/a?answer=accepted'>참석</a></p>" * 20
    ics = "BEGIN:VCALENDAR\r\nSUMMARY:2024년 제1차 정기회의\r\nEND:VCALENDAR\r\n"
    raw = mime_bytes(
        sender="협의회 포털 <noreply@portal.example>",
        to='"김, 앨리스" <alice@example.org>',
        subject=SUBJECT,
        text=text,
        html=html,
        attachments=[("meeting-7.ics", ics, "text/calendar; method=REQUEST")],
        headers={"Auto-Submitted": "auto-generated"},
    )
    assert raw.isascii() and all(len(line) <= 998 for line in raw.split(b"\r\n"))
    message = _parse(raw)
    assert message["Subject"] == SUBJECT
    assert message["To"].addresses[0].display_name == "김, 앨리스"
    assert message["To"].addresses[0].addr_spec == "alice@example.org"
    assert message["From"].addresses[0].display_name == "협의회 포털"
    assert message["Auto-Submitted"] == "auto-generated" and message["Message-ID"] and message["Date"]
    assert message.get_content_type() == "multipart/mixed"
    assert message.get_body(("plain",)).get_content() == text
    assert message.get_body(("html",)).get_content() == html
    [calendar] = list(message.iter_attachments())
    assert calendar.get_filename() == "meeting-7.ics"
    assert calendar.get_content_type() == "text/calendar" and calendar.get_param("method") == "REQUEST"
    assert calendar.get_content() == ics


def test_a_plain_notice_is_one_text_part():
    message = _parse(
        mime_bytes(sender="noreply@portal.example", to="bob@example.org", subject="R&D", text="본문")
    )
    assert message.get_content_type() == "text/plain" and message.get_content() == "본문"
    assert message["Subject"] == "R&D"


def test_a_header_cannot_carry_a_line_break():
    with pytest.raises(ValueError, match="line break"):
        mime_bytes(sender="noreply@portal.example", to="bob@example.org", subject="a\r\nBcc: x@evil", text="")
