"""The sandboxed Django template engine that document templates run in.

Autoescape on, invalid variables render as nothing, only the curated library in
``library.py``, and a loader that knows nothing but the base templates shipped in
signing/templates/documents/ (read once, kept in memory): a template cannot include
or extend a file of the server, and no context processor adds ``request`` or
``settings``. The engine runs in debug mode for one reason: Django then tells on which
line a template failed, which the admin is shown.
"""

import functools
from pathlib import Path
from typing import Any

from django.template import (
    Context,
    Engine,
    Origin,
    Template,
    TemplateDoesNotExist,
    VariableDoesNotExist,
)
from django.template.base import UNKNOWN_SOURCE

from .errors import DocumentTemplateError

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "templates" / "documents"
LIBRARY = "signing.rendering.library"


class SandboxEngine(Engine):
    default_builtins: list[str] = []  # Django's full built-ins are replaced by LIBRARY


@functools.cache
def shipped_templates() -> dict[str, str]:
    """The templates a document may extend or include, by name ("documents/base.html")."""
    return {
        f"documents/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted(SHIPPED_DIR.glob("*.html"))
    }


@functools.cache
def sandbox_engine() -> SandboxEngine:
    loader = ("django.template.loaders.locmem.Loader", shipped_templates())
    return SandboxEngine(
        loaders=[("django.template.loaders.cached.Loader", [loader])],
        builtins=[LIBRARY],
        libraries={"documents": LIBRARY},
        autoescape=True,
        string_if_invalid="",
        debug=True,
    )


def _error(exc: Exception, name: str) -> DocumentTemplateError:
    if isinstance(exc, DocumentTemplateError):
        return exc
    message = str(exc) or type(exc).__name__
    if isinstance(exc, TemplateDoesNotExist):
        known = ", ".join(shipped_templates()) or "none"
        message = (
            f"template {str(exc)!r} does not exist; a document can only extend or include "
            f"the shipped templates ({known})"
        )
    if isinstance(exc, VariableDoesNotExist):
        # Django's message quotes the whole context: a dossier's personal data.
        key = exc.params[0] if exc.params else "?"
        message = f"{key!r} is not in the context (a filter's argument must be)"
    info: dict[str, Any] = getattr(exc, "template_debug", None) or {}
    where = info.get("name") or UNKNOWN_SOURCE
    if where == UNKNOWN_SOURCE:
        where = name
    return DocumentTemplateError(message, line=info.get("line"), template_name=where)


@functools.lru_cache(maxsize=64)
def template_compile(body: str, name: str = "") -> Template:
    """Compile ``body`` in the sandbox; a syntax error says its line."""
    origin = Origin(name or UNKNOWN_SOURCE, template_name=name)
    try:
        return Template(body, origin=origin, name=name or None, engine=sandbox_engine())
    except Exception as exc:
        raise _error(exc, name) from exc


def template_render(template: Template, context: dict[str, Any]) -> str:
    """Render a compiled template with plain data; any failure says where it happened."""
    try:
        return template.render(Context(context, autoescape=True))
    except Exception as exc:
        raise _error(exc, template.name or "") from exc
