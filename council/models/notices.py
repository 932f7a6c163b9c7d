from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Dispatch(models.Model):
    """One announcement to a group of people (a notice kind about one subject at one revision).

    Written in the same transaction as the change it announces; a task expands it into one
    Notice per recipient, so announcing to 2,000 people costs the request one row.
    """

    kind = models.CharField(_("kind"), max_length=60)
    subject_key = models.CharField(_("subject"), max_length=100, help_text=_("e.g. meetings.meeting:12"))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    council = models.ForeignKey(
        "council.Council",
        verbose_name=_("council"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dispatches",
    )
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expanded_at = models.DateTimeField(_("expanded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_key", "revision"], name="dispatch_unique_revision"
            ),
        ]
        indexes = [models.Index(fields=["expanded_at"], name="dispatch_expanded_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_key} r{self.revision}"

    @property
    def subject_id(self) -> int:
        """The id the subject key ends with: 12 for "meetings.meeting:12"."""
        return int(self.subject_key.rsplit(":", 1)[1])


def to_reach(prefix: str = "") -> Q:
    """Notices that reached nobody by mail (no address, or refused for good) and whose recipient nobody
    has called yet; `prefix` reaches them through a relation ("notices__")."""
    return Q(**{f"{prefix}status__in": ["skipped", "failed"], f"{prefix}reached_at__isnull": True})


class Notice(models.Model):
    """One message to one recipient: sent by mail and listed in the recipient's in-app notifications."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("no e-mail address")

    dispatch = models.ForeignKey(
        Dispatch, verbose_name=_("dispatch"), on_delete=models.CASCADE, related_name="notices"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
    )
    recipient_key = models.CharField(_("recipient key"), max_length=260)
    # What this recipient is addressed about within the dispatch (e.g. their invitation's id).
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ko")
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    status = models.CharField(_("delivery"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    # After a temporary failure, the earliest time the sweep tries again (backing off exponentially).
    retry_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Whom no mail reached (no address, or the server refused it for good) staff call instead,
    # and record that they did.
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    reached_at = models.DateTimeField(_("reached by phone at"), null=True, blank=True)
    reached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reached by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "recipient_key"], name="notice_unique_recipient"),
        ]
        indexes = [
            models.Index(fields=["status", "claimed_until"], name="notice_delivery_idx"),
            models.Index(
                fields=["recipient", "-created_at"],
                name="notice_unread_idx",
                condition=Q(read_at__isnull=True),
            ),
            models.Index(
                fields=["dispatch", "-created_at"],
                name="notice_to_reach_idx",
                condition=to_reach(),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.email or self.recipient_key}"

    @property
    def was_retried(self) -> bool:
        return self.attempts > 1
