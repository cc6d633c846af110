"""Read-only parts of the version page: the problems per node, the diagram, the YAML source."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from workflows.bpmn.svg import definition_svg
from workflows.definitions.model import Definition
from workflows.models import ProcedureVersion

from .definition_source import Problem, by_node, read_stored, source_text


def _reading(version: ProcedureVersion) -> tuple[Definition | None, list[Problem]]:
    """Loaded and validated once per page (the result is kept on the instance)."""
    cached = version.__dict__.get("_mc_reading")
    if cached is None or cached[0] != version.definition:
        cached = (version.definition, read_stored(version.definition))
        version.__dict__["_mc_reading"] = cached
    return cached[1]


def problems_html(version: ProcedureVersion) -> SafeString:
    definition, problems = _reading(version)
    if not problems:
        return format_html('<p class="mc-ok">{}</p>', _("No problems found: ready to publish."))
    order = [n.id for n in definition.nodes] if definition else []
    groups = format_html_join(
        "",
        '<li><strong>{}</strong><ul class="errorlist">{}</ul></li>',
        (
            (
                _("Node %(node)s") % {"node": node} if node else _("The whole definition"),
                format_html_join("", "<li>{}</li>", ((m,) for m in items)),
            )
            for node, items in by_node(problems, order)
        ),
    )
    intro = _("%(count)s problem(s) must be fixed before publishing:") % {"count": len(problems)}
    return format_html('<div class="mc-problems"><p>{}</p><ul>{}</ul></div>', intro, groups)


def diagram_html(version: ProcedureVersion) -> SafeString:
    definition, _problems = _reading(version)
    if definition is None:
        return format_html("<p>{}</p>", _("No diagram: the definition does not load."))
    # Our own SVG, built with lxml: every label in it is escaped by the serialiser.
    svg = mark_safe(definition_svg(definition))  # noqa: S308
    return format_html('<div class="mc-diagram" style="overflow:auto;max-width:100%">{}</div>', svg)


def source_html(version: ProcedureVersion) -> SafeString:
    return format_html('<pre class="mc-source">{}</pre>', source_text(version.definition))
