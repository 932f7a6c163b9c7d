"""API representations of the members app. No side effects: writes go through the services."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from council.api.documents import DocumentSerializer
from council.api.serializers import ScopedModelSerializer
from council.permissions import councils_visible_to
from members.directory.permissions import institutions_visible_to
from members.models import (
    Agreement,
)
from members.practices.permissions import best_practices_visible_to


class AgreementSerializer(ScopedModelSerializer):
    # Written as a list of area codes; read back from the agreement's area rows in to_representation.
    areas = serializers.ListField(
        child=serializers.ChoiceField(choices=Agreement.Area.choices), allow_empty=False, write_only=True
    )
    party_names = serializers.SerializerMethodField()
    in_force = serializers.BooleanField(read_only=True)
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "council",
            "title",
            "parties",
            "party_names",
            "areas",
            "signed_on",
            "signed_place",
            "summary",
            "valid_from",
            "valid_until",
            "in_force",
            "best_practices",
            "documents",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs: dict[str, dict[str, Any]] = {"best_practices": {"write_only": True, "required": False}}

    scoped_fields = {
        "council": councils_visible_to,
        "parties": institutions_visible_to,
        "best_practices": best_practices_visible_to,
    }
    fixed_fields = ("council",)

    def to_representation(self, instance: Agreement) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["areas"] = [area.area for area in instance.areas.all()]
        # Linked practices are listed only where the caller may see them (published ones, for most):
        # the agreement comes from the agreement_list selector, which prefetches those.
        data["best_practices"] = [practice.pk for practice in instance.visible_practices]  # type: ignore[attr-defined]
        return data

    def get_party_names(self, agreement: Agreement) -> list[str]:
        return [party.name for party in agreement.parties.all()]

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, agreement: Agreement) -> list[dict[str, Any]]:
        context = {**self.context, "document_url": ("agreement-document", lambda d: d.agreement_id)}
        return DocumentSerializer(agreement.documents.all(), many=True, context=context).data  # type: ignore[return-value]
