"""API representations of the members app. No side effects: writes go through the services."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from council.api.serializers import ScopedModelSerializer, limit_choices
from council.permissions import councils_visible_to
from members.models import (
    Agreement,
    BestPractice,
    BestPracticeFigure,
    Difficulty,
    DifficultyEvent,
    Institution,
    Membership,
    Person,
)
from members.permissions import (
    best_practices_visible_to,
    can_see_contact_details,
    institutions_visible_to,
    people_visible_to,
)


class InstitutionSerializer(serializers.ModelSerializer):
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
    institution_name = serializers.CharField(source="institution.name", read_only=True, default="")
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

    def get_has_account(self, person: Person) -> bool:
        return person.user_id is not None

    def to_representation(self, instance: Person) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        # Contact details are returned only to those allowed to see them, as on the pages.
        if request is None or not can_see_contact_details(request.user, instance):
            data["email"] = None
            data["phone"] = None
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


# Member submissions


class DocumentSerializer(serializers.Serializer):
    """An attached file; `url` downloads it for whoever may see its owner."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    type = serializers.CharField(source="type_label", read_only=True)
    size = serializers.IntegerField(read_only=True)
    uploaded_at = serializers.DateTimeField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, document: Any) -> str:
        url_name, owner = self.context["document_url"]
        path = reverse(url_name, args=[owner(document), document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class FigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = BestPracticeFigure
        fields = ["label", "value", "unit"]


class BestPracticeSerializer(ScopedModelSerializer):
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    figures = FigureSerializer(many=True, required=False)
    documents = serializers.SerializerMethodField()

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


class BestPracticeReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("publish", _("Publish")), ("return", _("Return with a comment"))]
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=10000)


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class DifficultyEventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    author_name = serializers.SerializerMethodField()
    on_behalf_of = serializers.CharField(source="author_institution.name", read_only=True, default=None)
    assignee_name = serializers.CharField(source="assignee.name", read_only=True, default=None)

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
    assignee_name = serializers.CharField(source="assignee.name", read_only=True, default=None)
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
