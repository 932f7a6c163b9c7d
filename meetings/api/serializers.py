"""API representations of meetings. No side effects: writes go through meetings.services."""

from typing import Any

from rest_framework import serializers

from council.api.serializers import PortalModelSerializer, ScopedModelSerializer
from council.permissions import councils_visible_to
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting, Vote
from meetings.permissions import meetings_visible_to
from members.difficulties.permissions import difficulties_visible_to
from members.directory.permissions import institutions_visible_to, people_visible_to
from members.practices.permissions import best_practices_visible_to


class MeetingSerializer(ScopedModelSerializer):
    display_name = serializers.CharField(source="label", read_only=True)
    url = serializers.SerializerMethodField()
    number_confirmed = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Take a `number` that skips ahead in the year (refused with 400 without it).",
    )

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
            "number_confirmed",
        ]
        read_only_fields = ["status", "sequence", "announced_at", "cancelled_reason"]
        # Numbering and its uniqueness are the service's job (the next number of the year when omitted).
        validators: list[Any] = []
        extra_kwargs: dict[str, dict[str, Any]] = {
            "year": {"required": False},
            "number": {"required": False},
        }

    scoped_fields = {"council": councils_visible_to, "chair": people_visible_to}
    fixed_fields = ("council",)

    def get_url(self, meeting: Meeting) -> str:
        return meeting.get_absolute_url()


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class AgendaItemSerializer(ScopedModelSerializer):
    is_minutes_approval = serializers.BooleanField(read_only=True)

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
            "staff_only",
            "is_minutes_approval",
            "approves_minutes_of",
            "decision",
            "decision_text",
            "votes_for",
            "votes_against",
            "votes_abstained",
            "decided_at",
        ]
        read_only_fields = [
            "order",
            "approves_minutes_of",
            "decision",
            "decision_text",
            "votes_for",
            "votes_against",
            "votes_abstained",
            "decided_at",
        ]

    scoped_fields = {
        "meeting": meetings_visible_to,
        "presenter_person": people_visible_to,
        "presenter_institution": institutions_visible_to,
        "best_practice": best_practices_visible_to,
        "difficulty": difficulties_visible_to,
    }
    fixed_fields = ("meeting",)
    # A link to a submission is given only to those who may open it (see selectors.with_submission_links).
    links = {"best_practice": best_practices_visible_to, "difficulty": difficulties_visible_to}

    def to_representation(self, instance: AgendaItem) -> dict[str, Any]:
        data = super().to_representation(instance)
        for name, visible in self.links.items():
            linked_id = data.get(name)
            if linked_id is None:
                continue
            shown = getattr(instance, f"shows_{name}", None)
            if shown is None:  # an item just written, not read through the annotated list
                shown = visible(self.request_user).filter(pk=linked_id).exists()
            if not shown:
                data[name] = None
        return data


class DecisionSerializer(PortalModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["decision", "decision_text", "votes_for", "votes_against", "votes_abstained"]
        extra_kwargs: dict[str, dict[str, Any]] = {"decision": {"required": True, "allow_blank": False}}


class ReorderSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    items = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


class InvitationSerializer(PortalModelSerializer):
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


class VoteSerializer(PortalModelSerializer):
    """One vote of a written resolution's ballot."""

    class Meta:
        model = Vote
        fields = ["agenda_item", "choice", "comment", "cast_at"]
        read_only_fields = ["cast_at"]
        extra_kwargs: dict[str, dict[str, Any]] = {"agenda_item": {"queryset": AgendaItem.objects.all()}}


class BallotSerializer(serializers.Serializer):
    """A voting member's votes on the items of a written resolution; all are recorded or none."""

    votes = VoteSerializer(many=True, allow_empty=False)


class HeldSerializer(serializers.Serializer):
    close_voting_early = serializers.BooleanField(
        default=False,
        help_text="A written resolution closes at the end of its voting window; true closes it before.",
    )


class InvitationAnswerSerializer(serializers.Serializer):
    response = serializers.ChoiceField(
        choices=[choice for choice in Invitation.Response.choices if choice[0] != Invitation.Response.PENDING]
    )
    proxy_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class AttendanceSerializer(serializers.Serializer):
    attended = serializers.BooleanField(allow_null=True)


class ActionItemSerializer(ScopedModelSerializer):
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

    scoped_fields = {"meeting": meetings_visible_to, "assignee": institutions_visible_to}


class ActionProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionItem.Status.choices, required=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    due_on = serializers.DateField(required=False, allow_null=True)
