from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Plan(models.Model):
    """A council's multi-year plan: vision, period, stated total budget; drafted, approved, then revised."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        # "Adopted" rather than "approved", which already names a meeting decision (원안 의결).
        APPROVED = "approved", _("adopted")
        REVISED = "revised", _("revised")

    APPROVED_STATUSES = (Status.APPROVED, Status.REVISED)

    class Cadence(models.TextChoices):
        HALF_YEAR = "half_year", _("half-yearly")
        QUARTER = "quarter", _("quarterly")

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("plan title"), max_length=200)
    vision = models.CharField(_("vision"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    figures_note = models.TextField(
        _("about the figures"),
        blank=True,
        help_text=_(
            "Shown wherever the plan's figures are, e.g. which amounts are the adopted plan's "
            "and which are estimates or examples."
        ),
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    stated_total = models.PositiveBigIntegerField(
        _("stated total budget (KRW)"),
        help_text=_("The total the plan document states, in whole won; compared with the sum of its lines."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    cadence = models.CharField(
        _("progress reports"),
        max_length=10,
        choices=Cadence.choices,
        default=Cadence.HALF_YEAR,
        help_text=_("How often the lead institutions report progress."),
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    decided_by = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("deciding agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_plans",
    )
    # Bumped in the transaction of every write that can change the plan's figures, which are cached
    # under it (plans.selectors.figures).
    # An adopted plan changes only while staff have a revision open; recording the revision closes it.
    revision_open = models.BooleanField(_("revision open"), default=False, editable=False)
    figures_revision = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["figures_revision"])

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "title"],
                name="plan_title_unique",
                violation_error_message=_("This council already has a plan with this title."),
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="plan_years_order",
                violation_error_message=_("The last year cannot come before the first year."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plan-detail", args=[self.pk])

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def is_approved(self) -> bool:
        return self.status in self.APPROVED_STATUSES

    @property
    def is_locked(self) -> bool:
        """Adopted and no revision open: its structure, budgets and KPIs are read-only."""
        return self.is_approved and not self.revision_open

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.start_year and self.end_year:
            if self.end_year < self.start_year:
                raise ValidationError({"end_year": _("The last year cannot come before the first year.")})
            if self.end_year - self.start_year > 19:
                raise ValidationError({"end_year": _("A plan covers at most twenty years.")})
        if self.start_year and not 2000 <= self.start_year <= 2100:
            raise ValidationError({"start_year": _("Enter a year between 2000 and 2100.")})


class PlanVersion(models.Model):
    """A snapshot of a plan when it was approved or revised: totals, counts and the deciding agenda item."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Plan.Status.choices)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("deciding agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    stated_total = models.PositiveBigIntegerField(_("stated total budget (KRW)"))
    planned_total = models.PositiveBigIntegerField(_("planned (KRW)"))
    executed_total = models.PositiveBigIntegerField(_("executed (KRW)"))
    strategy_count = models.PositiveIntegerField(_("strategies"))
    task_count = models.PositiveIntegerField(_("tasks"))
    project_count = models.PositiveIntegerField(_("projects"))
    by_strategy = models.JSONField(_("planned by strategy"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def difference(self) -> int:
        return self.planned_total - self.stated_total


class Strategy(models.Model):
    """A strategy (추진전략) of a plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="strategies"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("Short and unique in the plan, e.g. 1."))
    title = models.CharField(_("strategy"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="strategy_code_unique",
                violation_error_message=_("Another strategy of this plan has this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class PlanTask(models.Model):
    """A task (추진과제) under a strategy. Not called Task, which in code means a background job."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks")
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="tasks"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("Unique in the plan, e.g. 1-2."))
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["plan", "strategy__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="plan_task_code_unique",
                violation_error_message=_("Another task of this plan has this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.strategy_id and self.plan_id and self.strategy.plan_id != self.plan_id:
            raise ValidationError({"strategy": _("Choose a strategy of the same plan.")})
