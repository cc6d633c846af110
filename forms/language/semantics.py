"""The checks on a form that has the right shape: what its parts say about each other.

Ids unique among siblings; conditions that are valid expressions and read fields in scope;
``personal`` targets from the allowed set, fitting the field's type, each used once, never
inside a repeating group; routes used once and not inside a repeating group; defaults
valid for their field.
"""

import ast
from collections.abc import Iterable

from django.utils.translation import gettext as _

from core.expressions import ExpressionError, expression_check

from .model import PERSONAL_KEYS, PERSONAL_WHO, Field, Form


def data_references(source: str) -> set[str]:
    """The top-level keys an expression reads: ``data.x``, ``data["x"]``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.strip(), mode="eval")):
        if isinstance(node, ast.Attribute | ast.Subscript) and isinstance(node.value, ast.Name):
            if node.value.id != "data":
                continue
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                names.add(node.slice.value)
    return names


class SemanticChecker:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self._personal: dict[str, str] = {}
        self._routes: dict[str, str] = {}

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def check(self, form: Form) -> list[str]:
        self._fields(form.fields, prefix="", scope=frozenset(), in_repeat=False)
        return self.errors

    def _fields(
        self, fields: Iterable[Field], *, prefix: str, scope: frozenset[str], in_repeat: bool
    ) -> None:
        fields = list(fields)
        seen: set[str] = set()
        for field in fields:
            if field.id in seen:
                self.error(prefix + field.id, _("the id is used twice"))
            seen.add(field.id)
        # conditions inside a group read its own fields and those of the groups around it
        scope = scope | seen
        for field in fields:
            where = prefix + field.id
            self._conditions(field, where, scope)
            self._personal_target(field, where, in_repeat)
            self._route(field, where, in_repeat)
            self._agency_kinds(field, where)
            self._default(field, where)
            if field.is_group:
                inner_repeat = in_repeat or field.repeat is not None
                self._fields(field.fields, prefix=f"{where}.", scope=scope, in_repeat=inner_repeat)

    def _conditions(self, field: Field, where: str, scope: frozenset[str]) -> None:
        if field.required and field.required_if:
            self.error(where, _("required and required_if together: keep one"))
        for key in ("visible_if", "required_if"):
            source = getattr(field, key)
            if source is None:
                continue
            try:
                expression_check(source)
            except ExpressionError as error:
                self.error(where, _("%(key)s: %(error)s") % {"key": key, "error": error})
                continue
            names = data_references(source)
            if not names and key == "required_if":
                self.error(where, _("required_if reads no field of the form"))
            for name in sorted(names - scope):
                message = _("%(key)s reads data.%(name)s, which is not a field of the form")
                self.error(where, message % {"key": key, "name": name})

    def _personal_target(self, field: Field, where: str, in_repeat: bool) -> None:
        if field.personal is None:
            return
        who, _dot, key = field.personal.partition(".")
        if who not in PERSONAL_WHO or key not in PERSONAL_KEYS:
            allowed = ", ".join(PERSONAL_KEYS)
            message = _("personal must be owner.<key> or applicant.<key>, key one of %(keys)s")
            self.error(where, message % {"keys": allowed})
        elif field.type not in PERSONAL_KEYS[key]:
            message = _("personal %(target)s does not take fields of type %(type)s")
            self.error(where, message % {"target": field.personal, "type": field.type})
        elif in_repeat:
            self.error(where, _("personal is not allowed inside a repeating group"))
        elif field.personal in self._personal:
            message = _("personal %(target)s is already used by %(other)s")
            other = self._personal[field.personal]
            self.error(where, message % {"target": field.personal, "other": other})
        else:
            self._personal[field.personal] = where

    def _route(self, field: Field, where: str, in_repeat: bool) -> None:
        if field.route is None:
            return
        if in_repeat:
            self.error(where, _("route is not allowed inside a repeating group"))
        elif field.route in self._routes:
            message = _("route %(route)s is already set by %(other)s")
            self.error(where, message % {"route": field.route, "other": self._routes[field.route]})
        else:
            self._routes[field.route] = where

    def _agency_kinds(self, field: Field, where: str) -> None:
        from forms.agencies import known_agency_kinds

        known = known_agency_kinds() if field.agency_kinds else None
        if known is None:
            return
        for kind in field.agency_kinds:
            if kind not in known:
                self.error(where, _("agency_kinds: unknown kind %(kind)s") % {"kind": kind})

    def _default(self, field: Field, where: str) -> None:
        if not field.has_default:
            return
        from forms.cleaning.values import EMPTY, ValueInvalid, value_clean

        try:
            value = value_clean(field, field.default, lookup=False)
        except ValueInvalid as error:
            self.error(where, _("the default is not valid: %(error)s") % {"error": error.message})
            return
        if value is EMPTY:
            self.error(where, _("the default is empty: leave it out"))
