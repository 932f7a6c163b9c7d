"""API representations of the members app. No side effects: writes go through the services."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from council.api.documents import DocumentSerializer
from council.api.serializers import PortalModelSerializer, ScopedModelSerializer, limit_choices
from council.permissions import councils_visible_to
from members.directory.permissions import institutions_visible_to
from members.models import (
    Difficulty,
    DifficultyEvent,
    Institution,
)


class DifficultyEventSerializer(PortalModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    author_name = serializers.SerializerMethodField()
    on_behalf_of = serializers.CharField(source="author_institution.name", read_only=True, allow_null=True)
    assignee_name = serializers.CharField(source="assignee.name", read_only=True, allow_null=True)

    class Meta:
        model = DifficultyEvent
        fields = [
            "id",
            "kind",
            "kind_display",
            "author_name",
            "on_behalf_of",
            "body",
            "status_from",
            "status_to",
            "assignee",
            "assignee_name",
            "answer_due",
            "created_at",
        ]
        read_only_fields = fields

    def get_author_name(self, event: DifficultyEvent) -> str | None:
        return event.author.get_short_name() if event.author else None


class DifficultySerializer(ScopedModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    assignee_name = serializers.CharField(source="assignee.name", read_only=True, allow_null=True)
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Difficulty
        fields = [
            "id",
            "council",
            "institution",
            "institution_name",
            "kind",
            "kind_display",
            "category",
            "category_display",
            "title",
            "description",
            "secretariat_only",
            "status",
            "status_display",
            "assignee",
            "assignee_name",
            "answer_due",
            "overdue",
            "first_answered_at",
            "closed_at",
            "close_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "assignee",
            "answer_due",
            "first_answered_at",
            "closed_at",
            "close_reason",
            "created_at",
            "updated_at",
        ]

    scoped_fields = {"council": councils_visible_to, "institution": institutions_visible_to}
    fixed_fields = ("council", "institution")


class DifficultyDetailSerializer(DifficultySerializer):
    """One item with its thread and timeline, and the files attached to it."""

    events = DifficultyEventSerializer(many=True, read_only=True)
    attachments = serializers.SerializerMethodField()

    class Meta(DifficultySerializer.Meta):
        fields = [*DifficultySerializer.Meta.fields, "events", "attachments"]

    @extend_schema_field(DocumentSerializer(many=True))
    def get_attachments(self, difficulty: Difficulty) -> list[dict[str, Any]]:
        context = {**self.context, "document_url": ("difficulty-attachment", lambda d: d.difficulty_id)}
        return DocumentSerializer(difficulty.attachments.all(), many=True, context=context).data  # type: ignore[return-value]


class AssignSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.none())
    answer_due = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=10000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            limit_choices(
                self.fields["assignee"], institutions_visible_to(request.user).filter(is_active=True)
            )


class MessageSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10000)


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Difficulty.Status.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class FigureRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the JSON key, not the field label
    total = serializers.IntegerField()
    open = serializers.IntegerField()
    median_first_answer = serializers.FloatField(allow_null=True)
    median_resolution = serializers.FloatField(allow_null=True)


class StatusCountSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the JSON key, not the field label
    count = serializers.IntegerField()
    open = serializers.BooleanField()


class DifficultyFiguresSerializer(serializers.Serializer):
    council = serializers.IntegerField(source="council.pk")
    totals = serializers.DictField()
    by_status = StatusCountSerializer(many=True)
    by_category = FigureRowSerializer(many=True)
    by_institution_kind = FigureRowSerializer(many=True)
