"""The NinjaAPI of /api/v1/: its routers, its error answers, its OpenAPI 3 schema
(/api/v1/openapi.json) and docs (/api/v1/docs)."""

from typing import Any

from ninja import NinjaAPI

from api.errors import install_error_handlers
from api.routers import catalogue, dossiers, mine, tokens, verify
from api.schemas import SubmissionIn, SupplementationIn

DESCRIPTION = """\
motcua's JSON API for mobile and partner apps: the catalogue of procedures, a procedure with its
cases and form schema, submitting a dossier with its files, the public status of a dossier by its
code, the applicant's dossiers, and the answer to a supplementation request.

Authenticate with `Authorization: Bearer mc_<token>` (a personal API token, made at
`POST /api/v1/tokens` or in the admin) or a bearer access token of the configured OpenID Connect
provider. Errors: 422 `{"errors": {path: [messages]}}`; 401, 404, 409, 429 `{"detail": message}`.
Messages follow `Accept-Language` (Vietnamese by default). See docs/api.md.
"""


class MotcuaAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Ninja's schema, with the payloads the writes read themselves (multipart bodies
        referencing them) added to the components."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (SubmissionIn, SupplementationIn):
            body = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(body.pop("$defs", {}))
            components[model.__name__] = body
        return schema


api = MotcuaAPI(
    title="motcua API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("", catalogue.router)
api.add_router("", dossiers.router)
api.add_router("", mine.router)
api.add_router("", tokens.router)
api.add_router("", verify.router)

__all__ = ["api"]
