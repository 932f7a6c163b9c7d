import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def attendees(self) -> "InvitationQuerySet":
        """Who attended: those ticked present once attendance was taken, else everyone who did not decline.

        The draft minutes go to them, and they may comment on it.
        """
        taken = Invitation.objects.filter(meeting_id=OuterRef("meeting_id"), attended=True)
        return self.filter(Q(attended=True) | (~Exists(taken) & ~Q(response=Invitation.Response.DECLINED)))


class Invitation(models.Model):
    """One invitee of a meeting: a council seat or a guest, their answer and their attendance."""

    class Response(models.TextChoices):
        PENDING = "pending", _("no answer yet")
        ACCEPTED = "accepted", _("attending")
        DECLINED = "declined", _("not attending")
        PROXY = "proxy", _("sending a proxy")

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    membership = models.ForeignKey(
        "members.Membership",
        verbose_name=_("seat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="ko")
    is_guest = models.BooleanField(_("guest"), default=False)
    counts_for_quorum = models.BooleanField(
        _("counts for the quorum"),
        default=False,
        help_text=_("A voting member whose term is valid on the meeting date."),
    )
    response = models.CharField(
        _("answer"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    proxy_name = models.CharField(_("proxy"), max_length=100, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "is_guest", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(membership__isnull=False),
                name="invitation_one_per_seat",
            ),
            models.UniqueConstraint(
                fields=["meeting", "email"], condition=~Q(email=""), name="invitation_one_per_email"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.meeting}"

    @property
    def phone(self) -> str:
        """The number to call about this invitation: the person's, else their institution's."""
        if self.person and self.person.phone:
            return self.person.phone
        return self.institution.phone if self.institution else ""

    @property
    def is_present(self) -> bool:
        return bool(self.attended)


class Vote(models.Model):
    """A member's vote on one agenda item of a written resolution; one per invitee and item."""

    class Choice(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstain")

    invitation = models.ForeignKey(
        Invitation, verbose_name=_("invitation"), on_delete=models.CASCADE, related_name="votes"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="votes"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    cast_at = models.DateTimeField(_("cast at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "agenda_item"], name="vote_one_per_member_and_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation.name}: {self.get_choice_display()}"


def _calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar address; rotating the token revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True, default=_calendar_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
