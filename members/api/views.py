"""API of the members app. Querysets are scoped to the user first; writes call the services."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from council.api.rules import READABLE_BY_ALL
from council.filters import parse_id
from council.models import User
from council.permissions import authenticated_user, councils_visible_to, manages_a_council
from council.selectors import request_council
from members import permissions as rules
from members import services
from members.api.serializers import (
    AgreementSerializer,
    AssignSerializer,
    BestPracticeReviewSerializer,
    BestPracticeSerializer,
    CommentSerializer,
    DifficultyDetailSerializer,
    DifficultyFiguresSerializer,
    DifficultySerializer,
    InstitutionSerializer,
    MembershipSerializer,
    MessageSerializer,
    PersonSerializer,
    StatusSerializer,
    UploadSerializer,
)
from members.filters import (
    AgreementFilter,
    BestPracticeFilter,
    DifficultyFilter,
    InstitutionFilter,
    MembershipFilter,
    PersonFilter,
)
from members.models import (
    Agreement,
    BestPractice,
    Difficulty,
    DifficultyEvent,
    Institution,
    Membership,
    Person,
)
from members.selectors import (
    agreement_list,
    best_practice_list,
    difficulty_figures,
    difficulty_figures_council,
    difficulty_list,
    institution_list,
    membership_list,
    person_list,
)


def _actor(request: Request) -> User:
    return authenticated_user(request.user)


class InstitutionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Institutions in the directory. Created institutions are registered to the `council` given."""

    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilter
    collection_rules = {"create": rules.can_create_institution}
    object_rules = {
        "update": rules.can_change_institution,
        "partial_update": rules.can_change_institution,
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
            actor=_actor(self.request), council=council, **serializer.validated_data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Institution)
        serializer.instance = services.institution_update(
            actor=_actor(self.request), institution=serializer.instance, **serializer.validated_data
        )

    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        institution = services.institution_set_active(
            actor=_actor(request), institution=self.get_object(), active=False
        )
        return Response(self.get_serializer(institution).data)


class PersonViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """People; e-mail and phone are null where the caller may not see them."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    collection_rules = {"create": lambda user: rules.can_create_person(user, None)}
    object_rules = {
        "update": rules.can_change_person,
        "partial_update": rules.can_change_person,
        "deactivate": rules.can_change_person,
    }
    ordering_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self) -> QuerySet[Person]:
        return person_list(user=self.request.user).order_by("name")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = services.person_create(actor=_actor(self.request), **serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Person)
        serializer.instance = services.person_update(
            actor=_actor(self.request), person=serializer.instance, **serializer.validated_data
        )

    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        person = services.person_set_active(actor=_actor(request), person=self.get_object(), active=False)
        return Response(self.get_serializer(person).data)


class MembershipViewSet(viewsets.ModelViewSet):
    """Council seats. Published councils' seats are readable without logging in."""

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
        serializer.instance = services.membership_create(actor=_actor(self.request), council=council, **data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("council", None)
        assert isinstance(serializer.instance, Membership)
        serializer.instance = services.membership_update(
            actor=_actor(self.request), membership=serializer.instance, **data
        )

    def perform_destroy(self, instance: Membership) -> None:
        services.membership_delete(actor=_actor(self.request), membership=instance)


# Member submissions


def _files(request: Request, name: str = "documents") -> list[Any]:
    return request.FILES.getlist(name) if hasattr(request, "FILES") else []


class BestPracticeViewSet(
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

    serializer_class = BestPracticeSerializer
    filterset_class = BestPracticeFilter
    permission_classes = READABLE_BY_ALL
    collection_rules = {"create": rules.can_submit_somewhere}
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
        return best_practice_list(user=self.request.user).prefetch_related("documents")

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
            actor=_actor(self.request), council=council, **relations, **data
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("council", None)
        relations = self._relations(data)
        assert isinstance(serializer.instance, BestPractice)
        serializer.instance = services.best_practice_update(
            actor=_actor(self.request), practice=serializer.instance, **relations, **data
        )

    def perform_destroy(self, instance: BestPractice) -> None:
        services.best_practice_delete(actor=_actor(self.request), practice=instance)

    def _fresh(self, practice: BestPractice) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=practice.pk)).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        practice = services.best_practice_submit(actor=_actor(request), practice=self.get_object())
        return self._fresh(practice)

    @extend_schema(request=BestPracticeReviewSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        practice = self.get_object()
        payload = BestPracticeReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        practice = services.best_practice_review(
            actor=_actor(request),
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
            actor=_actor(request), practice=practice, comment=payload.validated_data["comment"]
        )
        return self._fresh(practice)

    @extend_schema(request={"multipart/form-data": UploadSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        practice = self.get_object()
        payload = UploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.best_practice_attach(
            actor=_actor(request), practice=practice, upload=payload.validated_data["file"]
        )
        return self._fresh(practice)


class DifficultyViewSet(
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

    filterset_class = DifficultyFilter
    ordering_fields = ["created_at", "answer_due", "status"]
    collection_rules = {"create": rules.can_submit_somewhere}
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
            actor=_actor(self.request),
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
            actor=_actor(self.request), difficulty=serializer.instance, **data
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
        services.difficulty_assign(actor=_actor(request), difficulty=difficulty, **payload.validated_data)
        return self._fresh(difficulty)

    @extend_schema(request=MessageSerializer, responses=DifficultyDetailSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        difficulty = self.get_object()
        payload = MessageSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.difficulty_answer(
            actor=_actor(request),
            difficulty=difficulty,
            body=payload.validated_data["body"],
            documents=_files(request),
        )
        return self._fresh(difficulty)

    @extend_schema(request=MessageSerializer, responses=DifficultyDetailSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser])
    def comment(self, request: Request, pk: str | None = None) -> Response:
        difficulty = self.get_object()
        payload = MessageSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.difficulty_comment(
            actor=_actor(request),
            difficulty=difficulty,
            body=payload.validated_data["body"],
            documents=_files(request),
        )
        return self._fresh(difficulty)

    @extend_schema(request=StatusSerializer, responses=DifficultyDetailSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        difficulty = self.get_object()
        payload = StatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.difficulty_set_status(actor=_actor(request), difficulty=difficulty, **payload.validated_data)
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


class AgreementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Agreements between institutions; those of published councils are readable without logging in."""

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
            actor=_actor(self.request), council=council, **relations, **data
        )
        serializer.instance = self._fresh(agreement)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("council", None)
        relations = self._relations(data)
        assert isinstance(serializer.instance, Agreement)
        agreement = services.agreement_update(
            actor=_actor(self.request), agreement=serializer.instance, **relations, **data
        )
        serializer.instance = self._fresh(agreement)

    @extend_schema(request={"multipart/form-data": UploadSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        payload = UploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.agreement_attach(
            actor=_actor(request), agreement=agreement, upload=payload.validated_data["file"]
        )
        return Response(self.get_serializer(self._fresh(agreement)).data)
