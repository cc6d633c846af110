"""The parsed form: dataclasses of its fields, for cleaning and for the renderer."""

from dataclasses import dataclass
from typing import Any

FORMAT = "motcua/form@1"

TEXT_TYPES = ("text", "textarea")
CHOICE_TYPES = ("select", "multiselect", "radio")
TYPES = (
    "text",
    "textarea",
    "integer",
    "number",
    "date",
    "select",
    "multiselect",
    "radio",
    "checkbox",
    "id_number",
    "phone",
    "email",
    "address",
    "agency",
    "group",
)

# ``personal: <who>.<key>``: where the value goes in Dossier.personal (PersonDetails)
PERSONAL_WHO = ("owner", "applicant")
# each key, with the field types whose values fit it
PERSONAL_KEYS: dict[str, tuple[str, ...]] = {
    "full_name": ("text",),
    "id_number": ("id_number", "text"),
    "birth_date": ("date",),
    "phone": ("phone",),
    "email": ("email",),
    "address": ("address", "text", "textarea"),
}
# ``route: <name>`` on an agency field: what that agency becomes for the dossier
ROUTES = ("competent",)


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Repeat:
    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class Field:
    id: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    required_if: str | None = None
    visible_if: str | None = None
    has_default: bool = False
    default: Any = None
    personal: str | None = None
    # text, textarea
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    # integer, number (numbers); date (ISO dates or "today")
    min: Any = None
    max: Any = None
    # select, multiselect, radio
    options: tuple[Option, ...] = ()
    # id_number
    allow_legacy: bool = False
    # agency
    agency_kinds: tuple[str, ...] = ()
    route: str | None = None
    # group
    fields: tuple["Field", ...] = ()
    repeat: Repeat | None = None

    @property
    def is_group(self) -> bool:
        return self.type == "group"

    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)


@dataclass(frozen=True)
class Privacy:
    notice: str
    version: str
    children: bool = False


@dataclass(frozen=True)
class Form:
    """A form; ``Form()`` (no fields) is the empty schema ``{}``: "no form"."""

    fields: tuple[Field, ...] = ()
    title: str = ""
    privacy: Privacy | None = None
