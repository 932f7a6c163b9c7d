"""API of plans and progress reporting. Querysets are scoped to the user first (404 outside them);
every write calls the same service as the pages, which checks the role (403) and validates (400)."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from council.api.caching import CachedListMixin
from council.api.rules import actor_of
from council.permissions import manages_a_council
from council.web.page_cache import Clock
from members.models import Institution
from plans import permissions, services
from plans.api.serializers import (
    BudgetLineSerializer,
    ContributionSerializer,
    IndicatorSerializer,
    PlanDecisionSerializer,
    PlanSerializer,
    PlanTaskSerializer,
    ProgressReportSerializer,
    ProjectSerializer,
    ReopenSerializer,
    ReportReviewSerializer,
    StrategySerializer,
    VerifySerializer,
)
from plans.filters import (
    BudgetLineFilter,
    IndicatorFilter,
    PlanFilter,
    PlanScopeFilter,
    PlanTaskFilter,
    ProjectFilter,
    ReportFilter,
    StrategyFilter,
)
from plans.models import (
    BudgetLine,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    Participation,
    Plan,
    PlanTask,
    ProgressReport,
    Project,
    ReportActionAnswer,
    ReportExecution,
    Strategy,
)
from plans.selectors import lists
from plans.selectors.figures import figures_cached
from plans.selectors.summary import plan_summary
from plans.services import ActualInput

# What changes a part of a plan: its secretariat's work, like the plan itself.
PART_ACTIONS = ("update", "partial_update", "destroy")


class PlanViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Multi-year plans. `summary` gives totals by strategy, year and funding source, progress and KPIs."""

    list_clock = Clock.DAY

    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    collection_rules = {"create": manages_a_council}
    object_rules = dict.fromkeys(
        ("update", "partial_update", "approve", "revise", "open_revision"), permissions.can_manage_plan
    )
    ordering_fields = ["start_year", "title"]

    def get_queryset(self) -> QuerySet[Plan]:
        return lists.plan_list(user=self.request.user)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        council = data.pop("council")
        plan = services.plan_create(actor=actor_of(self.request), council=council, **data)
        serializer.instance = self.get_queryset().get(pk=plan.pk)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Plan)
        data = dict(serializer.validated_data)
        data.pop("council", None)
        plan = services.plan_update(actor=actor_of(self.request), plan=serializer.instance, **data)
        serializer.instance = self.get_queryset().get(pk=plan.pk)

    def _decide(self, request: Request, *, revision: bool) -> Response:
        plan = self.get_object()
        payload = PlanDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        # Only the items that can decide this plan: another council's items are not even named.
        item = lists.deciding_items(plan=plan).filter(pk=payload.validated_data["agenda_item"]).first()
        if item is None:
            raise ValidationError({"agenda_item": ["Unknown agenda item."]})
        change = services.plan_revise if revision else services.plan_approve
        change(actor=actor_of(request), plan=plan, agenda_item=item, note=payload.validated_data["note"])
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=PlanDecisionSerializer, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """Record the council's approval of a draft plan by the deciding agenda item."""
        return self._decide(request, revision=False)

    @extend_schema(request=PlanDecisionSerializer, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str | None = None) -> Response:
        """Record a revision the council approved; `note` says what changed."""
        return self._decide(request, revision=True)

    @extend_schema(request=None, responses=PlanSerializer)
    @action(detail=True, methods=["post"], url_path="open-revision")
    def open_revision(self, request: Request, pk: str | None = None) -> Response:
        """Open a revision of an adopted plan: its structure, budgets and KPIs may change until the
        revision is recorded (`revise`). Outside a revision, changes to an adopted plan answer 400."""
        plan = services.plan_revision_open(actor=actor_of(request), plan=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="Budget lines of this year; projects running in it."),
            OpenApiParameter("strategy", int, description="A strategy of the plan."),
            OpenApiParameter("task", int, description="A task of the plan."),
            OpenApiParameter("lead", int, description="A lead institution of the plan's projects."),
        ],
        responses={200: OpenApiResponse(description="Totals by strategy, year and source; progress; KPIs")},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def summary(self, request: Request, pk: str | None = None) -> Response:
        """Planned and executed sums by strategy, year and funding source (whole won), weighted progress,
        late and stalled projects and KPI achievement; filter with year, strategy, task and lead.
        `difference_from_stated` compares with the plan's stated total, so it is null once filtered."""
        plan = get_object_or_404(permissions.plans_visible_to(request.user), pk=pk)
        filterset = PlanScopeFilter(
            request.query_params, queryset=Project.objects.none(), plan=plan, request=request
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        scope = filterset.scope()
        summary = figures_cached(
            plan=plan, part="summary", scope=scope, compute=lambda: plan_summary(scope=scope)
        )
        return Response(summary)


class StrategyViewSet(viewsets.ModelViewSet):
    """Strategies of the plans the user may see; the plan's secretariat changes them."""

    serializer_class = StrategySerializer
    filterset_class = StrategyFilter
    collection_rules = {"create": manages_a_council}
    object_rules = dict.fromkeys(
        PART_ACTIONS, lambda user, strategy: permissions.can_manage_plan(user, strategy.plan)
    )

    def get_queryset(self) -> QuerySet[Strategy]:
        return Strategy.objects.filter(plan__in=permissions.plans_visible_to(self.request.user)).order_by(
            "plan", "order", "id"
        )

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.strategy_create(
            actor=actor_of(self.request), plan=data.pop("plan"), **data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Strategy)
        data = dict(serializer.validated_data)
        data.pop("plan", None)
        serializer.instance = services.strategy_update(
            actor=actor_of(self.request), strategy=serializer.instance, **data
        )

    def perform_destroy(self, instance: Strategy) -> None:
        services.strategy_delete(actor=actor_of(self.request), strategy=instance)


class PlanTaskViewSet(viewsets.ModelViewSet):
    """Tasks (추진과제) under the strategies; the plan is the strategy's."""

    serializer_class = PlanTaskSerializer
    filterset_class = PlanTaskFilter
    collection_rules = {"create": manages_a_council}
    object_rules = dict.fromkeys(
        PART_ACTIONS, lambda user, task: permissions.can_manage_plan(user, task.plan)
    )

    def get_queryset(self) -> QuerySet[PlanTask]:
        return PlanTask.objects.filter(plan__in=permissions.plans_visible_to(self.request.user)).order_by(
            "plan", "order", "id"
        )

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        strategy: Strategy = data["strategy"]
        serializer.instance = services.plan_task_create(
            actor=actor_of(self.request), plan=strategy.plan, **data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, PlanTask)
        serializer.instance = services.plan_task_update(
            actor=actor_of(self.request), task=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: PlanTask) -> None:
        services.plan_task_delete(actor=actor_of(self.request), task=instance)


class ProjectViewSet(CachedListMixin, viewsets.ModelViewSet):
    """Key projects with their lead, participants, planned and executed sums and latest accepted % done."""

    list_clock = Clock.DAY

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    collection_rules = {"create": manages_a_council}
    object_rules = dict.fromkeys(
        PART_ACTIONS, lambda user, project: permissions.can_manage_plan(user, project.plan)
    )
    ordering_fields = ["code", "end_on", "start_on"]

    def get_queryset(self) -> QuerySet[Project]:
        return lists.project_list(user=self.request.user).prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("institution")),
            "agreements",
            "action_items",
            "decisions",
        )

    def _reload(self, project: Project) -> Project:
        return self.get_queryset().get(pk=project.pk)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        task: PlanTask = data["task"]
        project = services.project_create(actor=actor_of(self.request), plan=task.plan, **data)
        serializer.instance = self._reload(project)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Project)
        project = services.project_update(
            actor=actor_of(self.request), project=serializer.instance, **serializer.validated_data
        )
        serializer.instance = self._reload(project)

    def perform_destroy(self, instance: Project) -> None:
        services.project_delete(actor=actor_of(self.request), project=instance)


class BudgetLineViewSet(viewsets.ModelViewSet):
    """Budget lines in whole won. `executed` is the sum of accepted reports and cannot be written."""

    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilter
    collection_rules = {"create": manages_a_council}
    object_rules = dict.fromkeys(
        PART_ACTIONS, lambda user, line: permissions.can_manage_plan(user, line.project.plan)
    )
    ordering_fields = ["year", "planned", "executed"]

    def get_queryset(self) -> QuerySet[BudgetLine]:
        return (
            BudgetLine.objects.filter(project__in=permissions.projects_visible_to(self.request.user))
            .select_related("project")
            .order_by("project__plan_id", "project__code", "year", "source")
        )

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.budget_line_create(
            actor=actor_of(self.request), project=data.pop("project"), **data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, BudgetLine)
        data = dict(serializer.validated_data)
        data.pop("project", None)
        serializer.instance = services.budget_line_update(
            actor=actor_of(self.request), line=serializer.instance, **data
        )

    def perform_destroy(self, instance: BudgetLine) -> None:
        services.budget_line_delete(actor=actor_of(self.request), line=instance)


class IndicatorViewSet(viewsets.ModelViewSet):
    """KPIs of projects with their yearly targets (`targets`: {"2024": "120.00"})."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    collection_rules = {"create": manages_a_council}
    object_rules = dict.fromkeys(
        PART_ACTIONS, lambda user, indicator: permissions.can_manage_plan(user, indicator.project.plan)
    )

    def get_queryset(self) -> QuerySet[Indicator]:
        return (
            Indicator.objects.filter(project__in=permissions.projects_visible_to(self.request.user))
            .prefetch_related(Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")))
            .order_by("project_id", "order", "id")
        )

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        project = data.pop("project")
        targets = {year: value for year, value in data.pop("targets", {}).items() if value is not None}
        serializer.instance = services.indicator_create(
            actor=actor_of(self.request), project=project, targets=targets, **data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Indicator)
        data = dict(serializer.validated_data)
        data.pop("project", None)
        targets = data.pop("targets", None)
        serializer.instance = services.indicator_update(
            actor=actor_of(self.request), indicator=serializer.instance, targets=targets, **data
        )

    def perform_destroy(self, instance: Indicator) -> None:
        services.indicator_delete(actor=actor_of(self.request), indicator=instance)


class ProgressReportViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Progress reports. The lead institution updates and submits; participants add their part;
    officials accept or return and verify KPI actuals; the secretariat reopens accepted ones."""

    list_clock = Clock.DAY

    serializer_class = ProgressReportSerializer
    filterset_class = ReportFilter
    object_rules = {
        **dict.fromkeys(("update", "partial_update", "submit"), permissions.writes_report),
        **dict.fromkeys(
            ("accept", "return_", "verify"),
            lambda user, report: permissions.reviews_plan(user, report.round.plan),
        ),
        "reopen": lambda user, report: permissions.can_manage_plan(user, report.round.plan),
        "contribute": lambda user, report: bool(permissions.participating_institution_ids(user, report)),
    }
    ordering_fields = ["round__ends_on", "project__code"]

    def get_queryset(self) -> QuerySet[ProgressReport]:
        return lists.report_list(user=self.request.user).prefetch_related(
            Prefetch("executions", queryset=ReportExecution.objects.order_by("budget_line_id")),
            Prefetch("actuals", queryset=IndicatorActual.objects.order_by("indicator_id")),
            Prefetch("action_answers", queryset=ReportActionAnswer.objects.order_by("action_item_id")),
        )

    def _respond(self, report: ProgressReport) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        report = serializer.instance
        assert isinstance(report, ProgressReport)
        data = serializer.validated_data
        services.report_save(
            actor=actor_of(self.request),
            report=report,
            narrative=data.get("narrative", report.narrative),
            percent_done=data.get("percent_done", report.percent_done),
            problems=data.get("problems", report.problems),
            executions={row["budget_line_id"]: row["amount"] for row in data.get("executions", [])},
            actuals={
                row["indicator_id"]: ActualInput(value=row["value"], note=row.get("note", ""))
                for row in data.get("actuals", [])
            },
            answers={row["action_item_id"]: row["answer"] for row in data.get("action_answers", [])},
        )
        serializer.instance = self.get_queryset().get(pk=report.pk)

    @extend_schema(request=None, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._respond(services.report_submit(actor=actor_of(request), report=self.get_object()))

    @extend_schema(request=ReportReviewSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        payload = ReportReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = services.report_accept(
            actor=actor_of(request), report=report, comment=payload.validated_data["comment"]
        )
        return self._respond(report)

    @extend_schema(request=ReportReviewSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        payload = ReportReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = services.report_return(
            actor=actor_of(request), report=report, comment=payload.validated_data["comment"]
        )
        return self._respond(report)

    @extend_schema(request=ReopenSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        payload = ReopenSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = services.report_reopen(
            actor=actor_of(request), report=report, reason=payload.validated_data["reason"]
        )
        return self._respond(report)

    @extend_schema(request=ContributionSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def contribute(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        payload = ContributionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        institution = get_object_or_404(Institution, pk=payload.validated_data["institution"])
        services.report_contribute(
            actor=actor_of(request),
            report=report,
            institution=institution,
            text=payload.validated_data["text"],
        )
        return self._respond(report)

    @extend_schema(request=VerifySerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        """Verify one KPI actual of the (accepted) report."""
        report = self.get_object()
        payload = VerifySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        actual = get_object_or_404(IndicatorActual, pk=payload.validated_data["actual"], report=report)
        services.indicator_actual_verify(actor=actor_of(request), actual=actual)
        return self._respond(report)
