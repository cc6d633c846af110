"""The current request id, carried to log records and audit entries."""

from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("motcua_request_id", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def set_request_id(value: str | None) -> object:
    return _request_id.set(value)


def reset_request_id(token: object) -> None:
    _request_id.reset(token)  # type: ignore[arg-type]
