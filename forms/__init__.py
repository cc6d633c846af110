"""Form schemas of procedures: the form language ``motcua/form@1``, its checks and the
cleaning of the data filed with it (docs/forms.md)."""

from forms.cleaning import form_data_clean
from forms.errors import FormDataInvalid, FormSchemaInvalid
from forms.language import Form, form_schema_check, load_form
from forms.personal import form_personal_merge, form_personal_split
from forms.post import form_data_from_post
from forms.privacy import PrivacyNotice, privacy_notice
from forms.routes import form_routes

__all__ = [
    "Form",
    "FormDataInvalid",
    "FormSchemaInvalid",
    "PrivacyNotice",
    "form_data_clean",
    "form_data_from_post",
    "form_personal_merge",
    "form_personal_split",
    "form_routes",
    "form_schema_check",
    "load_form",
    "privacy_notice",
]
