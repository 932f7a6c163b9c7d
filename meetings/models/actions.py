from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> "ActionItemQuerySet":
        """Actions still to be done: open or in progress."""
        return self.filter(status__in=ActionItem.OPEN_STATUSES)

    def overdue(self, today: date) -> "ActionItemQuerySet":
        """Open actions whose due date is before `today`."""
        return self.open().filter(due_on__lt=today)


class ActionItem(models.Model):
    """A follow-up action decided at a meeting, tracked across meetings until it is done."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="action_items"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="action_items"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    assignee = models.ForeignKey(
        "members.Institution",
        verbose_name=_("responsible institution"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["council", "status", "due_on"], name="action_council_status_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("action-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


class ActionComment(models.Model):
    """Progress note on an action item."""

    action = models.ForeignKey(
        ActionItem, verbose_name=_("action item"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("action comment")
        verbose_name_plural = _("action comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:40]
