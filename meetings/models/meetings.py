import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from meetings.models.agenda import AgendaItem


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self, now: datetime) -> "MeetingQuerySet":
        """Meetings still to take place: planned or announced, and not over by `now`."""
        return self.filter(status__in=Meeting.OPEN_STATUSES, ends_at__gte=now)


class Meeting(models.Model):
    """A council meeting, shown as "2024년 제1차": planned, announced, held, minutes approved or cancelled."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("regular meeting")
        EXTRAORDINARY = "extraordinary", _("extraordinary meeting")
        WORKING_LEVEL = "working_level", _("working-level meeting")
        WRITTEN = "written", _("written resolution")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ANNOUNCED = "announced", _("announced")
        HELD = "held", _("held")
        MINUTES_APPROVED = "minutes_approved", _("minutes approved")
        CANCELLED = "cancelled", _("cancelled")

    # Neither held nor cancelled: the meeting can still change.
    OPEN_STATUSES = (Status.PLANNED, Status.ANNOUNCED)
    # It took place: its outcomes and minutes are on record.
    HELD_STATUSES = (Status.HELD, Status.MINUTES_APPROVED)

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="meetings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("The N of '제N차' within the year."))
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Optional, e.g. the main item.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    chair = models.ForeignKey(
        "members.Person",
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_meetings",
    )
    description = models.TextField(_("purpose"), blank=True)
    quorum_override = models.PositiveSmallIntegerField(
        _("quorum"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a majority of the members whose term is valid on the meeting date."),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Calendar identity: the UID stays, the sequence grows with every change sent to invitees.
    ical_uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    cancelled_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["sequence", "ical_uid"])

    objects = MeetingQuerySet.as_manager()
    # The items that leave the secretariat, when prefetched with meetings.models.agenda.shared_agenda().
    shared_agenda: list["AgendaItem"]

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "number"],
                name="meeting_number_unique",
                violation_error_message=_(
                    "This council already has a meeting with this number in that year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["council", "starts_at"], name="meeting_council_start_idx")]

    def __str__(self) -> str:
        return f"{self.council.short_name} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("meeting-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A meeting must end after it starts.")
        if not self.venue and not self.online_url and self.kind != self.Kind.WRITTEN:
            errors["venue"] = _("Give a venue, an online meeting link, or both.")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        """'2024년 제1차' in Korean, '2024 No. 1' in English."""
        return gettext("%(year)d No. %(number)d") % {"year": self.year, "number": self.number}

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def day_has_come(self) -> bool:
        """It is the meeting's day (in Korea) or later: attendance and outcomes may be recorded."""
        return timezone.localdate() >= timezone.localtime(self.starts_at).date()

    @property
    def can_be_announced(self) -> bool:
        """Planned and still to come: invitees are told of it before it starts."""
        return self.status == self.Status.PLANNED and not self.has_started

    @property
    def can_be_held(self) -> bool:
        """Announced and begun: it can be recorded as held."""
        return self.status == self.Status.ANNOUNCED and self.has_started

    @property
    def records_outcomes(self) -> bool:
        """Attendance, decisions and follow-up actions: from the meeting's day until the minutes close it."""
        return self.status == self.Status.HELD or (self.status == self.Status.ANNOUNCED and self.day_has_come)

    @property
    def takes_follow_up_actions(self) -> bool:
        """Follow-up actions are recorded from the meeting's day on, also after its minutes are approved."""
        closed = (self.Status.PLANNED, self.Status.CANCELLED)
        return self.status not in closed and self.day_has_come

    @property
    def is_upcoming(self) -> bool:
        return self.is_editable and self.ends_at >= timezone.now()

    @property
    def is_written(self) -> bool:
        return self.kind == self.Kind.WRITTEN

    @property
    def is_voting_open(self) -> bool:
        """A written resolution's votes are cast once it is announced, between its start and end."""
        return self.status == self.Status.ANNOUNCED and self.starts_at <= timezone.now() <= self.ends_at

    @property
    def is_editable(self) -> bool:
        return self.status in self.OPEN_STATUSES
