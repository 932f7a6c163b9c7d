"""An announcement is rendered once per language and written out per recipient with their own links."""

import re
from unittest import mock

from django.core import mail

from council.notices import compose
from meetings import services
from meetings.links import invitation_from_token
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory


def test_invitations_share_one_rendering_but_each_carries_its_own_answer_links(
    meeting, alice, anyang, django_capture_on_commit_callbacks
):
    for number in range(4):
        institution = InstitutionFactory(name=f"추가기관 {number}")
        MembershipFactory(
            council=anyang,
            institution=institution,
            person=PersonFactory(institution=institution, email=f"member{number}@example.org"),
        )
    services.invitations_add_members(actor=alice, meeting=meeting)
    invitations = {invitation.email: invitation for invitation in meeting.invitations.exclude(email="")}
    assert len(invitations) >= 5
    real_render = compose.render_to_string
    with (
        mock.patch.object(compose, "render_to_string", side_effect=real_render) as html_renders,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.meeting_announce(actor=alice, meeting=meeting)
    invited = [message for message in mail.outbox if message.to[0].split("<")[-1].rstrip(">") in invitations]
    assert len(invited) == len(invitations)
    assert html_renders.call_count == 2  # the shared rendering, and the first recipient's in full to check it
    for message in invited:
        address = message.to[0].split("<")[-1].rstrip(">")
        html = message.alternatives[0].content
        tokens = set(re.findall(r"/answer/([^/?\"]+)/\?answer=", html)) | set(
            re.findall(r"/answer/([^/?\s]+)/\?answer=", message.body)
        )
        assert len(tokens) == 1, tokens  # one signature for the three answers
        assert invitation_from_token(tokens.pop()) == invitations[address]
        assert "answer=accepted" in html and "answer=declined" in html and "answer=proxy" in html
        assert "&amp;" not in message.body  # the text part is not HTML-escaped


def test_a_template_that_changes_a_personal_string_is_rendered_per_recipient(
    meeting, alice, django_capture_on_commit_callbacks, caplog
):
    with (
        mock.patch.object(compose, "_fill", side_effect=lambda template, values, html: template),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.meeting_announce(actor=alice, meeting=meeting)  # markers left unfilled: unequal
    assert "not shared" in caplog.text
    assert all("\ue000" not in message.body for message in mail.outbox)
