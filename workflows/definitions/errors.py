"""What is wrong with a definition: one ``DefinitionError`` per problem, naming its node.

Messages are English msgids (translated when shown, in the reader's language); each
error keeps its kind (``code``), the node id it is about and the message's parameters,
so that the admin can place it next to the node and tests can assert on the kind.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from .messages import MESSAGES


@dataclass(frozen=True)
class DefinitionError:
    code: str  # one of MESSAGES' keys: "unknown_role", "unreachable", ...
    node: str = ""  # the node id (empty only for errors about the whole definition)
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The message in the active language."""
        return str(MESSAGES[self.code]) % {"node": self.node, **self.params}

    def __str__(self) -> str:
        return self.message

    def _key(self) -> tuple[str, str, str]:
        return (self.code, self.node, repr(sorted(self.params.items(), key=lambda kv: kv[0])))

    def __hash__(self) -> int:
        return hash(self._key())


def unique(errors: Iterable[DefinitionError]) -> list[DefinitionError]:
    """The errors in their order, each once."""
    return list(dict.fromkeys(errors))


class DefinitionInvalid(ValidationError):
    """A definition that cannot be published; ``errors`` lists every problem found."""

    def __init__(self, errors: Sequence[DefinitionError]) -> None:
        self.errors = list(errors)
        super().__init__(
            [
                ValidationError(
                    MESSAGES[e.code],  # type: ignore[arg-type]  # a lazy msgid
                    code=e.code,
                    params={"node": e.node, **e.params},
                )
                for e in self.errors
            ]
        )
