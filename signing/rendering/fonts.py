"""Tinos, the redistributable Times New Roman, registered once per process.

Decree 30/2020/ND-CP prescribes Times New Roman for administrative documents; Tinos has
the same metrics, so line breaks and page breaks fall where they would in Word, and it
carries every Vietnamese letter. The faces are registered with ReportLab as one family
(so <b> and <i> pick the right face) and made known to xhtml2pdf under the CSS names
``Tinos``, ``Times New Roman``, ``Times`` and ``serif``: the PDF base fonts behind those
names have no Vietnamese glyphs.
"""

import threading
from pathlib import Path

import xhtml2pdf.default
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "Tinos"
FACES = {
    "normal": ("Tinos", "Tinos-Regular.ttf"),
    "bold": ("Tinos-Bold", "Tinos-Bold.ttf"),
    "italic": ("Tinos-Italic", "Tinos-Italic.ttf"),
    "boldItalic": ("Tinos-BoldItalic", "Tinos-BoldItalic.ttf"),
}
CSS_NAMES = ("tinos", "times new roman", "times", "serif")

_lock = threading.Lock()
_registered = False


def fonts_register() -> str:
    """Register the family (the first call in a process does the work); return its CSS name."""
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if not _registered:
            for face, filename in FACES.values():
                pdfmetrics.registerFont(TTFont(face, str(FONT_DIR / filename)))
            pdfmetrics.registerFontFamily(
                FAMILY, **{style: face for style, (face, _file) in FACES.items()}
            )
            for name in CSS_NAMES:
                xhtml2pdf.default.DEFAULT_FONT[name] = FAMILY
            _registered = True
    return FAMILY
