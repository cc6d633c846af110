"""The reusable form renderer: a procedure version's form (docs/forms.md) as accessible HTML
that works without JavaScript, for the citizen's application and the officer's counter and
postal reception.

    rendered = form_render(version.form_schema, data=data, errors=errors)
    context = {"form_fields": rendered.html, "form_errors": rendered.summary}

    action = form_action(request.POST)      # "add a row", "remove a row", "refresh"
    if action is not None:                  # not a submit: re-render with the change
        data = action.apply(version.form_schema, form_data_from_post(schema, request.POST))

Inputs are named by path (``forms.form_data_from_post`` reads them back). Buttons that change
the form's shape (add or remove a row of a repeating group, update the communes of a province)
are named ``_fr_add``, ``_fr_remove`` and ``_fr_refresh``: a view must check ``form_action``
before treating a post as a save or a submit. ``form_data_whole`` says what a browser leaves
out (an unticked box, every row removed) for data merged over earlier data.
"""

from portal.formrender.actions import FormAction, form_action
from portal.formrender.render import ErrorLink, RenderedForm, form_render
from portal.formrender.whole import form_data_whole

__all__ = [
    "ErrorLink",
    "FormAction",
    "RenderedForm",
    "form_action",
    "form_data_whole",
    "form_render",
]
