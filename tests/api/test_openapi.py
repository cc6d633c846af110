"""The OpenAPI 3 schema at /api/v1/openapi.json and the docs at /api/v1/docs: every operation
documented with its response schemas and its error answers; every reference resolves.

(openapi-spec-validator is not installed and the OAS 3.1 meta-schema is not vendored: the
structure is checked here, and each component is checked to be a valid JSON Schema.)"""

from typing import Any

import jsonschema
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("get", "/api/v1/procedures"): {200, 422},
    ("get", "/api/v1/procedures/{code}"): {200, 404},
    ("post", "/api/v1/dossiers"): {200, 201, 401, 404, 422, 429, 503},
    ("get", "/api/v1/dossiers/{code}/status"): {200, 404, 429},
    ("get", "/api/v1/my/dossiers"): {200, 401, 422},
    ("get", "/api/v1/my/dossiers/{code}"): {200, 401, 404},
    ("get", "/api/v1/my/dossiers/{code}/documents/{document_id}"): {200, 401, 404},
    ("get", "/api/v1/my/dossiers/{code}/attachments/{attachment_id}"): {200, 401, 404},
    ("post", "/api/v1/my/dossiers/{code}/supplementation"): {200, 401, 404, 409, 422, 429},
    ("get", "/api/v1/tokens"): {200, 401},
    ("post", "/api/v1/tokens"): {201, 401, 422, 429},
    ("delete", "/api/v1/tokens/{token_id}"): {204, 401, 404},
    ("post", "/api/v1/verify"): {200, 422, 429},
    ("get", "/api/v1/verify/{token}"): {200, 404, 429},
}
PUBLIC = {
    "/api/v1/procedures",
    "/api/v1/procedures/{code}",
    "/api/v1/dossiers/{code}/status",
    "/api/v1/verify",
    "/api/v1/verify/{token}",
}
ERROR_SCHEMAS = {
    401: "ErrorOut",
    404: "ErrorOut",
    409: "ErrorOut",
    422: "ValidationErrorOut",
    429: "ErrorOut",
    503: "ErrorOut",
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_the_document_is_openapi_3(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] and schema["info"]["version"] == "1"
    assert set(schema) >= {"openapi", "info", "paths", "components"}
    assert schema["components"]["securitySchemes"]["BearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_every_operation_and_its_answers_are_documented(schema: dict[str, Any]) -> None:
    found = {
        (method, path): {int(code) for code in operation["responses"]}
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }

    assert found == OPERATIONS
    for (method, path), codes in OPERATIONS.items():
        operation = schema["paths"][path][method]
        assert operation["summary"] and operation["operationId"], path
        for code in codes:
            answer = operation["responses"][str(code)]
            assert answer["description"], (path, code)
            if code in ERROR_SCHEMAS:
                ref = answer["content"]["application/json"]["schema"]["$ref"]
                assert ref == f"#/components/schemas/{ERROR_SCHEMAS[code]}", (path, code)
            elif code != 204:
                assert answer["content"], (path, code)
        assert ("security" in operation) == (path not in PUBLIC), path


def test_the_writes_document_their_bodies_and_the_idempotency_key(
    schema: dict[str, Any],
) -> None:
    submit = schema["paths"]["/api/v1/dossiers"]["post"]
    multipart = submit["requestBody"]["content"]["multipart/form-data"]["schema"]

    assert multipart["required"] == ["payload"]
    assert multipart["additionalProperties"]["format"] == "binary"
    assert submit["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SubmissionIn"
    }
    assert [p["name"] for p in submit["parameters"] if p["in"] == "header"] == ["Idempotency-Key"]
    answer = schema["paths"]["/api/v1/my/dossiers/{code}/supplementation"]["post"]
    assert "multipart/form-data" in answer["requestBody"]["content"]


def test_every_reference_resolves_and_every_component_is_a_json_schema(
    schema: dict[str, Any],
) -> None:
    components = schema["components"]["schemas"]
    for ref in _refs(schema):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in components, ref
    for component in components.values():
        jsonschema.Draft202012Validator.check_schema(component)
    assert {"SubmissionIn", "SupplementationIn", "ConsentIn", "PublicStatusOut"} <= set(components)


def test_the_docs_page_is_served() -> None:
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content
