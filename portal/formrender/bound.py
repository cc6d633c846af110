"""A form's fields bound to the data shown and its errors: what the templates draw."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Choice:
    value: str
    label: str
    selected: bool = False


@dataclass
class Row:
    index: int
    path: str  # "siblings.2"
    marker: str  # a hidden input's name, so that a row with nothing filled is still a row
    fields: list["BoundField"]
    removable: bool


@dataclass
class BoundField:
    path: str
    id: str  # the HTML id: "f-siblings-2-name"
    type: str
    label: str
    help: str = ""
    required: bool = False
    sometimes_required: bool = False
    note: str = ""  # the condition, for readers without JavaScript
    visible: bool = True  # on the data shown (JavaScript hides the others)
    refresh: bool = False  # other fields depend on it: JavaScript re-renders on change
    errors: list[str] = field(default_factory=list)
    value: str = ""
    checked: bool = False
    choices: list[Choice] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)  # input type, inputmode, min, max...
    # address
    provinces: list[Choice] = field(default_factory=list)
    communes: list[Choice] = field(default_factory=list)
    street: str = ""
    # group
    children: list["BoundField"] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    repeating: bool = False
    can_add: bool = False

    @property
    def template(self) -> str:
        return f"portal/formrender/{_TEMPLATES.get(self.type, 'input')}.html"

    @property
    def described_by(self) -> str:
        ids = [self.id + "-help"] if self.help else []
        ids += [self.id + "-note"] if self.note else []
        ids += [self.id + "-error"] if self.errors else []
        return " ".join(ids)


_TEMPLATES = {
    "textarea": "textarea",
    "select": "select",
    "agency": "select",
    "radio": "choices",
    "multiselect": "choices",
    "checkbox": "checkbox",
    "address": "address",
    "group": "group",
}
