from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Project(models.Model):
    """A key project (핵심사업) under a plan task, led by one institution with participants."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        SUSPENDED = "suspended", _("suspended")

    # Still under way: it gets a report each round and counts as stalled without an accepted one.
    RUNNING_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="projects"
    )
    task = models.ForeignKey(
        "plans.PlanTask", verbose_name=_("task"), on_delete=models.PROTECT, related_name="projects"
    )
    code = models.CharField(_("project code"), max_length=30, help_text=_("Unique in the plan, e.g. 1-2-03."))
    title = models.CharField(_("project"), max_length=200)
    lead_institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("lead institution"),
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    lead_role = models.CharField(
        _("lead institution's role"),
        max_length=300,
        blank=True,
        help_text=_("What the lead institution does."),
    )
    start_on = models.DateField(_("starts on"))
    end_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    description = models.TextField(_("description"), blank=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Not named in the plan document: an illustration, marked wherever it is listed."),
    )
    action_items = models.ManyToManyField(
        "meetings.ActionItem",
        verbose_name=_("follow-up actions"),
        through="plans.ProjectActionLink",
        related_name="projects",
        blank=True,
    )
    decisions = models.ManyToManyField(
        "meetings.AgendaItem",
        verbose_name=_("decisions"),
        through="plans.ProjectDecisionLink",
        related_name="projects",
        blank=True,
    )
    agreements = models.ManyToManyField(
        "members.Agreement",
        verbose_name=_("agreements it builds on"),
        related_name="projects",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["plan", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="project_code_unique",
                violation_error_message=_("Another project of this plan has this code."),
            ),
            models.CheckConstraint(
                condition=Q(end_on__gte=F("start_on")),
                name="project_period_order",
                violation_error_message=_("A project cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "task"], name="project_plan_task_idx"),
            models.Index(fields=["lead_institution", "plan"], name="project_lead_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("project-detail", args=[self.pk])

    @property
    def is_late(self) -> bool:
        """The end date has passed and the project is not completed."""
        return self.end_on < timezone.localdate() and self.status != self.Status.COMPLETED

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors: dict[str, Any] = {}
        if self.start_on and self.end_on and self.end_on < self.start_on:
            errors["end_on"] = _("A project cannot end before it starts.")
        if self.task_id and self.plan_id and self.task.plan_id != self.plan_id:
            errors["task"] = _("Choose a task of the same plan.")
        elif self.plan_id and self.start_on and self.end_on:
            plan = self.plan
            if self.start_on.year < plan.start_year or self.end_on.year > plan.end_year:
                errors["end_on"] = _(
                    "The project period must lie within the plan's years (%(start)d–%(end)d)."
                ) % {
                    "start": plan.start_year,
                    "end": plan.end_year,
                }
        if errors:
            raise ValidationError(errors)


class Participation(models.Model):
    """A participating institution of a project, with its role and its share of the budget."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participations"
    )
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("participating institution"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=300, blank=True)
    share = models.DecimalField(
        _("budget share (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("participating institution")
        verbose_name_plural = _("participating institutions")
        ordering = ["project", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "institution"],
                name="participation_unique",
                violation_error_message=_("This institution already takes part in the project."),
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0) & Q(share__lte=100), name="participation_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} · {self.project}"


class ProjectActionLink(models.Model):
    """A meeting's follow-up action that a project answers for; who linked it and when."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="action_links"
    )
    action_item = models.ForeignKey(
        "meetings.ActionItem",
        verbose_name=_("follow-up action"),
        on_delete=models.CASCADE,
        related_name="project_links",
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("linked follow-up action")
        verbose_name_plural = _("linked follow-up actions")
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "action_item"],
                name="project_action_link_unique",
                violation_error_message=_("This action is already linked to the project."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} ← {self.action_item}"


class ProjectDecisionLink(models.Model):
    """A meeting decision (an agenda item's outcome) that concerns a project; who linked it and when."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="decision_links"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="project_links",
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("linked decision")
        verbose_name_plural = _("linked decisions")
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "agenda_item"],
                name="project_decision_link_unique",
                violation_error_message=_("This decision is already linked to the project."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} ← {self.agenda_item}"
