"""Read a raw schema (the JSON stored in ProcedureVersion.form_schema) into a ``Form``.

The reader checks the shape as it goes: unknown keys, unknown types, values of the wrong
kind. Each problem is one message naming where it is (the field's data path, such as
``siblings.name``); a part with a problem is left out of the ``Form`` it returns, so the
semantic checks that follow only see well-formed parts.
"""

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from .keys import (
    ALL_FIELD_KEYS,
    FIELD_KEYS,
    FORM_KEYS,
    OPTION_KEYS,
    PRIVACY_KEYS,
    REPEAT_KEYS,
)
from .model import CHOICE_TYPES, FORMAT, ROUTES, TYPES, Field, Form, Option, Privacy, Repeat

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,59}")
MAX_DEPTH = 3  # groups inside groups inside groups, no deeper
MAX_PATTERN = 500


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class SchemaReader:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def read(self, raw: Any) -> Form:
        if not isinstance(raw, Mapping):
            self.error("form", _("a form schema must be a mapping"))
            return Form()
        if not raw:
            return Form()
        self._unknown(raw, FORM_KEYS, "form")
        if raw.get("format") != FORMAT:
            self.error("form", _("format must be %(format)s") % {"format": FORMAT})
        title = raw.get("title", "")
        if not isinstance(title, str):
            self.error("title", _("must be text"))
            title = ""
        privacy = self._privacy(raw["privacy"]) if "privacy" in raw else None
        fields = self._fields(raw.get("fields"), prefix="", depth=1, where="fields")
        return Form(fields=fields, title=title, privacy=privacy)

    def _unknown(self, raw: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in raw:
            if key not in allowed:
                self.error(where, _("unknown key %(key)s") % {"key": key})

    def _privacy(self, raw: Any) -> Privacy | None:
        if not isinstance(raw, Mapping):
            self.error("privacy", _("must be a mapping"))
            return None
        self._unknown(raw, PRIVACY_KEYS, "privacy")
        notice, version = raw.get("notice"), raw.get("version")
        children = raw.get("children", False)
        ok = True
        if not isinstance(notice, str) or not notice.strip():
            self.error("privacy", _("the privacy notice needs its text (notice)"))
            ok = False
        if not isinstance(version, str | int) or isinstance(version, bool) or not str(version):
            self.error("privacy", _("the privacy notice needs a version"))
            ok = False
        if not isinstance(children, bool):
            self.error("privacy", _("children must be true or false"))
            ok = False
        if not ok:
            return None
        return Privacy(notice=str(notice), version=str(version).strip(), children=children)

    def _fields(self, raw: Any, *, prefix: str, depth: int, where: str) -> tuple[Field, ...]:
        if not isinstance(raw, list) or not raw:
            self.error(where, _("fields must be a non-empty list"))
            return ()
        read = (
            self._field(item, prefix=prefix, index=i, depth=depth) for i, item in enumerate(raw)
        )
        return tuple(field for field in read if field is not None)

    def _field(self, raw: Any, *, prefix: str, index: int, depth: int) -> Field | None:
        where = f"{prefix}fields[{index}]"
        if not isinstance(raw, Mapping):
            self.error(where, _("a field must be a mapping"))
            return None
        field_id = raw.get("id")
        if not isinstance(field_id, str) or not ID_PATTERN.fullmatch(field_id):
            self.error(where, _("id must match [a-z][a-z0-9_]{0,59}"))
            return None
        where = prefix + field_id
        kind = raw.get("type")
        if kind not in TYPES:
            self.error(where, _("unknown type %(type)s") % {"type": kind})
            return None
        before = len(self.errors)
        for key in raw:
            if key in FIELD_KEYS[kind]:
                continue
            if key in ALL_FIELD_KEYS:
                message = _("%(key)s is not allowed on fields of type %(type)s")
                self.error(where, message % {"key": key, "type": kind})
            else:
                self.error(where, _("unknown key %(key)s") % {"key": key})
        values = self._common(raw, where)
        values.update(self._specific(raw, kind, where, depth))
        if len(self.errors) > before:
            return None
        return Field(id=field_id, type=kind, **values)

    def _text(self, raw: Mapping[str, Any], key: str, where: str, *, needed: bool = False) -> Any:
        value = raw.get(key)
        if value is None and not needed:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(where, _("%(key)s must be non-empty text") % {"key": key})
            return None
        return value

    def _bool(self, raw: Mapping[str, Any], key: str, where: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            self.error(where, _("%(key)s must be true or false") % {"key": key})
            return False
        return value

    def _common(self, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        values: dict[str, Any] = {
            "label": self._text(raw, "label", where, needed=True) or "",
            "help": self._text(raw, "help", where) or "",
            "visible_if": self._text(raw, "visible_if", where),
            "required_if": self._text(raw, "required_if", where),
            "personal": self._text(raw, "personal", where),
            "required": self._bool(raw, "required", where),
        }
        if "default" in raw:
            values.update(has_default=True, default=raw["default"])
        return values

    def _specific(
        self, raw: Mapping[str, Any], kind: str, where: str, depth: int
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if kind in ("text", "textarea"):
            values.update(self._lengths(raw, where))
        elif kind in ("integer", "number", "date"):
            values.update(self._bounds(raw, kind, where))
        elif kind in CHOICE_TYPES:
            values["options"] = self._options(raw.get("options"), where)
        elif kind == "id_number":
            values["allow_legacy"] = self._bool(raw, "allow_legacy", where)
        elif kind == "agency":
            values.update(self._agency(raw, where))
        elif kind == "group":
            values.update(self._group(raw, where, depth))
        return values

    def _lengths(self, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in ("min_length", "max_length"):
            if key in raw:
                if not _is_int(raw[key]) or raw[key] < 0:
                    self.error(where, _("%(key)s must be a whole number >= 0") % {"key": key})
                else:
                    values[key] = raw[key]
        low, high = values.get("min_length"), values.get("max_length")
        if low is not None and high is not None and low > high:
            self.error(where, _("min_length is greater than max_length"))
        if "pattern" in raw:
            pattern = raw["pattern"]
            try:
                if not isinstance(pattern, str) or not pattern or len(pattern) > MAX_PATTERN:
                    raise re.error("not a pattern")
                re.compile(pattern)
            except re.error:
                self.error(where, _("pattern is not a valid regular expression"))
            else:
                values["pattern"] = pattern
        return values

    def _bounds(self, raw: Mapping[str, Any], kind: str, where: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in ("min", "max"):
            if key not in raw:
                continue
            value = raw[key]
            if kind == "date":
                value = _date_bound(value)
                if value is None:
                    self.error(where, _("%(key)s must be an ISO date or today") % {"key": key})
                    continue
            elif not (_is_int(value) if kind == "integer" else _is_number(value)):
                self.error(where, _("%(key)s must be a number of the field's type") % {"key": key})
                continue
            values[key] = value
        low, high = values.get("min"), values.get("max")
        if low is not None and high is not None and "today" not in (low, high) and low > high:
            self.error(where, _("min is greater than max"))
        return values

    def _options(self, raw: Any, where: str) -> tuple[Option, ...]:
        if not isinstance(raw, list) or not raw:
            self.error(where, _("options must be a non-empty list"))
            return ()
        options: list[Option] = []
        for index, item in enumerate(raw):
            if not isinstance(item, Mapping):
                self.error(where, _("option %(n)s must be a mapping") % {"n": index})
                continue
            self._unknown(item, OPTION_KEYS, f"{where} option {index}")
            value, label = item.get("value"), item.get("label")
            if not isinstance(value, str) or not value.strip():
                self.error(where, _("option %(n)s needs a text value") % {"n": index})
            elif not isinstance(label, str) or not label.strip():
                self.error(where, _("option %(n)s needs a label") % {"n": index})
            elif value in (option.value for option in options):
                self.error(where, _("option value %(value)s is repeated") % {"value": value})
            else:
                options.append(Option(value=value, label=label))
        return tuple(options)

    def _agency(self, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if "agency_kinds" in raw:
            kinds = raw["agency_kinds"]
            if (
                not isinstance(kinds, list)
                or not kinds
                or not all(isinstance(k, str) and k for k in kinds)
            ):
                self.error(where, _("agency_kinds must be a non-empty list of kinds"))
            else:
                values["agency_kinds"] = tuple(kinds)
        if "route" in raw:
            if raw["route"] not in ROUTES:
                allowed = ", ".join(ROUTES)
                message = _("route must be one of: %(allowed)s")
                self.error(where, message % {"allowed": allowed})
            else:
                values["route"] = raw["route"]
        return values

    def _group(self, raw: Mapping[str, Any], where: str, depth: int) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if depth > MAX_DEPTH:
            self.error(where, _("groups nest at most %(n)s deep") % {"n": MAX_DEPTH})
            return values
        values["fields"] = self._fields(
            raw.get("fields"), prefix=f"{where}.", depth=depth + 1, where=where
        )
        if "repeat" in raw:
            values["repeat"] = self._repeat(raw["repeat"], where)
        return values

    def _repeat(self, raw: Any, where: str) -> Repeat | None:
        if not isinstance(raw, Mapping):
            self.error(where, _("repeat must be a mapping {min, max}"))
            return None
        self._unknown(raw, REPEAT_KEYS, f"{where} repeat")
        low, high = raw.get("min", 0), raw.get("max")
        if not _is_int(low) or low < 0 or (high is not None and (not _is_int(high) or high < 1)):
            self.error(where, _("repeat min and max must be whole numbers (max >= 1)"))
            return None
        if high is not None and low > high:
            self.error(where, _("repeat min is greater than max"))
            return None
        return Repeat(min=low, max=high)


def _date_bound(value: Any) -> str | None:
    """A date field's min or max as stored: "today" or an ISO date (YAML may give a date)."""
    if value == "today":
        return "today"
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None
