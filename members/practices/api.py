"""API of the members app. Querysets are scoped to the user first; writes call the services."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from council.api.caching import CachedListMixin
from council.api.documents import UploadSerializer
from council.api.rules import READABLE_BY_ALL, actor_of
from council.api.serializers import CommentSerializer
from council.web.page_cache import Clock
from members.models import (
    BestPractice,
    BestPracticeStep,
)
from members.practices import permissions as rules
from members.practices import services
from members.practices.filters import BestPracticeFilter
from members.practices.selectors import best_practice_list
from members.practices.serializers import BestPracticeReviewSerializer, BestPracticeSerializer
from members.submissions import can_submit_somewhere


class BestPracticeViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Best practices. Published ones of published councils are readable without logging in.

    Contacts write drafts for their institution, `submit` them; the secretariat `review`s them
    (publish, or return with a comment) and may `unpublish` one. Only drafts can be deleted.
    """

    list_clock = Clock.DAY

    serializer_class = BestPracticeSerializer
    filterset_class = BestPracticeFilter
    permission_classes = READABLE_BY_ALL
    collection_rules = {"create": can_submit_somewhere}
    object_rules = {
        "update": rules.can_edit_best_practice,
        "partial_update": rules.can_edit_best_practice,
        "documents": rules.can_edit_best_practice,
        "destroy": rules.can_delete_best_practice,
        "submit": rules.can_submit_best_practice,
        "review": rules.can_review_best_practice,
        "unpublish": rules.can_unpublish_best_practice,
    }
    ordering_fields = ["published_at", "updated_at", "title"]

    def get_queryset(self) -> QuerySet[BestPractice]:
        return best_practice_list(user=self.request.user).prefetch_related(
            "documents", Prefetch("steps", queryset=BestPracticeStep.objects.select_related("actor"))
        )

    def _relations(self, data: dict[str, Any]) -> dict[str, Any]:
        relations: dict[str, Any] = {}
        if "partners" in data:
            relations["partners"] = list(data.pop("partners"))
        if "figures" in data:
            relations["figures"] = data.pop("figures")
        return relations

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        council = data.pop("council")
        relations = self._relations(data)
        serializer.instance = services.best_practice_create(
            actor=actor_of(self.request), council=council, **relations, **data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("council", None)
        relations = self._relations(data)
        assert isinstance(serializer.instance, BestPractice)
        serializer.instance = services.best_practice_update(
            actor=actor_of(self.request), practice=serializer.instance, **relations, **data
        )

    def perform_destroy(self, instance: BestPractice) -> None:
        services.best_practice_delete(actor=actor_of(self.request), practice=instance)

    def _fresh(self, practice: BestPractice) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=practice.pk)).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        practice = services.best_practice_submit(actor=actor_of(request), practice=self.get_object())
        return self._fresh(practice)

    @extend_schema(request=BestPracticeReviewSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        practice = self.get_object()
        payload = BestPracticeReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        practice = services.best_practice_review(
            actor=actor_of(request),
            practice=practice,
            publish=payload.validated_data["decision"] == "publish",
            comment=payload.validated_data.get("comment", ""),
        )
        return self._fresh(practice)

    @extend_schema(request=CommentSerializer)
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        practice = self.get_object()
        payload = CommentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        practice = services.best_practice_unpublish(
            actor=actor_of(request), practice=practice, comment=payload.validated_data["comment"]
        )
        return self._fresh(practice)

    @extend_schema(request={"multipart/form-data": UploadSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        practice = self.get_object()
        payload = UploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.best_practice_attach(
            actor=actor_of(request), practice=practice, upload=payload.validated_data["file"]
        )
        return self._fresh(practice)
