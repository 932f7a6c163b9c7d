"""Check a test client's API answer against the published OpenAPI document, as schemathesis does in CI."""

import functools
from typing import Any

import requests
import schemathesis
from django.test import Client


@functools.cache
def published_schema() -> dict[str, Any]:
    """The document /api/schema/ serves (in English), as plain JSON."""
    response = Client().get("/api/schema/", {"format": "json", "lang": "en"})
    assert response.status_code == 200, response.status_code
    return dict(response.json())


@functools.cache
def _schemathesis_schema() -> Any:
    return schemathesis.openapi.from_dict(published_schema())


def assert_matches_schema(response: Any, method: str, template: str) -> None:
    """The response's status is documented for the operation `method template` and its body matches it."""
    operation = _schemathesis_schema()[template][method.upper()]
    documented = published_schema()["paths"][template][method.lower()]["responses"]
    assert str(response.status_code) in documented, (response.status_code, sorted(documented))
    prepared = requests.Request(method.upper(), "http://testserver" + response.wsgi_request.path).prepare()
    operation.validate_response(
        schemathesis.Response(
            status_code=response.status_code,
            headers={name.lower(): [value] for name, value in response.headers.items()},
            content=response.content,
            request=prepared,
            elapsed=0.0,
            verify=False,
        )
    )
