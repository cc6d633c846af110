"""The admin's one door to the definition language: text <-> stored source <-> Definition.

Every call into ``workflows.definitions`` (parse, load, dump, validate) made by the admin
is here, and every problem comes back as a ``Problem`` (the node id and a message), so the
pages group them by node whatever raised them.
"""

from dataclasses import dataclass
from typing import Any

import yaml
from django.utils.translation import gettext as _

from workflows.definitions import DefinitionInvalid, dump, load, parse_text, validate
from workflows.definitions.model import Definition

MAX_CHARS = 200_000  # a large procedure's YAML is a few thousand characters


@dataclass(frozen=True)
class Problem:
    node: str  # empty for a problem of the whole definition
    message: str


class SourceInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def _problems(errors: Any) -> list[Problem]:
    return [Problem(getattr(e, "node", ""), str(getattr(e, "message", e))) for e in errors]


def source_text(raw: Any) -> str:
    """The stored source as YAML for the text area ('' for an empty definition).

    In canonical field order when it loads (the author's order of outcomes is kept).
    """
    if not raw:
        return ""
    return yaml.safe_dump(normalised(raw), sort_keys=False, allow_unicode=True, width=100)


def read_text(text: str) -> tuple[dict[str, Any], Definition]:
    """YAML/JSON text -> (the canonical source to store, the Definition); SourceInvalid."""
    if len(text) > MAX_CHARS:
        message = _("The definition is longer than %(limit)s characters.")
        raise SourceInvalid([Problem("", message % {"limit": MAX_CHARS})])
    try:
        return canonical(load(parse_text(text)))
    except DefinitionInvalid as exc:
        raise SourceInvalid(_problems(exc.errors)) from None


def canonical(definition: Definition) -> tuple[dict[str, Any], Definition]:
    """The source to store for a Definition built elsewhere (BPMN), checked like typed text."""
    try:
        raw = dump(definition)
        return raw, load(raw)
    except DefinitionInvalid as exc:
        raise SourceInvalid(_problems(exc.errors)) from None


def read_stored(raw: Any) -> tuple[Definition | None, list[Problem]]:
    """A stored source -> (its Definition or None, every problem: shape first, then graph)."""
    if not raw:
        return None, [Problem("", _("The definition is empty."))]
    try:
        definition = load(raw)
    except DefinitionInvalid as exc:
        return None, _problems(exc.errors)
    return definition, check(definition)


def check(definition: Definition) -> list[Problem]:
    """What would stop ``definition`` from being published (unknown roles, dead ends, ...)."""
    return _problems(validate(definition))


def normalised(raw: Any) -> Any:
    """The canonical form of a stored source when it loads (for comparisons), else itself."""
    try:
        return dump(load(raw))
    except DefinitionInvalid:
        return raw


def by_node(problems: list[Problem], order: list[str]) -> list[tuple[str, list[str]]]:
    """Problems grouped per node: the whole definition first, then nodes in ``order``."""
    groups: dict[str, list[str]] = {}
    for problem in problems:
        groups.setdefault(problem.node, []).append(problem.message)
    rank = {node: index for index, node in enumerate(["", *order])}
    return sorted(groups.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))
