from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from council.files.uploads import upload_to


class Indicator(models.Model):
    """A KPI of a project: what is measured, in which unit, from which baseline."""

    project = models.ForeignKey(
        "plans.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, help_text=_("e.g. 명, 건, %"))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    description = models.CharField(_("how it is measured"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["project", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="indicator_name_unique",
                violation_error_message=_("The project already has an indicator with this name."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class IndicatorTarget(models.Model):
    """An indicator's target for one year."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicator_target_unique",
                violation_error_message=_("The indicator already has a target for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class IndicatorActual(models.Model):
    """An indicator's value so far in the report's year, as a progress report states it, with evidence.

    A city official verifies it once they have checked the evidence.
    """

    report = models.ForeignKey(
        "plans.ProgressReport",
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="actuals",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="actuals"
    )
    value = models.DecimalField(_("actual"), max_digits=14, decimal_places=2)
    evidence = models.FileField(_("evidence"), upload_to=upload_to, blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator actual")
        verbose_name_plural = _("indicator actuals")
        ordering = ["report", "indicator__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_actual_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None
