"""Conditions on a dossier's data: a small, safe expression language (never ``eval``).

An expression is one Python-like expression over the name ``data`` (the dossier's data, a
mapping), literals, comparisons, ``and``/``or``/``not``, ``in``, arithmetic, ``x if c else y``
and the functions in ``FUNCTIONS``:

    data.channel == "post" and data.copies > 1
    lower(data.applicant_kind) in ["parent", "heir"]

``data.a.b`` reads keys of mappings (a missing key reads as ``None``, and so do the fields
of a missing key); ``data["a"]`` is the same. Nothing else has attributes: no methods, no
dunders, no imports, no lambdas or comprehensions. ``expression_check`` runs at publish
time (a whitelist over the syntax tree); evaluation goes through ``simpleeval`` with the
same restrictions, and a parsed expression is cached by its text.
"""

import ast
import datetime
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simpleeval import EvalWithCompoundTypes, FeatureNotAvailable, InvalidExpression

MAX_LENGTH = 1000


def _date(value: Any) -> datetime.date | None:
    """An ISO date or datetime string (or a date) as a date; ``None`` stays ``None``."""
    if value is None or type(value) is datetime.date:
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    parsed = datetime.datetime.fromisoformat(str(value))
    return timezone.localdate(parsed) if timezone.is_aware(parsed) else parsed.date()


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "len": len,
    "int": int,
    "float": float,
    "str": str,
    "bool": bool,
    "abs": abs,
    "min": min,
    "max": max,
    "round": round,
    "lower": lambda s: str(s).lower(),
    "upper": lambda s: str(s).upper(),
    "date": _date,  # date("2026-06-09") or date(data.birth_date): comparable dates
    "today": timezone.localdate,  # the local date (Asia/Ho_Chi_Minh), as the law counts
    "days_between": lambda a, b: (_date(b) - _date(a)).days,  # type: ignore[operator]
}
NAMES = ("data",)
CONSTANTS = {"True": True, "False": False, "None": None}

_ALLOWED = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.UAdd,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.FloorDiv,
    ast.Mod,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.In,
    ast.NotIn,
    ast.Is,
    ast.IsNot,
    ast.IfExp,
    ast.Call,
    ast.Name,
    ast.Load,
    ast.Attribute,
    ast.Subscript,
    ast.Constant,
    ast.List,
    ast.Tuple,
)


class ExpressionError(ValueError):
    """An expression that does not parse, uses what is not allowed, or fails on the data."""

    def __init__(self, message: Any, **params: Any) -> None:
        self.msgid, self.params = message, params
        super().__init__(str(self))

    def __str__(self) -> str:
        return str(self.msgid) % self.params


def expression_check(source: str) -> None:
    """Raise ExpressionError unless ``source`` is a valid expression (publish-time check)."""
    _parse(source)


@lru_cache(maxsize=2048)
def _parse(source: str) -> ast.expr:
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError(_("the expression is empty"))
    if len(source) > MAX_LENGTH:
        raise ExpressionError(_("the expression is longer than %(limit)s"), limit=MAX_LENGTH)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        raise ExpressionError(
            _("syntax error at column %(column)s"), column=error.offset or 0
        ) from None
    _check_node(tree)
    return tree.body


def _check_node(node: ast.AST) -> None:
    """Refuse anything outside the whitelist, walking the tree from the top."""
    if not isinstance(node, _ALLOWED):
        raise ExpressionError(_("%(construct)s is not allowed"), construct=type(node).__name__)
    if isinstance(node, ast.Name) and node.id not in NAMES and node.id not in CONSTANTS:
        if node.id in FUNCTIONS:
            raise ExpressionError(_("%(name)s is a function: call it"), name=node.id)
        raise ExpressionError(_("unknown name %(name)s (use data.<field>)"), name=node.id)
    if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
        raise ExpressionError(_("private attribute %(name)s"), name=node.attr)
    children: list[ast.AST] = list(ast.iter_child_nodes(node))
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            shown = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            raise ExpressionError(_("unknown function %(name)s"), name=shown)
        if node.keywords:
            raise ExpressionError(_("keyword arguments are not allowed"))
        children = list(node.args)
    for child in children:
        _check_node(child)


class _Evaluator(EvalWithCompoundTypes):
    """simpleeval, where ``x.name`` and ``x[key]`` only read mappings and sequences."""

    def _eval_attribute(self, node: ast.Attribute) -> Any:
        if node.attr.startswith("_"):
            raise FeatureNotAvailable(node.attr)
        container = self._eval(node.value)
        if container is None:
            return None  # an absent part of the data: its fields are absent too
        if not isinstance(container, Mapping):
            raise ExpressionError(_("only data fields have attributes (.%(name)s)"), name=node.attr)
        return container.get(node.attr)

    def _eval_subscript(self, node: ast.Subscript) -> Any:
        container = self._eval(node.value)
        key = self._eval(node.slice)
        if isinstance(container, Mapping):
            return container.get(key)
        if isinstance(container, list | tuple | str) and isinstance(key, int):
            return container[key] if -len(container) <= key < len(container) else None
        raise ExpressionError(_("cannot index %(type)s"), type=type(container).__name__)


def expression_evaluate(source: str, *, data: Mapping[str, Any]) -> Any:
    """The value of ``source`` over ``data``; ExpressionError when it cannot be computed."""
    parsed = _parse(source)
    evaluator = _Evaluator(functions=dict(FUNCTIONS), names={**CONSTANTS, "data": data})
    try:
        return evaluator.eval(source, previously_parsed=parsed)
    except ExpressionError:
        raise
    except (InvalidExpression, ArithmeticError, TypeError, ValueError, KeyError) as error:
        raise ExpressionError(
            _("cannot be computed on this data (%(error)s)"), error=type(error).__name__
        ) from None


def condition_holds(source: str, *, data: Mapping[str, Any]) -> bool:
    """Whether the condition ``source`` is true for ``data`` (a gateway branch's ``when``)."""
    return bool(expression_evaluate(source, data=data))
