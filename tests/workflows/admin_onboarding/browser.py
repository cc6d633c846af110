"""A browser's part in the admin tests: read a page's form and post what a browser would send
(its hidden inputs, the management forms, the CSRF token, the values shown, checked boxes,
selected options), with the fields the user changed."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.test.client import MULTIPART_CONTENT


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)

    def data(self, **changes: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, value in self.fields:
            if name in values:  # a multiple select or checkboxes of one name
                previous = values[name]
                values[name] = (
                    [*previous, value] if isinstance(previous, list) else [previous, value]
                )
            else:
                values[name] = value
        for name, value in changes.items():
            if value is None:
                values.pop(name, None)
            else:
                values[name] = value
        return values


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[dict[str, str], Form]] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._text = ""
        self._select: str | None = None
        self._option: dict[str, str] | None = None
        self._option_text = ""
        self._select_options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""))
            self.forms.append((a, self._form))
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._form.fields.append(
                (a["name"], a.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], ""
        elif tag == "select" and a.get("name"):
            self._select, self._select_options = a["name"], []
        elif tag == "option" and self._select is not None:
            self._option, self._option_text = a, ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data
        if self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None and self._form is not None:
            text = self._text[1:] if self._text.startswith("\n") else self._text
            self._form.fields.append((self._textarea, text))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value", self._option_text.strip())
            self._select_options.append((value, "selected" in self._option))
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = [v for v, selected in self._select_options if selected]
            if not chosen and self._select_options:
                chosen = [self._select_options[0][0]]
            self._form.fields.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "form":
            self._form = None


def page_form(response: Any, form_id: str | None = None, action: str = "") -> Form:
    """The page's POST form: the one with ``form_id``, or posting to ``action``, else the first
    posting one but the header's logout form."""
    assert response.status_code == 200, response.status_code
    parser = _FormParser()
    parser.feed(response.content.decode())
    for attrs, form in parser.forms:
        if attrs.get("method", "get").lower() != "post":
            continue
        if form_id is not None and attrs.get("id") != form_id:
            continue
        if action and form.action != action:
            continue
        if form_id is None and attrs.get("id") == "logout-form":
            continue
        return form
    raise LookupError(f"no form {form_id or 'posting'} on the page")


def submit(
    client: Client, url: str, form_id: str | None = None, action: str = "", **changes: Any
) -> Any:
    """GET ``url``, fill its form with ``changes`` (None removes a field), POST it."""
    form = page_form(client.get(url), form_id, action)
    action = form.action or url
    response: Any = client.post(action, form.data(**changes), content_type=MULTIPART_CONTENT)
    return response


def problems(response: Any) -> str:
    """The page's error notes and lists, for an assertion's message."""
    text = response.content.decode()
    return (
        " | ".join(part.split("</ul>")[0] for part in text.split('class="errorlist')[1:])
        or text[:2000]
    )


def with_row(data: dict[str, Any], prefix: str, values: dict[str, str]) -> dict[str, Any]:
    """What the admin's "Add another" does: a copy of the inline's empty row (its hidden
    fields and defaults) as the next row, with ``values`` typed in."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    empty = f"{prefix}-__prefix__-"
    row = {
        f"{prefix}-{index}-{name[len(empty) :]}": value
        for name, value in data.items()
        if name.startswith(empty)
    }
    row |= {f"{prefix}-{index}-{name}": value for name, value in values.items()}
    return {**data, **row, f"{prefix}-TOTAL_FORMS": str(index + 1)}
