"""Definition text (YAML, or JSON, which YAML reads too) → plain data, strictly.

Stricter than ``yaml.safe_load`` where YAML surprises people: booleans are only
``true``/``false`` (YAML 1.1 reads an outcome called ``no`` or ``on`` as a boolean), a key
given twice in one mapping is an error (not "the last one wins"), and aliases are refused (a
few lines of them expand into an exponential structure: "billion laughs").
"""

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from .errors import DefinitionError, DefinitionInvalid


class _Refused(yaml.YAMLError):
    def __init__(self, error: DefinitionError) -> None:
        self.error = error


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            line = self.peek_event().start_mark.line + 1
            raise _Refused(DefinitionError("yaml_alias", "", {"line": line}))
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                repeated = key in seen
                seen.add(key)
            except TypeError:
                raise ConstructorError(
                    None, None, "a mapping key must be a scalar", key_node.start_mark
                ) from None
            if repeated:
                line = key_node.start_mark.line + 1
                raise _Refused(DefinitionError("duplicate_key", "", {"key": key, "line": line}))
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse_text(text: str) -> Any:
    """YAML or JSON text → plain data; DefinitionInvalid if it does not parse."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    except _Refused as refused:
        raise DefinitionInvalid([refused.error]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DefinitionInvalid(
            [DefinitionError("syntax", "", {"detail": f"{where}{problem}"})]
        ) from None
