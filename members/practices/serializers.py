"""API representations of the members app. No side effects: writes go through the services."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from council.api.documents import DocumentSerializer
from council.api.serializers import PortalModelSerializer, RowModelSerializer, ScopedModelSerializer
from council.permissions import councils_visible_to
from members.directory.permissions import institutions_visible_to
from members.models import (
    BestPractice,
    BestPracticeFigure,
    BestPracticeStep,
)
from members.practices import permissions


class FigureSerializer(RowModelSerializer):
    class Meta:
        model = BestPracticeFigure
        fields = ["label", "value", "unit"]


class BestPracticeStepSerializer(PortalModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    actor_name = serializers.SerializerMethodField()
    comment = serializers.CharField(allow_null=True, help_text="Null where the caller may not read it.")

    class Meta:
        model = BestPracticeStep
        fields = ["kind", "kind_display", "round", "comment", "actor_name", "created_at"]

    def get_actor_name(self, step: BestPracticeStep) -> str | None:
        return step.actor.get_short_name() if step.actor else None


class BestPracticeSerializer(ScopedModelSerializer):
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    figures = FigureSerializer(many=True, required=False)
    documents = serializers.SerializerMethodField()
    review_trail = serializers.SerializerMethodField()

    class Meta:
        model = BestPractice
        fields = [
            "id",
            "council",
            "institution",
            "institution_name",
            "title",
            "category",
            "category_display",
            "summary",
            "partners",
            "other_partners",
            "problem",
            "actions",
            "results",
            "period_start",
            "period_end",
            "figures",
            "status",
            "status_display",
            "review_comment",
            "review_trail",
            "documents",
            "submitted_at",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "review_comment",
            "submitted_at",
            "published_at",
            "created_at",
            "updated_at",
        ]

    scoped_fields = {
        "council": councils_visible_to,
        "institution": institutions_visible_to,
        "partners": institutions_visible_to,
    }
    fixed_fields = ("council",)

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, practice: BestPractice) -> list[dict[str, Any]]:
        context = {**self.context, "document_url": ("best-practice-document", lambda d: d.practice_id)}
        return DocumentSerializer(practice.documents.all(), many=True, context=context).data  # type: ignore[return-value]

    @extend_schema_field(BestPracticeStepSerializer(many=True))
    def get_review_trail(self, practice: BestPractice) -> list[dict[str, Any]]:
        """Every step of the review, oldest first; comments for the secretariat and the institution."""
        request = self.context.get("request")
        sees = request is not None and permissions.can_see_review_comments(request.user, practice)
        steps = BestPracticeStepSerializer(practice.steps.all(), many=True).data
        return [{**step, "comment": step["comment"] if sees else None} for step in steps]


class BestPracticeReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("publish", _("Publish")), ("return", _("Return with a comment"))]
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=10000)
