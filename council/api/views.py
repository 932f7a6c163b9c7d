from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets
from rest_framework.serializers import BaseSerializer

from council import services
from council.api.caching import CachedListMixin
from council.api.rules import READABLE_BY_ALL
from council.api.serializers import CouncilSerializer
from council.filters import CouncilFilter
from council.models import Council
from council.permissions import (
    authenticated_user,
    can_change_council,
    can_create_council,
    councils_visible_to,
)
from council.web.page_cache import Clock


class CouncilViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Councils and working groups. Published councils are readable without logging in."""

    list_clock = Clock.DAY

    serializer_class = CouncilSerializer
    filterset_class = CouncilFilter
    permission_classes = READABLE_BY_ALL
    collection_rules = {"create": can_create_council}
    object_rules = {"update": can_change_council, "partial_update": can_change_council}
    ordering_fields = ["name", "established_on"]
    ordering = ["name"]

    def get_queryset(self) -> QuerySet[Council]:
        return councils_visible_to(self.request.user)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = services.council_create(
            actor=authenticated_user(self.request.user), **serializer.validated_data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Council)
        serializer.instance = services.council_update(
            actor=authenticated_user(self.request.user),
            council=serializer.instance,
            **serializer.validated_data,
        )
