"""The buttons that change a form's shape without submitting it (no JavaScript needed)."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from forms.language import Field, load_form

ADD = "_fr_add"  # value: the path of a repeating group ("siblings", "parent.children")
REMOVE = "_fr_remove"  # value: the path of a row ("siblings.2")
REFRESH = "_fr_refresh"  # re-render (the communes of the chosen province, the conditions)


@dataclass(frozen=True)
class FormAction:
    kind: str  # "add", "remove" or "refresh"
    path: str = ""

    def apply(self, schema: Mapping[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        """``data`` (from ``form_data_from_post``) with the row added or removed."""
        if self.kind == "refresh":
            return data
        parts = self.path.split(".")
        if self.kind == "remove":
            parts, index = parts[:-1], parts[-1]
            if not index.isdigit():
                return data
        field, rows = _rows(load_form(schema).fields, data, parts)
        if field is None or rows is None:
            return data
        if self.kind == "add":
            limit = field.repeat.max if field.repeat else None
            if limit is None or len(rows) < limit:
                rows.append({})
        elif int(index) < len(rows):
            del rows[int(index)]
        return data


def _rows(
    fields: tuple[Field, ...], data: dict[str, Any], parts: list[str]
) -> tuple[Field | None, list[Any] | None]:
    """The repeating group at ``parts`` and its list of rows in ``data`` (made if absent)."""
    container: Any = data
    field: Field | None = None
    for position, part in enumerate(parts):
        if isinstance(container, list):
            if not part.isdigit() or int(part) >= len(container):
                return None, None
            container = container[int(part)]
            continue
        field = next((f for f in fields if f.id == part and f.is_group), None)
        if field is None or not isinstance(container, dict):
            return None, None
        fields = field.fields
        last = position == len(parts) - 1
        default: Any = [] if field.repeat is not None else {}
        container = container.setdefault(part, default)
        if last:
            break
    if field is None or field.repeat is None or not isinstance(container, list):
        return None, None
    return field, container


def form_action(post: Mapping[str, Any]) -> FormAction | None:
    """The shape-changing button that was pressed, if any (else the post is a save/submit)."""
    if post.get(ADD):
        return FormAction("add", str(post[ADD]))
    if post.get(REMOVE):
        return FormAction("remove", str(post[REMOVE]))
    if REFRESH in post:
        return FormAction("refresh")
    return None
