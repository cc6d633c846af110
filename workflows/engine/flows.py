"""The module where every published version's Flow class lives (PEP 562).

viewflow stores a process's flow as ``workflows/engine.flows.Version12Flow`` and resolves it
with ``import_string``, which lands in this module's ``__getattr__``: it loads version 12 and
compiles its definition. A built class is kept for the life of the Python process and never
replaced (viewflow caches flow classes and compares them by identity); versions that have
left draft are immutable, so rebuilding it elsewhere (another process, after a restart)
gives the same flow.
"""

import re
import threading
from typing import Any

_NAME = re.compile(r"Version(?P<pk>[1-9][0-9]*)Flow\Z")
_built: dict[str, type] = {}
_lock = threading.Lock()


def __getattr__(name: str) -> Any:
    match = _NAME.match(name)
    if match is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    with _lock:
        if name not in _built:
            _built[name] = _build(int(match["pk"]))
        return _built[name]


def _build(version_id: int) -> type:
    from workflows.models import ProcedureVersion

    from .compiler import compile_definition, flow_class_name
    from .definitions import definition_of

    version = ProcedureVersion.objects.select_related("procedure").filter(pk=version_id).first()
    if version is None:
        raise AttributeError(f"no procedure version {version_id}")
    if version.is_draft:
        raise AttributeError(f"procedure version {version_id} is a draft: it has no flow")
    title = f"{version.procedure.code} v{version.number}"
    return compile_definition(definition_of(version), name=flow_class_name(version_id), title=title)


def built() -> dict[str, type]:
    """The classes built so far in this Python process (for tests and diagnostics)."""
    return dict(_built)
