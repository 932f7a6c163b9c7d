from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Document

RENEWAL_NOTICE_DAYS = 60


class AgreementQuerySet(models.QuerySet["Agreement"]):
    """The validity rules of Agreement.in_force_on and ends_soon, in SQL."""

    def in_force_on(self, day: date) -> "AgreementQuerySet":
        return self.filter(self.in_force_condition(day))

    @staticmethod
    def in_force_condition(day: date) -> Q:
        """In force from valid_from (or the signing day) to valid_until, both included."""
        starts = Q(valid_from__lte=day) | Q(valid_from__isnull=True, signed_on__lte=day)
        return starts & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))

    def ending_within(self, day: date, days: int) -> "AgreementQuerySet":
        return self.filter(valid_until__gte=day, valid_until__lte=day + timedelta(days=days))


class Agreement(models.Model):
    """A cooperation agreement (협약) signed by two or more institutions, and the results that followed."""

    class Area(models.TextChoices):
        JOINT_RND = "joint_rnd", _("joint R&D and commercialisation")
        FACILITIES = "facilities", _("shared facilities and equipment")
        INFORMATION = "information", _("information exchange")
        TALENT = "talent", _("talent and employment")
        FIELD_TRAINING = "field_training", _("field training")
        OTHER = "other", _("other")

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="agreements"
    )
    title = models.CharField(_("agreement name"), max_length=200)
    parties = models.ManyToManyField(
        "members.Institution", verbose_name=_("parties"), related_name="agreements"
    )
    signed_on = models.DateField(_("signed on"))
    signed_place = models.CharField(_("signed at (place)"), max_length=200, blank=True)
    summary = models.TextField(
        _("purpose and content"), blank=True, max_length=10000, validators=[MaxLengthValidator(10000)]
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The secretariat and the parties are reminded 60 days before it ends."),
    )
    best_practices = models.ManyToManyField(
        "members.BestPractice",
        verbose_name=_("resulting best practices"),
        blank=True,
        related_name="agreements",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="agreement_validity_order",
            ),
        ]
        indexes = [models.Index(fields=["council", "-signed_on"], name="agreement_signed_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreement-detail", args=[self.pk])

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The agreement cannot end before it takes effect.")})

    def in_force_on(self, day: date) -> bool:
        starts = self.valid_from or self.signed_on
        return starts <= day and (self.valid_until is None or self.valid_until >= day)

    @property
    def in_force(self) -> bool:
        return self.in_force_on(timezone.localdate())

    @property
    def has_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    @property
    def ends_soon(self) -> bool:
        """In force and ending within the renewal notice period."""
        if self.valid_until is None:
            return False
        today = timezone.localdate()
        return today <= self.valid_until <= today + timedelta(days=RENEWAL_NOTICE_DAYS)


class AgreementArea(models.Model):
    """One cooperation area an agreement covers (a row each, so lists can be filtered by area)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="areas"
    )
    area = models.CharField(_("cooperation area"), max_length=20, choices=Agreement.Area.choices)

    class Meta:
        verbose_name = _("cooperation area")
        verbose_name_plural = _("cooperation areas")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "area"], name="agreement_area_unique")]

    def __str__(self) -> str:
        return self.get_area_display()


class AgreementDocument(Document):
    """A document of an agreement: the signed text, a press release, photos of the signing."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )

    class Meta(Document.Meta):
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
