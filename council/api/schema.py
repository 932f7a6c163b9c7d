"""What the OpenAPI document says about errors, for every operation at once.

The portal's errors have two shapes (see council.api.exceptions): field errors, an object whose keys are
the fields (or `non_field_errors`) and whose values list the messages, answered with 400; and a single
`detail` message, answered with 401, 403, 404 and 415.
A postprocessing hook adds the statuses an operation can answer with to every operation that does not
say otherwise, so clients (and schemathesis in CI) know each operation's full set of answers.
"""

from typing import Any

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
