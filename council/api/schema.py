"""What the OpenAPI document says about errors, for every operation at once.

The portal's errors have two shapes (see council.api.exceptions): field errors, an object whose keys are
the fields (or `non_field_errors`) and whose values list the messages, answered with 400; and a single
`detail` message, answered with 401, 403, 404 and 415.
A postprocessing hook adds the statuses an operation can answer with to every operation that does not
say otherwise, so clients (and schemathesis in CI) know each operation's full set of answers.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import get_doc

from council.api import serializers

ERROR = {
    "type": "object",
    "description": "One message about the whole request.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": (
        "Field errors: each key is a field of the request (or non_field_errors, or detail when the body "
        "could not be read) and its value the messages about it; nested fields answer with nested objects."
    ),
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}

WRITES = {"post", "put", "patch"}
DESCRIPTIONS = {
    "400": "The request's body or parameters were refused, or the record's state does not allow it; "
    "nothing was changed.",
    "401": "No valid API token (or session) came with the request.",
    "403": "The account may not do this.",
    "404": "No such record among those the account may see (in the path or a parameter), or no such page.",
    "415": "The request's body is in a format the operation does not take.",
}


def _error(status: str, ref: str) -> dict[str, Any]:
    return {
        "description": DESCRIPTIONS[status],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


def _statuses(method: str, operation: dict[str, Any]) -> dict[str, str]:
    statuses = {"401": "Error", "403": "Error", "404": "Error"}
    if method != "get" or any(
        parameter.get("in") == "query" for parameter in operation.get("parameters", [])
    ):
        statuses["400"] = "FieldErrors"
    if method in WRITES:
        statuses["415"] = "Error"
    return statuses


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: document each operation's error answers and their shapes."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    _drop_inherited_descriptions(schemas)
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("FieldErrors", FIELD_ERRORS)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, ref in _statuses(method, operation).items():
                operation["responses"].setdefault(status, _error(status, ref))
    return result


def _drop_inherited_descriptions(schemas: dict[str, Any]) -> None:
    """A serializer without a docstring of its own would be described by its base class's, which speaks
    of how the code works, not of the resource."""
    bases = (
        serializers.PortalModelSerializer,
        serializers.ScopedModelSerializer,
        serializers.RowSerializer,
        serializers.RowModelSerializer,
    )
    inherited = {get_doc(base) for base in bases}
    for schema in schemas.values():
        if schema.get("description") in inherited:
            del schema["description"]


class PublishedSchemaGenerator(SchemaGenerator):
    """Generates the OpenAPI document at /api/schema/ once per language in each server process.

    The document follows only the code (it is public: the same for every visitor), while generating
    it costs the server about half a second; without this, every visit of the API docs, and every
    anonymous request for the schema, would pay it again. A version asked for in the query string is
    generated as before, uncached, so that a request cannot make the process keep many documents.
    """

    _generated: ClassVar[dict[str, dict[str, Any]]] = {}

    def get_schema(self, request: Any = None, public: bool = False) -> dict[str, Any]:
        if self.api_version or not public:
            return super().get_schema(request=request, public=public)
        language = _supported(translation.get_language())
        if language not in self._generated:
            with translation.override(language):
                self._generated[language] = super().get_schema(request=request, public=public)
        return self._generated[language]


def _supported(language: str | None) -> str:
    """The portal's language a document is generated in: the one asked for, else the default."""
    try:
        return translation.get_supported_language_variant(language or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE
