"""Written resolutions (서면심의): the notice states the voting window and links to a ballot; members
who have not voted are reminded; voting closes at the window's end (earlier only when staff confirm),
and the tally becomes each item's decision. The votes are in the API."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from council.models import Notice
from meetings import services
from meetings.models import AgendaItem, Meeting, Vote
from meetings.notices import vote_reminders
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory


@pytest.fixture
def resolution(alice, anyang, daerim):
    """A written resolution of Anyang, voted from tomorrow 09:00 to a week later 18:00."""
    school = InstitutionFactory(name="평촌경영고등학교")
    MembershipFactory(
        council=anyang,
        institution=school,
        person=PersonFactory(institution=school, email="head@school.example"),
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    zone = timezone.get_current_timezone()
    meeting = services.meeting_create(
        actor=alice,
        council=anyang,
        kind="written",
        title="규정 개정 서면심의",
        starts_at=timezone.make_aware(datetime.combine(tomorrow, time(9)), zone),
        ends_at=timezone.make_aware(datetime.combine(tomorrow + timedelta(days=7), time(18)), zone),
    )
    services.agenda_item_add(actor=alice, meeting=meeting, title="운영 규정 개정", kind="deliberation")
    services.agenda_item_add(actor=alice, meeting=meeting, title="실무위원회 구성", kind="deliberation")
    services.invitations_add_members(actor=alice, meeting=meeting)
    return meeting


def _open_window(meeting: Meeting) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    meeting.refresh_from_db()
    return meeting


def test_the_notice_states_both_dates_and_links_to_a_working_ballot(
    alice, resolution, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_announce(actor=alice, meeting=resolution)
    message = next(message for message in mail.outbox if "head@school.example" in message.to[0])
    start = timezone.localtime(resolution.starts_at)
    end = timezone.localtime(resolution.ends_at)
    assert start.strftime("%Y-%m-%d") in message.body and end.strftime("%Y-%m-%d") in message.body
    assert f"{end:%H}:00" in message.body and "/meetings/answer/" not in message.body
    assert "서면" in message.subject
    link = re.search(r"https?://\S+(/meetings/vote/\S+/)", message.body).group(1)
    _open_window(resolution)
    visitor = Client()
    ballot = visitor.get(link).content.decode()
    assert "운영 규정 개정" in ballot and "실무위원회 구성" in ballot
    items = list(resolution.agenda_items.order_by("order"))
    visitor.post(link, {f"item-{items[0].pk}": "for", f"item-{items[1].pk}": "against"})
    votes = dict(
        Vote.objects.filter(invitation__email="head@school.example").values_list(
            "agenda_item__title", "choice"
        )
    )
    assert votes == {"운영 규정 개정": "for", "실무위원회 구성": "against"}
    # The link is this invitee's ballot only, and an answer link's token does not open it.
    assert visitor.get(link.replace("/vote/", "/vote/x")).status_code == 404


def test_members_who_have_not_voted_are_reminded_the_day_before_voting_closes(
    alice, bob, daerim, resolution, django_capture_on_commit_callbacks
):
    services.meeting_announce(actor=alice, meeting=resolution)
    resolution = _open_window(resolution)
    item = resolution.agenda_items.first()
    services.ballot_cast(
        actor=bob, invitation=resolution.invitations.get(institution=daerim), choices={item.pk: "for"}
    )
    day_before = timezone.localtime(resolution.ends_at).date() - timedelta(days=1)
    assert vote_reminders(day_before - timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert vote_reminders(day_before) == 1
        assert vote_reminders(day_before) == 0  # once
    reminded = set(
        Notice.objects.filter(dispatch__kind="meeting.vote_reminder").values_list("email", flat=True)
    )
    assert "head@school.example" in reminded and bob.email not in reminded


def test_voting_closes_at_the_end_of_the_window_or_early_with_confirmation(
    login, alice, bob, daerim, resolution
):
    services.meeting_announce(actor=alice, meeting=resolution)
    resolution = _open_window(resolution)
    first, second = resolution.agenda_items.order_by("order")
    services.ballot_cast(
        actor=bob,
        invitation=resolution.invitations.get(institution=daerim),
        choices={first.pk: "for", second.pk: "against"},
    )
    with pytest.raises(ValidationError):
        services.meeting_mark_held(actor=alice, meeting=resolution)  # mid-window, without confirming
    client = login(alice)
    url = reverse("meeting-hold", args=[resolution.pk])
    page = client.get(url).content.decode()
    assert 'name="close_early"' in page and "1명" in page
    assert Meeting.objects.get(pk=resolution.pk).status == Meeting.Status.ANNOUNCED
    client.post(url, {"close_early": "1"})
    assert Meeting.objects.get(pk=resolution.pk).status == Meeting.Status.HELD
    first.refresh_from_db()
    second.refresh_from_db()
    members = resolution.invitations.filter(counts_for_quorum=True).count()
    assert (first.votes_for, first.votes_against, first.votes_abstained) == (1, 0, 0)
    expected = AgendaItem.Decision.APPROVED if members < 2 else AgendaItem.Decision.REJECTED
    assert first.decision == expected and second.decision == AgendaItem.Decision.REJECTED
    assert resolution.invitations.get(institution=daerim).attended is True


def test_votes_are_in_the_api_for_the_voter_and_the_secretariat(
    api, alice, bob, sam_contact, daerim, resolution
):
    services.meeting_announce(actor=alice, meeting=resolution)
    resolution = _open_window(resolution)
    invitation = resolution.invitations.get(institution=daerim)
    first = resolution.agenda_items.order_by("order").first()
    url = f"/api/v1/invitations/{invitation.pk}/ballot/"
    posted = api(bob).post(
        url,
        {"votes": [{"agenda_item": first.pk, "choice": "abstain", "comment": "검토 필요"}]},
        format="json",
    )
    assert posted.status_code == 200 and posted.json()[0]["choice"] == "abstain"
    assert api(alice).get(url).json()[0]["comment"] == "검토 필요"
    assert api(sam_contact).get(url).status_code in {403, 404}
    bad = api(bob).post(url, {"votes": [{"agenda_item": first.pk, "choice": "maybe"}]}, format="json")
    assert bad.status_code == 400 and "votes" in bad.json()
    assert (
        api(alice)
        .post(url, {"votes": [{"agenda_item": first.pk, "choice": "for"}]}, format="json")
        .status_code
        == 403
    )


@pytest.fixture
def sam_contact(anyang):
    from tests.council.factories import UserFactory
    from tests.members.factories import InstitutionContactFactory

    school = InstitutionFactory(name="다른 학교")
    MembershipFactory(council=anyang, institution=school)
    user = UserFactory(username="sam")
    InstitutionContactFactory(user=user, institution=school)
    return user
