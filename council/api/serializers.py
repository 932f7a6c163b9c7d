from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import QuerySet
from rest_framework import serializers

from council.models import Council


def limit_choices(field: serializers.Field, queryset: QuerySet[Any]) -> None:
    """Let a related field (single or many) accept only the objects of `queryset`."""
    target = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
    target.queryset = queryset  # type: ignore[attr-defined]


class ScopedModelSerializer(serializers.ModelSerializer):
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


class CouncilSerializer(serializers.ModelSerializer):
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
