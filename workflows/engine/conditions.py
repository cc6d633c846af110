"""Gateway conditions, evaluated on the dossier's data by the definitions' expression
language (safe evaluation, checked at publish)."""

from typing import Any


def condition_holds(expression: str, data: dict[str, Any]) -> bool:
    from core.expressions import condition_holds as holds

    return holds(expression, data=data)
