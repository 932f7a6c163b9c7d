"""Calendar files and feeds parse, keep their UID across changes, and lead back to the meeting."""

from datetime import timedelta

from django.urls import reverse
from icalendar import Calendar

from meetings import services
from meetings.models import CalendarFeed


def test_add_to_calendar_file(login, alice, meeting):
    calendar = Calendar.from_ical(login(alice).get(reverse("meeting-ics", args=[meeting.pk])).content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["url"]).endswith(reverse("meeting-detail", args=[meeting.pk]))
    assert event["location"]
    assert event.decoded("dtstart") == meeting.starts_at


def test_uid_stays_and_sequence_grows_across_changes(login, alice, meeting):
    client = login(alice)
    before = Calendar.from_ical(client.get(reverse("meeting-ics", args=[meeting.pk])).content).walk("VEVENT")[
        0
    ]
    services.meeting_announce(actor=alice, meeting=meeting)
    services.meeting_update(actor=alice, meeting=meeting, venue="다른 장소")
    after = Calendar.from_ical(client.get(reverse("meeting-ics", args=[meeting.pk])).content).walk("VEVENT")[
        0
    ]
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert "다른 장소" in str(after["location"])


def test_council_feed_lists_published_meetings_only(client, alice, meeting, busan, busan_meeting):
    assert (
        len(
            Calendar.from_ical(client.get(reverse("council-calendar", args=["anyang"])).content).walk(
                "VEVENT"
            )
        )
        == 0
    )
    services.meeting_announce(actor=alice, meeting=meeting)
    feed = Calendar.from_ical(client.get(reverse("council-calendar", args=["anyang"])).content)
    assert len(feed.walk("VEVENT")) == 1
    assert client.get(reverse("council-calendar", args=[busan.slug])).status_code == 404


def test_personal_feed_is_secret_and_revocable(login, client, bob, alice, meeting):
    services.meeting_announce(actor=alice, meeting=meeting)
    page = login(bob).get(reverse("calendar-settings")).content.decode()
    token = CalendarFeed.objects.get(user=bob).token
    assert f"/cal/{token}.ics" in page
    assert len(f"/cal/{token}.ics") < 50  # short enough for every calendar app
    feed = Calendar.from_ical(client.get(f"/cal/{token}.ics").content)
    assert next(str(event["summary"]) for event in feed.walk("VEVENT")).startswith(meeting.council.short_name)
    login(bob).post(reverse("calendar-settings"))
    assert client.get(f"/cal/{token}.ics").status_code == 404


def test_cancelled_meetings_stay_in_feeds_marked_cancelled(client, alice, meeting):
    services.meeting_announce(actor=alice, meeting=meeting)
    services.meeting_cancel(actor=alice, meeting=meeting, reason="연기")
    event = Calendar.from_ical(client.get(reverse("council-calendar", args=["anyang"])).content).walk(
        "VEVENT"
    )[0]
    assert event["status"] == "CANCELLED"
    assert meeting.starts_at - timedelta(days=1) < event.decoded("dtstart")


def test_rotating_a_feed_address_is_one_service_the_page_calls(client, bob):
    from meetings import services

    first = services.calendar_feed_rotate(user=bob)
    second = services.calendar_feed_rotate(user=bob)
    assert first.token != second.token
    assert client.get(reverse("personal-calendar", args=[first.token])).status_code == 404
    assert client.get(reverse("personal-calendar", args=[second.token])).status_code == 200
