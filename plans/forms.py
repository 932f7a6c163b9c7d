"""Forms of the plan pages; each view hands the cleaned data to one service."""

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from council.files.uploads import DocumentField
from council.web.forms import DateInput, KrdsFormMixin, ServiceModelForm
from meetings.models import ActionItem, AgendaItem
from members.models import Agreement, Institution
from plans.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    Participation,
    Plan,
    PlanTask,
    ProgressReport,
    Project,
    Strategy,
)


class WonField(forms.IntegerField):
    """A whole-won amount; accepts 1,200,000,000 or 1200000000원, refuses negatives and fractions."""

    widget = forms.TextInput

    default_error_messages = {
        "invalid": _("Enter an amount in whole won, e.g. 1,200,000,000."),
        "min_value": _("An amount cannot be negative."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 10**17)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = re.sub(r"[,\s원₩]|KRW", "", value)
        return super().to_python(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        # A text box so that separators can be typed; the keypad still shows digits on phones.
        attrs.pop("step", None)
        attrs.pop("min", None)
        attrs.pop("max", None)
        attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "class": "portal-money"}
        )  # KRDS adds its own
        return attrs

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return f"{value:,}"
        return value


def with_fields(form: forms.BaseForm, extra: dict[str, forms.Field]) -> None:
    """Add fields a form builds from its data before BaseForm copies them, so that KrdsFormMixin
    styles them like the declared ones."""
    declared = getattr(type(form), "base_fields", {})
    setattr(form, "base_fields", {**declared, **extra})  # noqa: B010 - on the instance, not the class


class PlanForm(ServiceModelForm[Plan]):
    stated_total = WonField(
        label=_("Stated total budget (KRW)"),
        help_text=_("The total the plan document states, in whole won; compared with the sum of its lines."),
    )

    class Meta:
        model = Plan
        fields = [
            "title",
            "vision",
            "description",
            "start_year",
            "end_year",
            "stated_total",
            "cadence",
            "figures_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "figures_note": forms.Textarea(attrs={"rows": 2}),
        }


class PlanDecisionForm(KrdsFormMixin, forms.Form):
    """Approve a draft or record a revision: the agenda item that decided it, and what changed."""

    agenda_item = forms.ModelChoiceField(
        label=_("Deciding agenda item"),
        queryset=AgendaItem.objects.none(),
        empty_label=None,
        help_text=_("A deliberation item of this council's meetings that approved the plan."),
    )
    note = forms.CharField(
        label=_("What changed"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, items: QuerySet[AgendaItem], revision: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        field.queryset = items  # type: ignore[attr-defined]
        field.label_from_instance = lambda item: f"{item.meeting} · {item.title}"  # type: ignore[attr-defined]
        self.fields["note"].required = revision


class StrategyForm(ServiceModelForm[Strategy]):
    class Meta:
        model = Strategy
        fields = ["code", "title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PlanTaskForm(ServiceModelForm[PlanTask]):
    class Meta:
        model = PlanTask
        fields = ["strategy", "code", "title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = plan.strategies.order_by("order", "id")  # type: ignore[attr-defined]


class ProjectForm(ServiceModelForm[Project]):
    class Meta:
        model = Project
        fields = [
            "task",
            "code",
            "title",
            "lead_institution",
            "lead_role",
            "start_on",
            "end_on",
            "status",
            "description",
            "is_example",
        ]
        widgets = {
            "start_on": DateInput(),
            "end_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, plan: Plan, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tasks = plan.tasks.select_related("strategy").order_by("strategy__order", "order", "id")
        self.fields["task"].queryset = tasks  # type: ignore[attr-defined]
        self.fields["lead_institution"].queryset = institutions  # type: ignore[attr-defined]


class ParticipationForm(ServiceModelForm[Participation]):
    class Meta:
        model = Participation
        fields = ["institution", "role", "share"]

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]


class BudgetGridForm(KrdsFormMixin, forms.Form):
    """Planned amounts of a project by year (rows) and funding source (columns); empty means no line."""

    def __init__(self, *args: Any, project: Project, lines: list[BudgetLine], **kwargs: Any) -> None:
        self.years = list(range(project.start_on.year, project.end_on.year + 1))
        self.sources = list(FundingSource.choices)
        existing = {(line.year, line.source): line for line in lines}
        grid: dict[str, forms.Field] = {}
        for year in self.years:
            for source, label in self.sources:
                line = existing.get((year, source))
                grid[self.key(year, source)] = WonField(
                    label=f"{year} {label}", required=False, initial=line.planned if line else None
                )
        with_fields(self, grid)
        super().__init__(*args, **kwargs)

    @staticmethod
    def key(year: int, source: str) -> str:
        return f"planned_{year}_{source}"

    def rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (year, [self[self.key(year, source)] for source, _label in self.sources]) for year in self.years
        ]

    def amounts(self) -> dict[tuple[int, str], int | None]:
        return {
            (year, source): self.cleaned_data.get(self.key(year, source))
            for year in self.years
            for source, _label in self.sources
        }


class IndicatorForm(ServiceModelForm[Indicator]):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "description", "order"]

    def __init__(
        self, *args: Any, plan: Plan, targets: dict[int, Decimal] | None = None, **kwargs: Any
    ) -> None:
        self.years = plan.years
        with_fields(
            self,
            {
                f"target_{year}": forms.DecimalField(
                    label=_("Target %(year)d") % {"year": year},
                    required=False,
                    max_digits=14,
                    decimal_places=2,
                    initial=(targets or {}).get(year),
                )
                for year in self.years
            },
        )
        super().__init__(*args, **kwargs)

    def targets(self) -> dict[int, Decimal | None]:
        return {year: self.cleaned_data.get(f"target_{year}") for year in self.years}


class RoundOpenForm(KrdsFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])
    period = forms.TypedChoiceField(label=_("Reporting period"), coerce=int, choices=[])
    due_on = forms.DateField(label=_("Reports due"), widget=DateInput())

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in plan.years]  # type: ignore[attr-defined]
        periods: list[tuple[int, Any]]
        if plan.cadence == Plan.Cadence.QUARTER:
            periods = [(number, _("Q%(number)d") % {"number": number}) for number in range(1, 5)]
        else:
            periods = [(1, _("first half (January–June)")), (2, _("second half (July–December)"))]
        self.fields["period"].choices = periods  # type: ignore[attr-defined]


class ReportForm(KrdsFormMixin, forms.Form):
    """The lead institution's report: narrative, % done, executed amounts, KPI actuals, answers."""

    narrative = forms.CharField(
        label=_("Progress in this period"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    percent_done = forms.IntegerField(
        label=_("Percent done"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("How much of the whole project is done, 0–100."),
    )
    problems = forms.CharField(
        label=_("Problems and help needed"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self,
        *args: Any,
        report: ProgressReport,
        lines: list[BudgetLine],
        indicators: list[Indicator],
        actions: list[ActionItem],
        answers: dict[int, str],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "initial",
            {"narrative": report.narrative, "percent_done": report.percent_done, "problems": report.problems},
        )
        self.lines, self.indicators, self.actions = lines, indicators, actions
        extra: dict[str, forms.Field] = {}
        for line in lines:
            extra[f"exec_{line.pk}"] = WonField(
                label=f"{line.year} {line.get_source_display()}",
                required=False,
                initial=getattr(line, "reported", None),
            )
        for indicator in indicators:
            actual = indicator.report_actuals[0] if indicator.report_actuals else None  # type: ignore[attr-defined]
            extra[f"kpi_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name} ({indicator.unit})",
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=actual.value if actual else None,
            )
            extra[f"kpi_{indicator.pk}_evidence"] = DocumentField(label=_("Evidence"), required=False)
            extra[f"kpi_{indicator.pk}_note"] = forms.CharField(
                label=_("Note"), required=False, max_length=500, initial=actual.note if actual else ""
            )
        for action in actions:
            extra[f"answer_{action.pk}"] = forms.CharField(
                label=action.title,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answers.get(action.pk, ""),
            )
        with_fields(self, extra)
        super().__init__(*args, **kwargs)

    def line_fields(self) -> list[tuple[BudgetLine, forms.BoundField]]:
        return [(line, self[f"exec_{line.pk}"]) for line in self.lines]

    def indicator_fields(
        self,
    ) -> list[tuple[Indicator, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (
                indicator,
                self[f"kpi_{indicator.pk}"],
                self[f"kpi_{indicator.pk}_evidence"],
                self[f"kpi_{indicator.pk}_note"],
            )
            for indicator in self.indicators
        ]

    def action_fields(self) -> list[tuple[ActionItem, forms.BoundField]]:
        return [(action, self[f"answer_{action.pk}"]) for action in self.actions]

    def executions(self) -> dict[int, int]:
        return {
            line.pk: self.cleaned_data[f"exec_{line.pk}"] or 0
            for line in self.lines
            if self.cleaned_data.get(f"exec_{line.pk}") is not None
        }

    def answers(self) -> dict[int, str]:
        return {action.pk: self.cleaned_data.get(f"answer_{action.pk}", "") for action in self.actions}


class ContributionForm(KrdsFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Our part"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("What your institution did in this period. Leave empty to remove your part."),
    )


class ReviewForm(KrdsFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when returning the report: say what should change."),
    )


class ReopenForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why reopen it"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class LinkActionForm(KrdsFormMixin, forms.Form):
    action_item = forms.ModelChoiceField(label=_("Follow-up action"), queryset=ActionItem.objects.none())

    def __init__(self, *args: Any, actions: QuerySet[ActionItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action_item"]
        field.queryset = actions  # type: ignore[attr-defined]
        field.label_from_instance = lambda item: f"{item.meeting.label} · {item.title}"  # type: ignore[attr-defined]


class LinkAgreementForm(KrdsFormMixin, forms.Form):
    agreement = forms.ModelChoiceField(label=_("Agreement"), queryset=Agreement.objects.none())

    def __init__(self, *args: Any, agreements: QuerySet[Agreement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agreement"]
        field.queryset = agreements  # type: ignore[attr-defined]
        field.label_from_instance = lambda agreement: f"{agreement.signed_on:%Y.%m.%d} · {agreement.title}"  # type: ignore[attr-defined]


class LinkDecisionForm(KrdsFormMixin, forms.Form):
    agenda_item = forms.ModelChoiceField(label=_("Decision"), queryset=AgendaItem.objects.none())

    def __init__(self, *args: Any, items: QuerySet[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        field.queryset = items  # type: ignore[attr-defined]
        field.label_from_instance = lambda item: f"{item.meeting.label} · {item.title}"  # type: ignore[attr-defined]
