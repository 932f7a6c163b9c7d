"""API representations of meetings. No side effects: writes go through meetings.services."""

from typing import Any

from rest_framework import serializers

from council.permissions import councils_visible_to
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting
from members.permissions import (
    best_practices_visible_to,
    difficulties_visible_to,
    institutions_visible_to,
    people_visible_to,
)


class MeetingSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(source="label", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "council",
            "year",
            "number",
            "display_name",
            "title",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "online_url",
            "chair",
            "description",
            "quorum_override",
            "sequence",
            "announced_at",
            "cancelled_reason",
        ]
        read_only_fields = ["status", "sequence", "announced_at", "cancelled_reason"]
        # Numbering and its uniqueness are the service's job (the next number of the year when omitted).
        validators: list[Any] = []
        extra_kwargs: dict[str, dict[str, Any]] = {
            "year": {"required": False},
            "number": {"required": False},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["council"].queryset = councils_visible_to(request.user)  # type: ignore[attr-defined]
            self.fields["chair"].queryset = people_visible_to(request.user)  # type: ignore[attr-defined]
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["council"].read_only = True

    def get_url(self, meeting: Meeting) -> str:
        return meeting.get_absolute_url()


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "order",
            "title",
            "kind",
            "description",
            "presenter_person",
            "presenter_institution",
            "minutes_allotted",
            "best_practice",
            "difficulty",
            "is_minutes_approval",
            "decision",
            "decision_text",
            "votes_for",
            "votes_against",
            "votes_abstained",
            "decided_at",
        ]
        read_only_fields = [
            "order",
            "is_minutes_approval",
            "decision",
            "decision_text",
            "votes_for",
            "votes_against",
            "votes_abstained",
            "decided_at",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            from meetings.permissions import meetings_visible_to

            self.fields["meeting"].queryset = meetings_visible_to(request.user)  # type: ignore[attr-defined]
            self.fields["presenter_person"].queryset = people_visible_to(request.user)  # type: ignore[attr-defined]
            self.fields["presenter_institution"].queryset = institutions_visible_to(request.user)  # type: ignore[attr-defined]
            self.fields["best_practice"].queryset = best_practices_visible_to(request.user)  # type: ignore[attr-defined]
            self.fields["difficulty"].queryset = difficulties_visible_to(request.user)  # type: ignore[attr-defined]
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["meeting"].read_only = True


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["decision", "decision_text", "votes_for", "votes_against", "votes_abstained"]
        extra_kwargs: dict[str, dict[str, Any]] = {"decision": {"required": True, "allow_blank": False}}


class ReorderSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    items = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = [
            "id",
            "meeting",
            "membership",
            "institution",
            "person",
            "name",
            "is_guest",
            "counts_for_quorum",
            "response",
            "proxy_name",
            "responded_at",
            "attended",
            "checked_in_at",
        ]
        read_only_fields = fields


class InvitationAnswerSerializer(serializers.Serializer):
    response = serializers.ChoiceField(
        choices=[choice for choice in Invitation.Response.choices if choice[0] != Invitation.Response.PENDING]
    )
    proxy_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class AttendanceSerializer(serializers.Serializer):
    attended = serializers.BooleanField(allow_null=True)


class ActionItemSerializer(serializers.ModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "council",
            "meeting",
            "agenda_item",
            "title",
            "description",
            "assignee",
            "due_on",
            "status",
            "is_overdue",
            "closed_at",
            "created_at",
        ]
        read_only_fields = ["council", "status", "closed_at", "created_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            from meetings.permissions import meetings_visible_to

            self.fields["meeting"].queryset = meetings_visible_to(request.user)  # type: ignore[attr-defined]
            self.fields["assignee"].queryset = institutions_visible_to(request.user)  # type: ignore[attr-defined]


class ActionProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionItem.Status.choices, required=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    due_on = serializers.DateField(required=False, allow_null=True)
