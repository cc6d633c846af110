"""The caller's personal API tokens: list, make (the token shown once), revoke."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status

from api.auth import AUTH
from api.models import ApiToken
from api.ratelimits import rate_limit
from api.schemas import ErrorOut, TokenCreatedOut, TokenIn, TokenOut, ValidationErrorOut
from api.tokens import api_token_create, api_token_revoke

router = Router(tags=["tokens"], auth=AUTH)


def _caller(request: HttpRequest) -> Any:
    return request.user


@router.get(
    "/tokens",
    response={200: list[TokenOut], 401: ErrorOut},
    summary="My API tokens",
    url_name="tokens",
)
def tokens(request: HttpRequest) -> Any:
    """Every token of the caller, revoked ones too (never the token itself)."""
    return ApiToken.objects.filter(user=_caller(request)).order_by("-created_at", "-pk")


@router.post(
    "/tokens",
    response={201: TokenCreatedOut, 401: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut},
    summary="Make an API token",
    url_name="token-create",
)
def token_create(request: HttpRequest, body: TokenIn) -> Status[dict[str, Any]]:
    """A new token, in the answer's ``token`` and nowhere else afterwards: use it as
    ``Authorization: Bearer mc_...``."""
    rate_limit(request, "api.write", key="user", setting="MOTCUA_API_WRITE_RATE")
    token, raw = api_token_create(user=request.user, name=body.name)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete(
    "/tokens/{token_id}",
    response={204: None, 401: ErrorOut, 404: ErrorOut},
    summary="Revoke an API token",
    url_name="token-revoke",
)
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    """The token stops working at once; revoking it again changes nothing."""
    token = ApiToken.objects.filter(pk=token_id, user=_caller(request)).first()
    if token is None:
        raise Http404
    api_token_revoke(token=token)
    return Status(204, None)
