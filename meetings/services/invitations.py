"""Writes on who is invited, what they answered, who attended, and written-resolution votes."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import User
from meetings import permissions
from meetings.models import Invitation, Meeting, Vote
from members.models import Institution, Membership, Person


def _check(actor: User, meeting: Meeting) -> None:
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied(_("Only the council's secretariat can change who is invited."))
    meeting.refresh_from_db(fields=["status", "starts_at", "ends_at"])  # decide on the current state


def _seat_invitation(meeting: Meeting, seat: Membership) -> Invitation:
    person = seat.person
    return Invitation(
        meeting=meeting,
        membership=seat,
        institution=seat.institution or (person.institution if person else None),
        person=person,
        name=seat.holder_name,
        email=person.email if person and person.email else "",
        language=person.user.language if person and person.user_id else "ko",  # type: ignore[union-attr]
        counts_for_quorum=seat.is_voting,
    )


@transaction.atomic
def invitations_add_members(
    *,
    actor: User,
    meeting: Meeting,
    roles: Iterable[str] = (),
    institution_kinds: Iterable[str] = (),
) -> int:
    """Invite the council's seats whose term is valid on the meeting date, optionally by role or kind.

    Seats already invited are skipped, so this can be run again after new appointments.
    """
    _check(actor, meeting)
    if not meeting.is_editable:
        raise ValidationError(_("Invitations can be changed only before the meeting is held."))
    day = timezone.localtime(meeting.starts_at).date()
    seats = (
        Membership.objects.filter(council_id=meeting.council_id)
        .current_on(day)
        .exclude(invitations__meeting=meeting)
        .select_related("person", "person__user", "person__institution", "institution")
    )
    roles, institution_kinds = list(roles), list(institution_kinds)
    if roles:
        seats = seats.filter(role__in=roles)
    if institution_kinds:
        seats = seats.filter(institution__kind__in=institution_kinds)
    rows = [_seat_invitation(meeting, seat) for seat in seats]
    # An e-mail address already invited (e.g. the same person on two seats) is invited once.
    taken = set(meeting.invitations.exclude(email="").values_list("email", flat=True))
    unique_rows = []
    for row in rows:
        if row.email and row.email in taken:
            row.email = ""
        if row.email:
            taken.add(row.email)
        unique_rows.append(row)
    Invitation.objects.bulk_create(unique_rows, batch_size=500)
    return len(unique_rows)


@transaction.atomic
def invitation_add_guest(
    *,
    actor: User,
    meeting: Meeting,
    name: str,
    email: str,
    institution: Institution | None = None,
    person: Person | None = None,
    language: str = "ko",
) -> Invitation:
    """Invite someone without a seat (a presenter, an observer from another body)."""
    _check(actor, meeting)
    if not meeting.is_editable:
        raise ValidationError(_("Invitations can be changed only before the meeting is held."))
    invitation = Invitation(
        meeting=meeting, is_guest=True, name=name, email=email, institution=institution, person=person,
        language=language,
    )  # fmt: skip
    invitation.full_clean()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as error:
        raise ValidationError({"email": _("This address is already invited.")}) from error
    return invitation


@transaction.atomic
def invitation_remove(*, actor: User, invitation: Invitation) -> None:
    _check(actor, invitation.meeting)
    if invitation.meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("After the announcement, record a decline instead of removing the invitee."))
    invitation.delete()


@transaction.atomic
def invitation_respond(
    *, actor: User | None, invitation: Invitation, response: str, proxy_name: str = "", via_link: bool = False
) -> Invitation:
    """Record an invitee's answer: attending, not attending, or sending a proxy.

    `via_link` is set when the answer comes from the signed link in the notice, which stands in
    for a login and is valid for this invitation only.
    """
    invitation = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    if not via_link and (actor is None or not permissions.can_answer_invitation(actor, invitation)):
        raise PermissionDenied(_("You can answer only your own invitation."))
    meeting = invitation.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if meeting.ends_at < timezone.now():
        raise ValidationError(_("This meeting is over; answers are closed."))
    if response not in Invitation.Response.values or response == Invitation.Response.PENDING:
        raise ValidationError({"response": _("Choose whether you will attend.")})
    proxy_name = proxy_name.strip()
    if response == Invitation.Response.PROXY and not proxy_name:
        raise ValidationError({"proxy_name": _("Give the name of the person attending in your place.")})
    invitation.response = response
    invitation.proxy_name = proxy_name if response == Invitation.Response.PROXY else ""
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "proxy_name", "responded_at"])
    return invitation


@transaction.atomic
def attendance_mark(*, actor: User, invitation: Invitation, attended: bool | None) -> Invitation:
    """Tick an invitee present or absent on the day (None clears the mark)."""
    _check(actor, invitation.meeting)
    if not invitation.meeting.records_outcomes:
        raise ValidationError(
            _("Attendance is taken from the meeting's day, for an announced or held meeting.")
        )
    invitation.attended = attended
    invitation.checked_in_at = timezone.now() if attended else None
    invitation.save(update_fields=["attended", "checked_in_at"])
    return invitation


@transaction.atomic
def ballot_cast(
    *,
    actor: User | None,
    invitation: Invitation,
    choices: Mapping[int, str],
    comments: Mapping[int, str] | None = None,
    via_link: bool = False,
) -> int:
    """A member's votes on the items of a written resolution (item id to choice), inside its voting
    window: all are recorded or none is. A new vote on an item replaces the earlier one. `via_link`:
    the signed ballot link in the notice stands in for a login, for this invitation only."""
    invitation = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    meeting = invitation.meeting
    if not via_link and (
        actor is None or not permissions.invitations_answerable_by(actor).filter(pk=invitation.pk).exists()
    ):
        raise PermissionDenied(_("You can vote only on your own invitation."))
    item_ids = set(meeting.agenda_items.shared().values_list("id", flat=True))
    if not meeting.is_written or not set(choices) <= item_ids:
        raise ValidationError(_("Votes are cast only on the items of a written resolution."))
    if not invitation.counts_for_quorum:
        raise ValidationError(_("Only voting members vote on a written resolution."))
    if not meeting.is_voting_open:
        raise ValidationError(_("Voting is open from %(start)s to %(end)s.") % {
            "start": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
            "end": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%d %H:%M"),
        })  # fmt: skip
    if any(choice not in Vote.Choice.values for choice in choices.values()):
        raise ValidationError({"choice": _("Choose for, against or abstain.")})
    now = timezone.now()
    comments = comments or {}
    votes = [
        Vote(
            invitation=invitation,
            agenda_item_id=item_id,
            choice=choice,
            comment=comments.get(item_id, "").strip()[:500],
            cast_at=now,
        )
        for item_id, choice in choices.items()
    ]
    Vote.objects.bulk_create(
        votes,
        update_conflicts=True,
        unique_fields=["invitation", "agenda_item"],
        update_fields=["choice", "comment", "cast_at"],
    )
    if votes and invitation.response == Invitation.Response.PENDING:
        invitation.response = Invitation.Response.ACCEPTED
        invitation.responded_at = now
        invitation.save(update_fields=["response", "responded_at"])
    return len(votes)
