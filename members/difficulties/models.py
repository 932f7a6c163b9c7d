from datetime import date

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Document

TEXT_MAX = 10000


class DifficultyQuerySet(models.QuerySet["Difficulty"]):
    """The date and status rules of Difficulty.is_open and is_overdue, in SQL.

    The conditions also serve counts that filter inside an aggregate.
    """

    @staticmethod
    def open_condition() -> Q:
        return Q(status__in=Difficulty.OPEN_STATUSES)

    @classmethod
    def overdue_condition(cls, day: date) -> Q:
        return cls.open_condition() & Q(first_answered_at__isnull=True, answer_due__lt=day)

    def open(self) -> "DifficultyQuerySet":
        return self.filter(self.open_condition())

    def overdue(self, day: date) -> "DifficultyQuerySet":
        """Open, unanswered, and due before the day."""
        return self.filter(self.overdue_condition(day))


class Difficulty(models.Model):
    """A difficulty or suggestion an institution raises with its council, followed until it is settled."""

    class Kind(models.TextChoices):
        DIFFICULTY = "difficulty", _("difficulty")
        SUGGESTION = "suggestion", _("suggestion")

    class Category(models.TextChoices):
        EMPLOYMENT = "employment", _("employment and early hiring")
        WORK_STUDY = "work_study", _("work-study and field training")
        CURRICULUM = "curriculum", _("curriculum and programmes")
        FACILITIES = "facilities", _("facilities and equipment")
        FUNDING = "funding", _("funding and support schemes")
        REGULATION = "regulation", _("rules and administration")
        COOPERATION = "cooperation", _("cooperation between institutions")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_REVIEW = "in_review", _("in review")
        ANSWERED = "answered", _("answered")
        RESOLVED = "resolved", _("resolved")
        CLOSED = "closed", _("closed")

    OPEN_STATUSES = (Status.RECEIVED, Status.IN_REVIEW, Status.ANSWERED)

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="difficulties"
    )
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("raised by institution"),
        on_delete=models.PROTECT,
        related_name="difficulties",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DIFFICULTY)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("headline"), max_length=200)
    description = models.TextField(
        _("description"),
        max_length=TEXT_MAX,
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_("What happens, since when, who is affected, and what would help."),
    )
    secretariat_only = models.BooleanField(
        _("secretariat only"),
        default=False,
        help_text=_(
            "Only your institution, the council's secretariat and the institution asked to answer see it."
        ),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    assignee = models.ForeignKey(
        "members.Institution",
        verbose_name=_("responsible institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_difficulties",
    )
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("resolved or closed at"), null=True, blank=True)
    close_reason = models.TextField(
        _("reason"), blank=True, max_length=TEXT_MAX, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DifficultyQuerySet.as_manager()

    class Meta:
        verbose_name = _("difficulty or suggestion")
        verbose_name_plural = _("difficulties and suggestions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["council", "status"], name="difficulty_status_idx"),
            # A council's list, newest first, reads its first page off the index instead of sorting
            # the council's every difficulty (and joining their institutions) to keep 25.
            models.Index(fields=["council", "-created_at", "-id"], name="difficulty_council_recent_idx"),
            # The same across councils (the API, a secretariat of several councils, the search's list).
            models.Index(fields=["-created_at", "-id"], name="difficulty_recent_idx"),
            models.Index(
                fields=["answer_due"],
                name="difficulty_due_idx",
                condition=Q(first_answered_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("difficulty-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, day: date | None = None) -> bool:
        """The answer is due before the day and nobody has answered yet."""
        day = day or timezone.localdate()
        return (
            self.is_open
            and self.first_answered_at is None
            and self.answer_due is not None
            and self.answer_due < day
        )

    @property
    def overdue(self) -> bool:
        return self.is_overdue()


class DifficultyEvent(models.Model):
    """One entry in a difficulty's thread and timeline: an answer, a comment, an assignment, a status."""

    class Kind(models.TextChoices):
        RAISED = "raised", _("raised")
        ASSIGNED = "assigned", _("assigned")
        ANSWER = "answer", _("response")
        COMMENT = "comment", _("comment")
        STATUS = "status", _("status changed")
        NOTE = "note", _("note")

    difficulty = models.ForeignKey(
        Difficulty,
        verbose_name=_("difficulty or suggestion"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(
        _("text"), blank=True, max_length=TEXT_MAX, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    status_from = models.CharField(
        _("status before"), max_length=20, choices=Difficulty.Status.choices, blank=True
    )
    status_to = models.CharField(
        _("status after"), max_length=20, choices=Difficulty.Status.choices, blank=True
    )
    assignee = models.ForeignKey(
        "members.Institution",
        verbose_name=_("responsible institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("difficulty event")
        verbose_name_plural = _("difficulty events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.difficulty_id} · {self.get_kind_display()}"

    @property
    def is_message(self) -> bool:
        """Answers and comments are shown as messages in the thread; the rest as timeline entries."""
        return self.kind in (self.Kind.ANSWER, self.Kind.COMMENT)


class DifficultyAttachment(Document):
    """A file attached to a difficulty, or to one answer or comment in its thread."""

    difficulty = models.ForeignKey(
        Difficulty,
        verbose_name=_("difficulty or suggestion"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    event = models.ForeignKey(
        DifficultyEvent,
        verbose_name=_("answer or comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )

    class Meta(Document.Meta):
        verbose_name = _("difficulty attachment")
        verbose_name_plural = _("difficulty attachments")
