"""The tags and filters a document template may use: the only library of the sandbox.

A curated copy of Django's built-ins plus our own. Left out: tags that reach outside the
document (``url``, ``csrf_token``, ``querystring``, ``debug``, which prints the context and
the loaded modules), the ways to switch escaping off (``autoescape``, ``safe``, ``safeseq``)
so that a dossier's data is always escaped, and filters that dump objects (``pprint``,
``json_script``). ``{% include %}`` and ``{% extends %}`` stay: the engine's loader only
knows the shipped templates in signing/templates/documents/.
"""

import re

from django.template import Library, defaultfilters, defaulttags, loader_tags
from django.utils.html import format_html
from django.utils.safestring import SafeString

from . import dates
from .qr import qr_data_uri

ALLOWED_TAGS = {
    defaulttags: [
        "comment",
        "cycle",
        "filter",
        "firstof",
        "for",
        "if",
        "ifchanged",
        "load",
        "now",
        "regroup",
        "resetcycle",
        "spaceless",
        "templatetag",
        "verbatim",
        "widthratio",
        "with",
    ],
    loader_tags: ["block", "extends", "include"],
}
REFUSED_FILTERS = {"safe", "safeseq", "pprint", "json_script"}
_SIZE = re.compile(r"^\d{1,3}(\.\d{1,2})?(mm|cm|pt)$")

register = Library()
for module, names in ALLOWED_TAGS.items():
    for name in names:
        register.tags[name] = module.register.tags[name]
for name, function in defaultfilters.register.filters.items():
    if name not in REFUSED_FILTERS:
        register.filters[name] = function

register.filter("ngay_thang_nam", dates.ngay_thang_nam, is_safe=False)
register.filter("gio_phut", dates.gio_phut, is_safe=False)


@register.simple_tag(name="qr_code")
def qr_code(url: object, size: str = "25mm") -> SafeString:
    """``{% qr_code url %}`` or ``{% qr_code url size="30mm" %}``: a QR code image of ``url``."""
    if url is None or str(url).strip() == "":
        return SafeString("")
    if not _SIZE.match(size):
        raise ValueError(f"qr_code size must look like '25mm', '2.5cm' or '72pt', not {size!r}")
    return format_html(
        '<img class="qr" src="{}" style="width: {}; height: {};" alt="QR">',
        qr_data_uri(str(url)),
        size,
        size,
    )
