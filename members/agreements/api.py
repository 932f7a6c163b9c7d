"""API of the members app. Querysets are scoped to the user first; writes call the services."""

from typing import Any

from django.db.models import QuerySet
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
from council.permissions import manages_a_council
from council.web.page_cache import Clock
from members.agreements import permissions as rules
from members.agreements import services
from members.agreements.filters import AgreementFilter
from members.agreements.selectors import agreement_list
from members.agreements.serializers import AgreementSerializer
from members.models import (
    Agreement,
)


class AgreementViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Agreements between institutions; those of published councils are readable without logging in."""

    list_clock = Clock.DAY

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    permission_classes = READABLE_BY_ALL
    collection_rules = {"create": manages_a_council}
    object_rules = dict.fromkeys(("update", "partial_update", "documents"), rules.can_change_agreement)
    ordering_fields = ["signed_on", "valid_until", "title"]

    def get_queryset(self) -> QuerySet[Agreement]:
        return agreement_list(user=self.request.user).prefetch_related("documents")

    def _fresh(self, agreement: Agreement) -> Agreement:
        # The saved agreement, read again: its prefetched practices are not cleared by the write.
        return self.get_queryset().get(pk=agreement.pk)

    def _relations(self, data: dict[str, Any]) -> dict[str, Any]:
        relations: dict[str, Any] = {}
        for name in ("parties", "best_practices"):
            if name in data:
                relations[name] = list(data.pop(name))
        if "areas" in data:
            relations["areas"] = data.pop("areas")
        return relations

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        council = data.pop("council")
        relations = self._relations(data)
        relations.setdefault("parties", [])
        relations.setdefault("areas", [])
        agreement = services.agreement_create(
            actor=actor_of(self.request), council=council, **relations, **data
        )
        serializer.instance = self._fresh(agreement)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("council", None)
        relations = self._relations(data)
        assert isinstance(serializer.instance, Agreement)
        agreement = services.agreement_update(
            actor=actor_of(self.request), agreement=serializer.instance, **relations, **data
        )
        serializer.instance = self._fresh(agreement)

    @extend_schema(request={"multipart/form-data": UploadSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        payload = UploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.agreement_attach(
            actor=actor_of(request), agreement=agreement, upload=payload.validated_data["file"]
        )
        return Response(self.get_serializer(self._fresh(agreement)).data)
