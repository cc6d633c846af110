"""Bind a form (``forms.load_form``) to data and errors, and render it to HTML."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from forms import addresses, load_form
from forms.language import Field
from portal.formrender.actions import ADD, REMOVE
from portal.formrender.bound import BoundField, Choice, Row
from portal.formrender.choices import agency_choices
from portal.formrender.conditions import condition_note, is_visible, names_read, scope_values

_LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
_TRUE = {"on", "true", "1", "yes"}
_INPUTS: dict[str, dict[str, str]] = {
    "text": {"type": "text"},
    "integer": {"type": "text", "inputmode": "numeric"},
    "number": {"type": "text", "inputmode": "decimal"},
    "date": {"type": "date"},
    "id_number": {"type": "text", "inputmode": "numeric", "autocomplete": "off"},
    "phone": {"type": "tel", "autocomplete": "tel"},
    "email": {"type": "email", "autocomplete": "email"},
}
_AUTOCOMPLETE = {"full_name": "name", "birth_date": "bday"}


@dataclass(frozen=True)
class ErrorLink:
    href: str  # "#f-siblings-0-name"
    label: str
    message: str


@dataclass(frozen=True)
class RenderedForm:
    fields: list[BoundField]
    summary: list[ErrorLink]  # for the summary of errors at the top of the page
    html: SafeString  # the fields (no <form>, no buttons of the page's own)


def html_id(path: str) -> str:
    return "f-" + path.replace(".", "-")


def form_render(
    schema: Mapping[str, Any],
    *,
    data: Mapping[str, Any] | None = None,
    errors: Mapping[str, list[str]] | None = None,
    refresh_url: str = "",
) -> RenderedForm:
    """The form bound to ``data`` (``None``: a new form, with its defaults) and ``errors``
    (``FormDataInvalid.errors``, keyed by path). ``refresh_url``: where htmx posts the form
    to re-render its fields when a field that others depend on changes (optional)."""
    form = load_form(schema)
    binder = _Binder(errors or {}, fresh=data is None, watched=names_read(form.fields))
    fields = binder.bind(form.fields, data or {}, prefix="", outer={})
    summary = binder.summary()
    html = render_to_string(
        "portal/formrender/fields.html",
        {"fields": fields, "refresh_url": refresh_url, "ADD": ADD, "REMOVE": REMOVE},
    )
    return RenderedForm(fields=fields, summary=summary, html=SafeString(html))


class _Binder:
    def __init__(self, errors: Mapping[str, list[str]], *, fresh: bool, watched: set[str]):
        self.errors = errors
        self.fresh = fresh
        self.watched = watched
        self.shown: list[tuple[str, str, str]] = []  # (path, id, label) in order
        self.labels: dict[str, Field] = {}

    def bind(
        self, fields: tuple[Field, ...], raw: Any, *, prefix: str, outer: Mapping[str, Any]
    ) -> list[BoundField]:
        raw = raw if isinstance(raw, Mapping) else {}
        scope = {**outer, **scope_values(fields, raw)}
        self.labels.update({f.id: f for f in fields})
        return [self._one(f, raw, prefix + f.id, scope) for f in fields]

    def _one(self, field: Field, raw: Mapping[str, Any], path: str, scope: Any) -> BoundField:
        bound = BoundField(
            path=path,
            id=html_id(path),
            type=field.type,
            label=field.label,
            help=field.help,
            required=field.required,
            sometimes_required=bool(field.required_if),
            note=condition_note(field.visible_if, self.labels),
            visible=is_visible(field, scope),
            refresh=field.id in self.watched,
            errors=list(self.errors.get(path, ())),
        )
        anchor = bound.id + ("-province" if field.type == "address" else "")
        self.shown.append((path, anchor, field.label))
        value = raw.get(field.id)
        if self.fresh and field.id not in raw and field.has_default:
            value = field.default
        if field.is_group:
            self._group(bound, field, value, scope)
        elif field.type == "address":
            self._address(bound, value)
        else:
            self._value(bound, field, value)
        return bound

    def _value(self, bound: BoundField, field: Field, value: Any) -> None:
        if field.type == "checkbox":
            bound.checked = value is True or str(value).strip().lower() in _TRUE
            return
        if field.type in ("select", "radio", "multiselect"):
            chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
            bound.choices = [Choice(o.value, o.label, o.value in chosen) for o in field.options]
            return
        if field.type == "agency":
            bound.choices = [
                Choice(code, name, code == value) for code, name in agency_choices(field)
            ]
            return
        bound.value = "" if value is None else str(value)
        attrs: dict[str, Any] = dict(_INPUTS.get(field.type, {}))
        if field.max_length is not None:
            attrs["maxlength"] = field.max_length
        if field.type == "date":
            for key in ("min", "max"):
                if (limit := getattr(field, key)) is not None:
                    attrs[key] = _today() if limit == "today" else str(limit)
        if field.personal and (key := field.personal.split(".")[1]) in _AUTOCOMPLETE:
            attrs["autocomplete"] = _AUTOCOMPLETE[key]
        bound.attrs = attrs

    def _address(self, bound: BoundField, value: Any) -> None:
        value = value if isinstance(value, Mapping) else {}
        province = addresses.province_code(value.get("province")) or ""
        commune = addresses.commune_code(value.get("commune")) or ""
        bound.provinces = [
            Choice(p.code, p.name, p.code == province) for p in addresses.provinces()
        ]
        bound.communes = [
            Choice(c.code, c.name, c.code == commune) for c in addresses.communes(province)
        ]
        bound.street = str(value.get("street") or "")
        bound.refresh = True

    def _group(self, bound: BoundField, field: Field, value: Any, scope: Any) -> None:
        if field.repeat is None:
            bound.children = self.bind(field.fields, value, prefix=bound.path + ".", outer=scope)
            return
        rows = value if isinstance(value, list) else []
        if self.fresh and not rows:
            rows = [{}] * field.repeat.min
        low, high = field.repeat.min, field.repeat.max
        bound.repeating = True
        bound.can_add = high is None or len(rows) < high
        for index, row in enumerate(rows):
            path = f"{bound.path}.{index}"
            children = self.bind(field.fields, row, prefix=path + ".", outer=scope)
            bound.rows.append(Row(index, path, f"{path}._row", children, len(rows) > low))

    def summary(self) -> list[ErrorLink]:
        links: list[ErrorLink] = []
        seen: set[str] = set()
        for path, anchor, label in self.shown:
            for message in self.errors.get(path, ()):
                links.append(ErrorLink("#" + anchor, label, message))
            seen.add(path)
        for path, messages in self.errors.items():
            if path not in seen:
                links.extend(ErrorLink("#form-fields", _("The form"), m) for m in messages)
        return links


def _today() -> str:
    return datetime.datetime.now(_LOCAL).date().isoformat()
