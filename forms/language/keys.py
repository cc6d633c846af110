"""Which keys each part of a form may have."""

from .model import CHOICE_TYPES, TEXT_TYPES, TYPES

FORM_KEYS = ("format", "title", "privacy", "fields")
PRIVACY_KEYS = ("children", "version", "notice")
OPTION_KEYS = ("value", "label")
REPEAT_KEYS = ("min", "max")

COMMON_KEYS = ("id", "type", "label", "help", "visible_if")
VALUE_KEYS = ("required", "required_if", "default", "personal")

_BY_TYPE: dict[str, tuple[str, ...]] = {
    **{name: ("min_length", "max_length", "pattern") for name in TEXT_TYPES},
    "integer": ("min", "max"),
    "number": ("min", "max"),
    "date": ("min", "max"),
    **{name: ("options",) for name in CHOICE_TYPES},
    "id_number": ("allow_legacy",),
    "agency": ("agency_kinds", "route"),
    "group": ("fields", "repeat"),
}

FIELD_KEYS: dict[str, frozenset[str]] = {
    name: frozenset(COMMON_KEYS + (() if name == "group" else VALUE_KEYS) + _BY_TYPE.get(name, ()))
    for name in TYPES
}
ALL_FIELD_KEYS = frozenset().union(*FIELD_KEYS.values())
