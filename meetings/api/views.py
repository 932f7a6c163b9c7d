"""API of the meetings app. Querysets are scoped to the user first; every write calls a service."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from council.api.caching import CachedListMixin
from council.api.rules import READABLE_BY_ALL, actor_of
from council.permissions import manages_a_council
from council.web.page_cache import Clock
from meetings import permissions as rules
from meetings import selectors, services
from meetings.api.serializers import (
    ActionItemSerializer,
    ActionProgressSerializer,
    AgendaItemSerializer,
    AttendanceSerializer,
    BallotSerializer,
    CancelSerializer,
    DecisionSerializer,
    HeldSerializer,
    InvitationAnswerSerializer,
    InvitationSerializer,
    MeetingSerializer,
    ReorderSerializer,
    VoteSerializer,
)
from meetings.filters import ActionFilter, AgendaItemFilter, InvitationFilter, MeetingFilter
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting, Vote


class MeetingViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Meetings; published councils' announced and held meetings are readable without logging in."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    permission_classes = READABLE_BY_ALL
    collection_rules = {"create": manages_a_council}
    object_rules = dict.fromkeys(
        ("update", "partial_update", "announce", "cancel", "held"), rules.can_manage_meeting
    )
    ordering_fields = ["starts_at", "year", "number"]
    ordering = ["-starts_at"]

    def get_queryset(self) -> QuerySet[Meeting]:
        return rules.meetings_visible_to(self.request.user).select_related("council")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        council = data.pop("council")
        serializer.instance = services.meeting_create(actor=actor_of(self.request), council=council, **data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        meeting = serializer.instance
        assert isinstance(meeting, Meeting)
        data = dict(serializer.validated_data)
        data.pop("council", None)
        serializer.instance = services.meeting_update(actor=actor_of(self.request), meeting=meeting, **data)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def announce(self, request: Request, pk: str | None = None) -> Response:
        """Send the invitation to every invitee (queued; the response does not wait for the mail)."""
        meeting = services.meeting_announce(actor=actor_of(request), meeting=self.get_object())
        return Response(self.get_serializer(meeting).data)

    @extend_schema(request=CancelSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        payload = CancelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        meeting = services.meeting_cancel(
            actor=actor_of(request), meeting=meeting, reason=payload.validated_data["reason"]
        )
        return Response(self.get_serializer(meeting).data)

    @extend_schema(request=HeldSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def held(self, request: Request, pk: str | None = None) -> Response:
        """Record that the meeting took place. A written resolution's ballots become its items'
        decisions; before the voting window ends only with `close_voting_early`."""
        meeting = self.get_object()
        payload = HeldSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        meeting = services.meeting_mark_held(
            actor=actor_of(request),
            meeting=meeting,
            close_voting_early=payload.validated_data["close_voting_early"],
        )
        return Response(self.get_serializer(meeting).data)


class AgendaItemViewSet(viewsets.ModelViewSet):
    """Agenda items; decisions are recorded through the `decision` action."""

    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter
    permission_classes = READABLE_BY_ALL
    collection_rules = {"create": manages_a_council, "reorder": manages_a_council}
    object_rules = dict.fromkeys(
        ("update", "partial_update", "destroy", "decision"),
        lambda user, item: rules.can_manage_meeting(user, item.meeting),
    )

    def get_queryset(self) -> QuerySet[AgendaItem]:
        items = rules.agenda_items_visible_to(self.request.user).order_by("meeting", "order", "id")
        return selectors.with_submission_links(items, user=self.request.user)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        meeting = data.pop("meeting")
        serializer.instance = services.agenda_item_add(actor=actor_of(self.request), meeting=meeting, **data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        item = serializer.instance
        assert isinstance(item, AgendaItem)
        data = dict(serializer.validated_data)
        data.pop("meeting", None)
        serializer.instance = services.agenda_item_update(actor=actor_of(self.request), item=item, **data)

    def perform_destroy(self, instance: AgendaItem) -> None:
        services.agenda_item_delete(actor=actor_of(self.request), item=instance)

    @extend_schema(request=DecisionSerializer, responses=AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        payload = DecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = services.agenda_decision_record(actor=actor_of(request), item=item, **payload.validated_data)
        return Response(self.get_serializer(item).data)

    @extend_schema(request=ReorderSerializer, responses=None)
    @action(detail=False, methods=["post"])
    def reorder(self, request: Request) -> Response:
        payload = ReorderSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        meeting = get_object_or_404(
            rules.meetings_visible_to(request.user), pk=payload.validated_data["meeting"]
        )
        services.agenda_reorder(
            actor=actor_of(request), meeting=meeting, item_ids=payload.validated_data["items"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Invitations: staff and officials see a meeting's invitees; others see the ones they answer."""

    serializer_class = InvitationSerializer
    filterset_class = InvitationFilter
    object_rules = {
        "respond": rules.can_answer_invitation,
        "ballot": lambda user, invitation: (
            rules.can_answer_invitation(user, invitation)
            or rules.can_manage_meeting(user, invitation.meeting)
        ),
        "attendance": lambda user, invitation: rules.can_manage_meeting(user, invitation.meeting),
    }

    def get_queryset(self) -> QuerySet[Invitation]:
        return (
            rules.invitations_visible_to(self.request.user)
            .select_related("meeting")
            .order_by("meeting", "name", "id")
        )

    @extend_schema(request=InvitationAnswerSerializer, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request: Request, pk: str | None = None) -> Response:
        invitation = self.get_object()
        payload = InvitationAnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        invitation = services.invitation_respond(
            actor=actor_of(request), invitation=invitation, **payload.validated_data
        )
        return Response(self.get_serializer(invitation).data)

    @extend_schema(methods=["GET"], request=None, responses=VoteSerializer(many=True))
    @extend_schema(methods=["POST"], request=BallotSerializer, responses=VoteSerializer(many=True))
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def ballot(self, request: Request, pk: str | None = None) -> Response:
        """The invitee's votes on a written resolution (the invitee and the secretariat read them);
        the invitee posts votes within the voting window, changing earlier ones."""
        invitation = self.get_object()
        if request.method == "POST":
            if not rules.can_answer_invitation(request.user, invitation):
                raise PermissionDenied(_("You can vote only on your own invitation."))
            payload = BallotSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            votes = payload.validated_data["votes"]
            services.ballot_cast(
                actor=actor_of(request),
                invitation=invitation,
                choices={vote["agenda_item"].pk: vote["choice"] for vote in votes},
                comments={vote["agenda_item"].pk: vote.get("comment", "") for vote in votes},
            )
        votes = Vote.objects.filter(invitation=invitation).order_by("agenda_item__order", "agenda_item_id")
        return Response(VoteSerializer(votes, many=True).data)

    @extend_schema(request=AttendanceSerializer, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        invitation = self.get_object()
        payload = AttendanceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        invitation = services.attendance_mark(
            actor=actor_of(request), invitation=invitation, attended=payload.validated_data["attended"]
        )
        return Response(self.get_serializer(invitation).data)


class ActionItemViewSet(
    CachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Follow-up actions; progress (status, notes) goes through the `progress` action."""

    list_clock = Clock.DAY

    serializer_class = ActionItemSerializer
    filterset_class = ActionFilter
    collection_rules = {"create": manages_a_council}
    object_rules = {"progress": rules.can_update_action}
    ordering_fields = ["due_on", "created_at"]

    def get_queryset(self) -> QuerySet[ActionItem]:
        return selectors.action_list(user=self.request.user)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = services.action_create(
            actor=actor_of(self.request), **serializer.validated_data
        )

    @extend_schema(request=ActionProgressSerializer, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str | None = None) -> Response:
        action_item = self.get_object()
        payload = ActionProgressSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = services.action_update(actor=actor_of(request), action=action_item, **payload.validated_data)
        return Response(self.get_serializer(item).data)
