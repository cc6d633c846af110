"""Definitions to start from: a small valid one, as the source mapping."""

import copy
from typing import Any

import pytest
from django.utils import translation

from workflows.definitions import ValidationContext

ROLES = {"reception", "specialist", "leader", "result_desk"}
OPEN = ValidationContext(roles=ROLES, forms={"review.form"}, handlers={"docs.render"}, agencies=())

SMALL: dict[str, Any] = {
    "format": "motcua/workflow@1",
    "name": "Thử nghiệm",
    "nodes": [
        {"id": "start", "kind": "start", "next": "reception"},
        {
            "id": "reception",
            "kind": "user_task",
            "role": "reception",
            "agency": {"from": "receiving"},
            "outcomes": {"accept": "done", "refuse": "refused"},
        },
        {"id": "done", "kind": "end", "result": "processed"},
        {"id": "refused", "kind": "end", "result": "refused"},
    ],
}


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """Messages are asserted in English (the msgids), whatever catalogue exists."""
    with translation.override("en"):
        yield


@pytest.fixture
def small() -> dict[str, Any]:
    return copy.deepcopy(SMALL)


def nodes(*items: dict[str, Any]) -> dict[str, Any]:
    return {"format": "motcua/workflow@1", "nodes": list(items)}
