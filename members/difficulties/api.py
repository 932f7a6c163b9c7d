"""API of the members app. Querysets are scoped to the user first; writes call the services."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from council.api.caching import CachedListMixin
from council.api.documents import request_files
from council.api.rules import actor_of
from council.filters import parse_id
from council.web.page_cache import Clock
from members.difficulties import permissions as rules
from members.difficulties import services
from members.difficulties.filters import DifficultyFilter
from members.difficulties.selectors import difficulty_figures, difficulty_figures_council, difficulty_list
from members.difficulties.serializers import (
    AssignSerializer,
    DifficultyDetailSerializer,
    DifficultyFiguresSerializer,
    DifficultySerializer,
    MessageSerializer,
    StatusSerializer,
)
from members.models import (
    Difficulty,
    DifficultyEvent,
)
from members.submissions import can_submit_somewhere


class DifficultyViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Difficulties and suggestions, with their thread. Never public.

    Contacts raise them (`council`, `institution`, ...) and `comment`; the secretariat `assign`s
    them with an answer due date and changes their `status`; the secretariat and the assigned
    institution `answer`. `figures` counts them for a council (secretariat and officials).
    """

    list_clock = Clock.DAY

    filterset_class = DifficultyFilter
    ordering_fields = ["created_at", "answer_due", "status"]
    collection_rules = {"create": can_submit_somewhere}
    object_rules = {
        "update": rules.can_edit_difficulty,
        "partial_update": rules.can_edit_difficulty,
        "assign": rules.can_assign_difficulty,
        "answer": rules.can_answer_difficulty,
        "comment": rules.can_comment_difficulty,
        "status": lambda user, difficulty: bool(rules.difficulty_transitions(user, difficulty)),
    }

    def get_queryset(self) -> QuerySet[Difficulty]:
        queryset = difficulty_list(user=self.request.user)
        if self.action != "list":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "events",
                    queryset=DifficultyEvent.objects.select_related(
                        "author", "author_institution", "assignee"
                    ),
                ),
                "attachments",
            )
        return queryset

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return DifficultySerializer if self.action == "list" else DifficultyDetailSerializer

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.difficulty_raise(
            actor=actor_of(self.request),
            council=data.pop("council"),
            institution=data.pop("institution"),
            **data,
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("council", None)
        data.pop("institution", None)
        assert isinstance(serializer.instance, Difficulty)
        serializer.instance = services.difficulty_update(
            actor=actor_of(self.request), difficulty=serializer.instance, **data
        )

    def _fresh(self, difficulty: Difficulty) -> Response:
        return Response(
            DifficultyDetailSerializer(
                self.get_queryset().get(pk=difficulty.pk), context=self.get_serializer_context()
            ).data
        )

    @extend_schema(request=AssignSerializer, responses=DifficultyDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        difficulty = self.get_object()
        payload = AssignSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        services.difficulty_assign(actor=actor_of(request), difficulty=difficulty, **payload.validated_data)
        return self._fresh(difficulty)

    @extend_schema(request=MessageSerializer, responses=DifficultyDetailSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        difficulty = self.get_object()
        payload = MessageSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.difficulty_answer(
            actor=actor_of(request),
            difficulty=difficulty,
            body=payload.validated_data["body"],
            documents=request_files(request),
        )
        return self._fresh(difficulty)

    @extend_schema(request=MessageSerializer, responses=DifficultyDetailSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser])
    def comment(self, request: Request, pk: str | None = None) -> Response:
        difficulty = self.get_object()
        payload = MessageSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.difficulty_comment(
            actor=actor_of(request),
            difficulty=difficulty,
            body=payload.validated_data["body"],
            documents=request_files(request),
        )
        return self._fresh(difficulty)

    @extend_schema(request=StatusSerializer, responses=DifficultyDetailSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        difficulty = self.get_object()
        payload = StatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.difficulty_set_status(
            actor=actor_of(request), difficulty=difficulty, **payload.validated_data
        )
        return self._fresh(difficulty)

    @extend_schema(
        parameters=[OpenApiParameter("council", int, required=True)], responses=DifficultyFiguresSerializer
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def figures(self, request: Request) -> Response:
        council_id = parse_id(request.query_params.get("council"))
        if council_id is None:
            raise ValidationError({"council": [_("Give the council's id.")]})
        council = difficulty_figures_council(user=request.user, pk=council_id)
        return Response(DifficultyFiguresSerializer(difficulty_figures(council=council)).data)
