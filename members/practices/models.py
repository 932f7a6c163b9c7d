from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Document

SUMMARY_MAX = 1000
TEXT_MAX = 10000


class BestPractice(models.Model):
    """A cooperation case an institution shares with its council: the problem, what was done, the results."""

    class Category(models.TextChoices):
        JOINT_RND = "joint_rnd", _("joint R&D")
        SHARED_EQUIPMENT = "shared_equipment", _("shared equipment")
        EMPLOYMENT = "employment", _("employment linkage")
        FIELD_TRAINING = "field_training", _("field training and work-study")
        CURRICULUM = "curriculum", _("curriculum")
        STARTUP = "startup", _("start-up support")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned")

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="best_practices"
    )
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("submitting institution"),
        on_delete=models.PROTECT,
        related_name="best_practices",
    )
    title = models.CharField(_("practice title"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX,
        validators=[MaxLengthValidator(SUMMARY_MAX)],
        help_text=_("Two or three sentences shown in the gallery."),
    )
    partners = models.ManyToManyField(
        "members.Institution",
        verbose_name=_("partner institutions"),
        blank=True,
        related_name="partner_practices",
    )
    other_partners = models.CharField(
        _("other partners"),
        max_length=300,
        blank=True,
        help_text=_("Partners not in the directory, e.g. 관내 기업 12개사."),
    )
    problem = models.TextField(
        _("the problem"),
        max_length=TEXT_MAX,
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_("What needed solving, and for whom."),
    )
    actions = models.TextField(
        _("what was done"), max_length=TEXT_MAX, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    results = models.TextField(
        _("results"),
        max_length=TEXT_MAX,
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_("What changed; put the key numbers in the figures below."),
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_comment = models.TextField(
        _("review comment"), blank=True, max_length=TEXT_MAX, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    # Each submission opens a new review round; notices about it are unique per round.
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        ordering = ["-published_at", "-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="best_practice_period_order",
            ),
        ]
        indexes = [models.Index(fields=["council", "status"], name="best_practice_status_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("best-practice-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class BestPracticeFigure(models.Model):
    """One number that shows a practice's result, e.g. 취업 연계 32명."""

    practice = models.ForeignKey(
        BestPractice, verbose_name=_("best practice"), on_delete=models.CASCADE, related_name="figures"
    )
    label = models.CharField(_("indicator"), max_length=100)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("e.g. 명, 건, %"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("result figure")
        verbose_name_plural = _("result figures")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.label} {self.value}{self.unit}"


class BestPracticeDocument(Document):
    """A file attached to a best practice (presentation, report, photos)."""

    practice = models.ForeignKey(
        BestPractice, verbose_name=_("best practice"), on_delete=models.CASCADE, related_name="documents"
    )

    class Meta(Document.Meta):
        verbose_name = _("best practice attachment")
        verbose_name_plural = _("best practice attachments")


class BestPracticeStep(models.Model):
    """One step of a practice's review: submitted (each round), returned with a comment, published,
    or withdrawn from publication. Kept for good: a later step never overwrites an earlier one."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        RETURNED = "returned", _("returned with a comment")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("publication withdrawn")

    practice = models.ForeignKey(
        BestPractice, verbose_name=_("best practice"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("step"), max_length=12, choices=Kind.choices)
    round = models.PositiveSmallIntegerField(_("review round"))
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)])
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["practice", "created_at"], name="practice_step_idx")]

    def __str__(self) -> str:
        return f"{self.practice_id} {self.kind} r{self.round}"
