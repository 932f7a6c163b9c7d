from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models.plans import Plan


class ReportingRound(models.Model):
    """One reporting period of a plan (a half-year or a quarter) with its deadline."""

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="rounds"
    )
    cadence = models.CharField(_("cadence"), max_length=10, choices=Plan.Cadence.choices, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.PositiveSmallIntegerField(
        _("period"), help_text=_("1–2 for half-years, 1–4 for quarters.")
    )
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    due_on = models.DateField(_("reports due"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["plan", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "period"],
                name="reporting_round_unique",
                violation_error_message=_("This period already has a reporting round."),
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="reporting_round_order"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.label}"

    @property
    def label(self) -> str:
        """'2024년 상반기' / '2024 H1', or '2024년 2분기' / '2024 Q2'."""
        from django.utils.translation import gettext

        if self.cadence == Plan.Cadence.QUARTER:
            return gettext("%(year)d Q%(period)d") % {"year": self.year, "period": self.period}
        if self.period == 1:
            return gettext("%(year)d H1") % {"year": self.year}
        return gettext("%(year)d H2") % {"year": self.year}

    @property
    def is_overdue(self) -> bool:
        return self.due_on < timezone.localdate()

    def days_left(self, today: date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days


class ProgressReport(models.Model):
    """A project's progress report for one round: drafted and submitted by the lead institution,
    with participants' parts, then accepted or returned by a city official.

    Accepting freezes the period's figures; only the secretariat can reopen it for a new revision.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("not yet submitted")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned")

    # Still with the lead institution: not yet submitted, or returned for changes.
    PENDING_STATUSES = (Status.DRAFT, Status.RETURNED)

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.CASCADE, related_name="reports"
    )
    project = models.ForeignKey(
        "plans.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="reports"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    narrative = models.TextField(_("progress in this period"), blank=True)
    percent_done = models.PositiveSmallIntegerField(
        _("Percent done"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("How much of the whole project is done, 0–100."),
    )
    problems = models.TextField(_("problems and help needed"), blank=True)
    submissions = models.PositiveIntegerField(_("submissions"), default=0, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-round__starts_on", "project__code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "project"],
                name="progress_report_unique",
                violation_error_message=_("The project already has a report for this round."),
            ),
            models.CheckConstraint(
                condition=Q(percent_done__isnull=True) | Q(percent_done__lte=100),
                name="progress_report_percent_range",
            ),
        ]
        indexes = [models.Index(fields=["project", "status"], name="report_project_status_idx")]

    def __str__(self) -> str:
        return f"{self.project} · {self.round.label}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("report-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """The lead may still change it: not yet submitted, or returned for changes."""
        return self.status in self.PENDING_STATUSES

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.ACCEPTED


class ReportExecution(models.Model):
    """The amount a report says was executed in its period on one of the project's budget lines."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("progress report"), on_delete=models.CASCADE, related_name="executions"
    )
    budget_line = models.ForeignKey(
        "plans.BudgetLine", verbose_name=_("budget line"), on_delete=models.CASCADE, related_name="executions"
    )
    amount = models.PositiveBigIntegerField(_("executed in the period (KRW)"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("executed amount")
        verbose_name_plural = _("executed amounts")
        ordering = ["report", "budget_line__year", "budget_line__source"]
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="report_execution_unique")
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {self.amount}"


class ReportContribution(models.Model):
    """A participating institution's part of a progress report."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    institution = models.ForeignKey(
        "members.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("our part"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant's part")
        verbose_name_plural = _("participants' parts")
        ordering = ["report", "institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "institution"], name="report_contribution_unique")
        ]

    def __str__(self) -> str:
        return f"{self.institution} · {self.report}"


class ReportActionAnswer(models.Model):
    """How a progress report answers an open follow-up action linked to its project."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="action_answers",
    )
    action_item = models.ForeignKey(
        "meetings.ActionItem", verbose_name=_("follow-up action"), on_delete=models.CASCADE, related_name="+"
    )
    answer = models.TextField(_("answer"))

    class Meta:
        verbose_name = _("answer to a follow-up action")
        verbose_name_plural = _("answers to follow-up actions")
        ordering = ["report", "action_item_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "action_item"], name="report_action_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} → {self.action_item}"
