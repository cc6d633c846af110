"""The procedure package ``motcua/procedure@1``: one YAML (or JSON) file holding a procedure,
the scope of its version, its cases (documents, fee, legal deadline), its form and its
workflow (docs/procedures.md).

``package_read`` parses and checks the package's shape (JSON Schema) and returns a
``Package``; the workflow and the form are checked by their own languages when installed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from workflows.definitions import DefinitionInvalid, parse_text
from workflows.errors import ProcedurePackageInvalid
from workflows.models import Procedure, ProcedureCase
from workflows.models.cases import REQUIRED_DOCUMENTS_SCHEMA

FORMAT = "motcua/procedure@1"

_TEXT = {"type": "string"}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["format", "procedure", "cases", "form", "workflow"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT},
        "procedure": {
            "type": "object",
            "required": ["code", "name"],
            "additionalProperties": False,
            "properties": {
                "code": {"type": "string", "pattern": r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$"},
                "name": {"type": "string", "minLength": 1, "maxLength": 500},
                "field": {"type": "string", "maxLength": 200},
                "online_level": {"enum": list(Procedure.OnlineLevel.values)},
                "legal_basis": _TEXT,
                "deciding_authority": _TEXT,
            },
        },
        "scope": {"type": ["string", "null"]},
        "note": _TEXT,
        "retention_years": {"type": "integer", "minimum": 1, "maximum": 100},
        "cases": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["code", "name", "deadline"],
                "additionalProperties": False,
                "properties": {
                    "code": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 60},
                    "name": {"type": "string", "minLength": 1, "maxLength": 500},
                    "documents": REQUIRED_DOCUMENTS_SCHEMA,
                    "fee": {
                        "type": "object",
                        "required": ["amount"],
                        "additionalProperties": False,
                        "properties": {
                            "amount": {"type": "integer", "minimum": 0},
                            "name": {"type": "string", "maxLength": 255},
                        },
                    },
                    "deadline": {
                        "type": "object",
                        "required": ["unit"],
                        "additionalProperties": False,
                        "properties": {
                            "amount": {"type": "integer", "minimum": 0, "maximum": 10000},
                            "unit": {"enum": list(ProcedureCase.DeadlineUnit.values)},
                        },
                    },
                    "cutoff": {"type": "boolean"},
                },
            },
        },
        "form": {"type": "object"},
        "workflow": {"type": "object"},
    },
}


@dataclass(frozen=True)
class Package:
    procedure: Mapping[str, Any]
    scope: str | None  # an agency code, or None: the whole province
    cases: tuple[Mapping[str, Any], ...]  # ProcedureCase field values, in order
    form: Mapping[str, Any]
    workflow: Mapping[str, Any]
    retention_years: int | None = None
    note: str = ""


def package_read(source: str | Path | Mapping[str, Any]) -> Package:
    """A package from a file (a ``Path``, or a ``str`` naming an existing .yaml/.yml/.json
    file), from its text, or from the parsed mapping; ProcedurePackageInvalid otherwise."""
    raw = _parsed(source)
    errors = [
        f"{_where(error.absolute_path)}: {error.message}"
        for error in sorted(
            Draft202012Validator(SCHEMA).iter_errors(raw), key=lambda e: list(map(str, e.path))
        )
    ]
    if not errors and isinstance(raw, Mapping):
        errors += _case_errors(raw["cases"])
    if errors:
        raise ProcedurePackageInvalid(errors)
    return Package(
        procedure=dict(raw["procedure"]),
        scope=raw.get("scope"),
        cases=tuple(_case(item, order) for order, item in enumerate(raw["cases"], start=1)),
        form=raw["form"],
        workflow=raw["workflow"],
        retention_years=raw.get("retention_years"),
        note=raw.get("note", ""),
    )


def _parsed(source: str | Path | Mapping[str, Any]) -> Any:
    if isinstance(source, Mapping):
        return source
    if isinstance(source, str) and "\n" not in source and source.endswith(_SUFFIXES):
        source = Path(source)
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    try:
        return parse_text(text)
    except DefinitionInvalid as invalid:
        raise ProcedurePackageInvalid([e.message for e in invalid.errors]) from None


_SUFFIXES = (".yaml", ".yml", ".json")


def _where(path: Any) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "package"


def _case_errors(cases: list[Mapping[str, Any]]) -> list[str]:
    errors = []
    codes = [case["code"] for case in cases]
    if len(codes) != len(set(codes)):
        errors.append(_("cases: two cases have the same code"))
    for index, case in enumerate(cases, start=1):
        documents = [d["code"] for d in case.get("documents", [])]
        if len(documents) != len(set(documents)):
            message = _("cases[%(index)s].documents: two documents have the same code")
            errors.append(message % {"index": index})
        deadline = case["deadline"]
        if deadline["unit"] != ProcedureCase.DeadlineUnit.SAME_DAY and not deadline.get("amount"):
            message = _("cases[%(index)s].deadline.amount: at least 1 for %(unit)s")
            errors.append(message % {"index": index, "unit": deadline["unit"]})
    return errors


def _case(raw: Mapping[str, Any], order: int) -> dict[str, Any]:
    fee = raw.get("fee", {})
    deadline = raw["deadline"]
    same_day = deadline["unit"] == ProcedureCase.DeadlineUnit.SAME_DAY
    return {
        "code": raw["code"],
        "name": raw["name"],
        "required_documents": [dict(item) for item in raw.get("documents", [])],
        "fee_amount": fee.get("amount", 0),
        "fee_name": fee.get("name", ""),
        "deadline_amount": 0 if same_day else deadline["amount"],
        "deadline_unit": deadline["unit"],
        "cutoff_applies": raw.get("cutoff", False),
        "order": order,
    }
