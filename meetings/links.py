"""Signed answer links in invitation mail: one purpose, one invitation, an expiry; no login needed."""

from collections.abc import Sequence
from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation

SALT = "meetings.invitation.answer"
# Links to a written resolution's ballot: a purpose of their own, so an answer link cannot vote.
VOTE_SALT = "meetings.invitation.vote"
# A link stays valid for at most this long after it was mailed, and never after the meeting ends.
MAX_AGE = timedelta(days=60)


def answer_token(invitation: Invitation) -> str:
    return signing.dumps(
        {"invitation": invitation.pk, "meeting": invitation.meeting_id}, salt=SALT, compress=True
    )


def answer_path(invitation: Invitation, response: str = "") -> str:
    path = reverse("invitation-answer-link", kwargs={"token": answer_token(invitation)})
    return f"{path}?answer={response}" if response else path


def answer_paths(invitation: Invitation, responses: Sequence[str]) -> dict[str, str]:
    """One link per answer, all carrying the same token: signed once for the invitation."""
    path = answer_path(invitation)
    return {response: f"{path}?answer={response}" for response in responses}


def vote_path(invitation: Invitation) -> str:
    """The ballot of a written resolution for this invitee, without a login."""
    token = signing.dumps(
        {"invitation": invitation.pk, "meeting": invitation.meeting_id}, salt=VOTE_SALT, compress=True
    )
    return reverse("ballot-link", kwargs={"token": token})


def invitation_from_token(token: str, *, salt: str = SALT) -> Invitation | None:
    """The invitation a link was made for, if the signature is intact, fresh, and the meeting not over."""
    try:
        data = signing.loads(token, salt=salt, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    invitation = (
        Invitation.objects.select_related("meeting", "meeting__council")
        .filter(pk=data.get("invitation"), meeting_id=data.get("meeting"))
        .first()
    )
    if invitation is None or invitation.meeting.ends_at < timezone.now():
        return None
    return invitation
