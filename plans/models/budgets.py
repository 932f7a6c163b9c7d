from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FundingSource(models.TextChoices):
    NATIONAL = "national", _("National")
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    UNIVERSITY = "university", _("University")
    PRIVATE = "private", _("Private")
    OTHER = "other", _("Other")


class BudgetLine(models.Model):
    """A project's budget for one year from one funding source, planned and executed, in whole won.

    `executed` is the sum of the amounts in the project's accepted progress reports; only the
    report services write it, so it always shows accepted figures.
    """

    project = models.ForeignKey(
        "plans.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("funding source"), max_length=12, choices=FundingSource.choices)
    planned = models.PositiveBigIntegerField(_("planned (KRW)"))
    executed = models.PositiveBigIntegerField(_("executed (KRW)"), default=0, editable=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "source"],
                name="budget_line_unique",
                violation_error_message=_("The project already has a line for this year and funding source."),
            )
        ]
        indexes = [models.Index(fields=["year", "project"], name="budget_line_year_idx")]

    def __str__(self) -> str:
        return f"{self.project.code} {self.year} {self.get_source_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.project_id and self.year:
            plan = self.project.plan
            if not plan.start_year <= self.year <= plan.end_year:
                raise ValidationError(
                    {
                        "year": _("The year must lie within the plan (%(start)d–%(end)d).")
                        % {"start": plan.start_year, "end": plan.end_year}
                    }
                )
