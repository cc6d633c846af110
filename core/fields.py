"""JSON stored as text, so that the order of keys survives (PostgreSQL's jsonb sorts them).

Workflow definitions and form schemas are mappings whose order the author chose (a user task's
outcomes are its buttons, in order; a form's fields are its layout): they are kept exactly as
written. Subclasses change how the text is encoded (``core.crypto.EncryptedJSONField``).
"""

import json
from typing import Any

from django import forms
from django.db import models


class JSONTextField(models.TextField):
    description = "JSON, stored as text with its key order"

    def encode(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)

    def decode(self, text: str) -> Any:
        return json.loads(text)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else self.decode(value)

    def to_python(self, value: Any) -> Any:
        # Values reach the field as Python data; text only comes from the database or a
        # fixture, and both are the encoded form.
        if isinstance(value, str):
            try:
                return self.decode(value)
            except ValueError:
                return value
        return value

    def get_prep_value(self, value: Any) -> str | None:
        return None if value is None else self.encode(value)

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj), ensure_ascii=False, default=str)

    def formfield(
        self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any
    ) -> Any:
        return super().formfield(
            form_class=form_class or forms.JSONField,
            choices_form_class=choices_form_class,
            **kwargs,
        )
