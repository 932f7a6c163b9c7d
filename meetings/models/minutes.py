from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Minutes(models.Model):
    """A meeting's minutes in Markdown: drafted, circulated to attendees for comments, approved and locked.

    Every saved version is kept in the history.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("minutes", "draft")
        CIRCULATED = "circulated", pgettext_lazy("minutes", "circulated for comments")
        APPROVED = "approved", pgettext_lazy("minutes", "approved")

    meeting = models.OneToOneField(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )
    body = models.TextField(
        _("minutes"), blank=True, help_text=_("Markdown: headings, lists, tables, links.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    comments_until = models.DateField(_("comments until"), null=True, blank=True)
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_status_display()}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def has_text(self) -> bool:
        """Minutes are circulated and approved once something is written."""
        return bool(self.body.strip())


class MinutesComment(models.Model):
    """An attendee's comment on circulated minutes."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE)
    version = models.PositiveIntegerField(_("on version"))
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("minutes comment")
        verbose_name_plural = _("minutes comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"
