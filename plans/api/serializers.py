"""API representations of plans and progress reporting. No side effects: writes go through the services."""

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from council.api.serializers import PortalModelSerializer, RowSerializer, ScopedModelSerializer, limit_choices
from council.permissions import councils_visible_to
from plans.models import (
    BudgetLine,
    Indicator,
    Plan,
    PlanTask,
    ProgressReport,
    Project,
    Strategy,
)
from plans.permissions import plans_visible_to, project_institutions, projects_visible_to


class PlanSerializer(ScopedModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    planned_total = serializers.IntegerField(read_only=True)
    executed_total = serializers.IntegerField(read_only=True)
    project_count = serializers.IntegerField(read_only=True)
    decided_at_meeting = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            "council",
            "title",
            "vision",
            "description",
            "figures_note",
            "start_year",
            "end_year",
            "stated_total",
            "planned_total",
            "executed_total",
            "project_count",
            "status",
            "status_display",
            "version",
            "revision_open",
            "cadence",
            "decided_by",
            "decided_at_meeting",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "version", "revision_open", "decided_by", "created_at", "updated_at"]
        extra_kwargs: dict[str, dict[str, Any]] = {"title": {"validators": []}}
        validators: list[Any] = []

    scoped_fields = {"council": councils_visible_to}
    fixed_fields = ("council",)

    def get_decided_at_meeting(self, plan: Plan) -> str | None:
        item = plan.decided_by
        return str(item.meeting) if item is not None else None


class PlanDecisionSerializer(serializers.Serializer):
    agenda_item = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class StrategySerializer(ScopedModelSerializer):
    class Meta:
        model = Strategy
        fields = ["id", "plan", "code", "title", "description", "order"]
        validators: list[Any] = []

    scoped_fields = {"plan": plans_visible_to}
    fixed_fields = ("plan",)


class PlanTaskSerializer(ScopedModelSerializer):
    class Meta:
        model = PlanTask
        fields = ["id", "plan", "strategy", "code", "title", "description", "order"]
        read_only_fields = ["plan"]
        validators: list[Any] = []

    scoped_fields = {"strategy": lambda user: Strategy.objects.filter(plan__in=plans_visible_to(user))}


class ParticipationSerializer(serializers.Serializer):
    institution = serializers.IntegerField(source="institution_id")
    institution_name = serializers.CharField(source="institution.name")
    role = serializers.CharField()
    share = serializers.DecimalField(max_digits=5, decimal_places=2)


class ProjectSerializer(ScopedModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    lead_institution_name = serializers.CharField(source="lead_institution.name", read_only=True)
    strategy = serializers.IntegerField(source="task.strategy_id", read_only=True)
    planned_total = serializers.IntegerField(read_only=True)
    executed_total = serializers.IntegerField(read_only=True)
    percent_done = serializers.IntegerField(source="percent", read_only=True, allow_null=True)
    participants = ParticipationSerializer(source="participations", many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "plan",
            "strategy",
            "task",
            "code",
            "title",
            "lead_institution",
            "lead_institution_name",
            "lead_role",
            "participants",
            "start_on",
            "end_on",
            "status",
            "status_display",
            "description",
            "is_example",
            "planned_total",
            "executed_total",
            "percent_done",
            "agreements",
            "action_items",
            "decisions",
        ]
        # Links to agreements, actions and decisions are made on the project's links page.
        read_only_fields = ["plan", "agreements", "action_items", "decisions"]
        validators: list[Any] = []

    scoped_fields = {"task": lambda user: PlanTask.objects.filter(plan__in=plans_visible_to(user))}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.request_user
        if user is not None:
            # A lead that has since closed may stay on the project it leads.
            lead_id = self.instance.lead_institution_id if isinstance(self.instance, Project) else None
            limit_choices(self.fields["lead_institution"], project_institutions(user, keep_id=lead_id))


class BudgetLineSerializer(ScopedModelSerializer):
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    plan = serializers.IntegerField(source="project.plan_id", read_only=True)

    class Meta:
        model = BudgetLine
        fields = ["id", "plan", "project", "year", "source", "source_display", "planned", "executed", "note"]
        read_only_fields = ["executed"]
        validators: list[Any] = []

    scoped_fields = {"project": projects_visible_to}
    fixed_fields = ("project",)


class IndicatorSerializer(ScopedModelSerializer):
    targets = serializers.DictField(
        child=serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True),
        required=False,
        write_only=True,
        help_text='Targets by year, e.g. {"2024": "120"}; null removes a year\'s target.',
    )

    class Meta:
        model = Indicator
        fields = ["id", "project", "name", "unit", "baseline", "description", "order", "targets"]
        validators: list[Any] = []

    scoped_fields = {"project": projects_visible_to}
    fixed_fields = ("project",)

    def to_representation(self, instance: Indicator) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["targets"] = {str(target.year): str(target.value) for target in instance.targets.all()}
        return data

    def validate_targets(self, value: dict[str, Decimal | None]) -> dict[int, Decimal | None]:
        try:
            return {int(year): amount for year, amount in value.items()}
        except ValueError as error:
            raise serializers.ValidationError("Years are four-digit numbers.") from error


class ExecutionSerializer(RowSerializer):
    budget_line = serializers.IntegerField(source="budget_line_id")
    amount = serializers.IntegerField(min_value=0)


class ActualSerializer(RowSerializer):
    id = serializers.IntegerField(read_only=True)
    indicator = serializers.IntegerField(source="indicator_id")
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    verified_at = serializers.DateTimeField(read_only=True, allow_null=True)


class AnswerSerializer(RowSerializer):
    action_item = serializers.IntegerField(source="action_item_id")
    answer = serializers.CharField(allow_blank=True)


class ProgressReportSerializer(PortalModelSerializer):
    round_label = serializers.CharField(source="round.label", read_only=True)
    year = serializers.IntegerField(source="round.year", read_only=True)
    due_on = serializers.DateField(source="round.due_on", read_only=True)
    plan = serializers.IntegerField(source="round.plan_id", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    executions = ExecutionSerializer(many=True, required=False)
    actuals = ActualSerializer(many=True, required=False)
    answers = AnswerSerializer(many=True, required=False, source="action_answers")

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "plan",
            "round",
            "round_label",
            "year",
            "due_on",
            "project",
            "status",
            "status_display",
            "narrative",
            "percent_done",
            "problems",
            "executions",
            "actuals",
            "answers",
            "submissions",
            "submitted_at",
            "reviewed_at",
            "review_comment",
        ]
        read_only_fields = [
            "round",
            "project",
            "status",
            "submissions",
            "submitted_at",
            "reviewed_at",
            "review_comment",
        ]


class ReportReviewSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class ContributionSerializer(serializers.Serializer):
    institution = serializers.IntegerField()
    text = serializers.CharField(allow_blank=True)


class VerifySerializer(serializers.Serializer):
    actual = serializers.IntegerField()
