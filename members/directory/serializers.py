"""API representations of the members app. No side effects: writes go through the services."""

from typing import Any

from rest_framework import serializers

from council.api.serializers import PortalModelSerializer, ScopedModelSerializer
from council.permissions import councils_visible_to
from members.directory.permissions import can_see_contact_details, institutions_visible_to, people_visible_to
from members.models import (
    Institution,
    Membership,
    Person,
)


class InstitutionSerializer(PortalModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    sector_display = serializers.CharField(source="get_sector_display", read_only=True)

    class Meta:
        model = Institution
        fields = [
            "id",
            "name",
            "name_en",
            "kind",
            "kind_display",
            "sector",
            "sector_display",
            "region",
            "address",
            "website",
            "phone",
            "representative",
            "business_registration_number",
            "registered_by",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["registered_by", "is_active", "created_at", "updated_at"]
        # The unique name is checked by the model, with the same message as the pages.
        extra_kwargs: dict[str, dict[str, Any]] = {"name": {"validators": []}}


class PersonSerializer(ScopedModelSerializer):
    institution = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.none(), allow_null=True, required=False
    )
    # Not a field with default="": DRF leaves defaults out of a PATCH's answer.
    institution_name = serializers.SerializerMethodField()
    has_account = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "name_en",
            "title",
            "institution",
            "institution_name",
            "email",
            "phone",
            "has_account",
            "is_active",
        ]
        read_only_fields = ["is_active"]

    scoped_fields = {"institution": institutions_visible_to}
    withheld_fields = ("email", "phone")

    def get_institution_name(self, person: Person) -> str:
        return person.institution.name if person.institution else ""

    def get_has_account(self, person: Person) -> bool:
        return person.user_id is not None

    def to_representation(self, instance: Person) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        # Contact details are returned only to those allowed to see them, as on the pages.
        if request is None or not can_see_contact_details(request.user, instance):
            data.update(dict.fromkeys(self.withheld_fields))
        return data


class MembershipSerializer(ScopedModelSerializer):
    institution = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.none(), allow_null=True, required=False
    )
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(), allow_null=True, required=False
    )
    holder = serializers.CharField(source="holder_name", read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    route_display = serializers.CharField(source="get_route_display", read_only=True)
    ends_soon = serializers.BooleanField(read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "council",
            "institution",
            "person",
            "holder",
            "role",
            "role_display",
            "route",
            "route_display",
            "position",
            "term_start",
            "term_end",
            "ends_soon",
            "notes",
        ]

    scoped_fields = {
        "council": councils_visible_to,
        "institution": institutions_visible_to,
        "person": people_visible_to,
    }
    fixed_fields = ("council",)
