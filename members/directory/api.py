"""API of the members app. Querysets are scoped to the user first; writes call the services."""

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from council.api.caching import CachedListMixin
from council.api.rules import READABLE_BY_ALL, actor_of
from council.permissions import councils_visible_to, manages_a_council
from council.selectors import request_council
from council.web.page_cache import Clock
from members.directory import permissions as rules
from members.directory import services
from members.directory.filters import InstitutionFilter, MembershipFilter, PersonFilter
from members.directory.selectors import institution_list, membership_list, person_list
from members.directory.serializers import InstitutionSerializer, MembershipSerializer, PersonSerializer
from members.models import (
    Institution,
    Membership,
    Person,
)


class InstitutionViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Institutions in the directory. Created institutions are registered to the `council` given."""

    list_clock = Clock.DAY

    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilter
    collection_rules = {"create": rules.can_create_institution}
    object_rules = {
        # The institution's contacts may send its contact details; the service refuses the rest.
        "update": rules.can_update_institution_contact_details,
        "partial_update": rules.can_update_institution_contact_details,
        "deactivate": rules.can_change_institution,
    }
    ordering_fields = ["name", "created_at"]
    ordering = ["name"]

    def get_queryset(self) -> QuerySet[Institution]:
        return institution_list(user=self.request.user).order_by("name")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = self.request.data
        council_id = self.request.query_params.get("council") or (
            data.get("council") if isinstance(data, dict) else None
        )
        council = (
            get_object_or_404(councils_visible_to(self.request.user), pk=council_id)
            if council_id
            else request_council(self.request._request)
        )
        serializer.instance = services.institution_create(
            actor=actor_of(self.request), council=council, **serializer.validated_data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Institution)
        serializer.instance = services.institution_update(
            actor=actor_of(self.request), institution=serializer.instance, **serializer.validated_data
        )

    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        institution = services.institution_set_active(
            actor=actor_of(request), institution=self.get_object(), active=False
        )
        return Response(self.get_serializer(institution).data)


class PersonViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """People; e-mail and phone are null where the caller may not see them."""

    list_clock = Clock.DAY

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    collection_rules = {"create": lambda user: rules.can_create_person(user, None)}
    object_rules = {
        # The person and their institution's contacts may send title, e-mail and phone.
        "update": rules.can_update_person_contact_details,
        "partial_update": rules.can_update_person_contact_details,
        "deactivate": rules.can_change_person,
    }
    ordering_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self) -> QuerySet[Person]:
        return person_list(user=self.request.user).order_by("name")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = services.person_create(
            actor=actor_of(self.request), **serializer.validated_data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Person)
        serializer.instance = services.person_update(
            actor=actor_of(self.request), person=serializer.instance, **serializer.validated_data
        )

    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        person = services.person_set_active(actor=actor_of(request), person=self.get_object(), active=False)
        return Response(self.get_serializer(person).data)


class MembershipViewSet(CachedListMixin, viewsets.ModelViewSet):
    """Council seats. Published councils' seats are readable without logging in."""

    list_clock = Clock.DAY

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    permission_classes = READABLE_BY_ALL
    collection_rules = {"create": manages_a_council}
    object_rules = dict.fromkeys(
        ("update", "partial_update", "destroy"),
        lambda user, membership: rules.can_manage_memberships(user, membership.council),
    )
    ordering_fields = ["term_end", "term_start", "role"]

    def get_queryset(self) -> QuerySet[Membership]:
        return membership_list(user=self.request.user)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        council = data.pop("council")
        serializer.instance = services.membership_create(
            actor=actor_of(self.request), council=council, **data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("council", None)
        assert isinstance(serializer.instance, Membership)
        serializer.instance = services.membership_update(
            actor=actor_of(self.request), membership=serializer.instance, **data
        )

    def perform_destroy(self, instance: Membership) -> None:
        services.membership_delete(actor=actor_of(self.request), membership=instance)
