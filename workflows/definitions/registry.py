"""The code a definition may name: service handlers and step forms.

    from workflows.definitions.registry import service_handlers, step_forms

    @service_handlers.register("documents.render_result")
    def render_result(**kwargs): ...

A definition names them (``handler:``, ``form:``); publishing refuses a name that is not
registered. The engine defines how a handler is called (on a worker, through the outbox)
and how a step form is shown; names are dotted lower-case identifiers.
"""

from collections.abc import Callable
from typing import Any

from core.registry import Registry

service_handlers: Registry[Callable[..., Any]] = Registry("service handler")
step_forms: Registry[type[Any]] = Registry("step form")
