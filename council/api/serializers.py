import copy
from collections.abc import Callable, MutableMapping
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers

from council.models import Council


def limit_choices(field: serializers.Field, queryset: QuerySet[Any]) -> None:
    """Let a related field (single or many) accept only the objects of `queryset`."""
    target = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
    target.queryset = queryset  # type: ignore[attr-defined]


class PortalModelSerializer(serializers.ModelSerializer):
    """A model serializer whose answers match the schema it publishes.

    DRF drops `allow_blank` from read-only fields, so a choice left blank (a decision not yet taken, an
    event that changed no status) would be answered as "" while the schema lists only the choices: here
    such fields keep it. `withheld_fields` are answered as null to a user who may not see them (a
    person's e-mail and phone), and the schema says so for answers only.
    """

    withheld_fields: ClassVar[tuple[str, ...]] = ()

    # The fields each class builds from its model, kept unbound: DRF reads the model's fields again for
    # every serializer it makes, about 1.5 ms each, where a copy of what was built takes a third of that.
    _built_fields: ClassVar[dict[type, dict[str, serializers.Field]]] = {}

    def get_fields(self) -> dict[str, serializers.Field]:
        """The class's fields, fresh for this serializer: it may scope their choices or make them
        read-only without touching another's. What DRF builds depends on the class alone (its Meta and
        declared fields); labels and choices stay lazy, so one build serves every language."""
        built = PortalModelSerializer._built_fields.get(type(self))
        if built is None:
            built = PortalModelSerializer._built_fields[type(self)] = super().get_fields()
        return copy.deepcopy(built)

    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        blank = "choices" in kwargs and kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if blank and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs


class WithheldFieldsExtension(OpenApiSerializerExtension):
    """Marks a serializer's `withheld_fields` nullable in the schema of its answers."""

    target_class = PortalModelSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "response":
            for name in self.target.withheld_fields:
                schema["properties"][name]["nullable"] = True
        return schema


class RowMixin:
    """A row of a nested list (a report's executions, a practice's figures): whole, even inside a PATCH.

    DRF lets every field of a partial update be left out, nested rows' fields too; a row that lacks a
    required field would then reach the service half-built. Here it is refused with the field named.
    """

    fields: Any

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        missing = {
            name: [_("This field is required.")]
            for name, field in self.fields.items()
            if field.required and not field.read_only and field.source_attrs[0] not in attrs
        }
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class RowSerializer(RowMixin, serializers.Serializer):
    """A nested row that is not a model."""


class RowModelSerializer(RowMixin, PortalModelSerializer):
    """A nested row that is a model."""


class ScopedModelSerializer(PortalModelSerializer):
    """A model serializer whose related fields accept only what the requesting user may see.

    `scoped_fields` maps a related field to the choices it offers a user (a `*_visible_to` function),
    so an id the user may not see is refused like one that does not exist. `fixed_fields` name the
    parent an object is created under: writable on create, read-only once it exists.
    """

    scoped_fields: ClassVar[dict[str, Callable[[Any], QuerySet[Any]]]] = {}
    fixed_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.request_user
        if user is not None:
            for name, choices in self.scoped_fields.items():
                limit_choices(self.fields[name], choices(user))
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            for name in self.fixed_fields:
                self.fields[name].read_only = True

    @property
    def request_user(self) -> Any:
        """The user of the request being served, or None outside a request."""
        return getattr(self.context.get("request"), "user", None)


class CouncilSerializer(PortalModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:council-detail")

    class Meta:
        model = Council
        fields = [
            "id",
            "url",
            "name",
            "name_en",
            "short_name",
            "slug",
            "parent",
            "region",
            "description",
            "established_on",
            "is_public",
            "is_active",
        ]


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=10000)
