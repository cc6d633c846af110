"""The visible stamp of a signature: the signer's name, title, organisation and the time
in Vietnamese, in Tinos.

pyHanko embeds a subset of the stamp's font in every signature; subsetting the whole of
Tinos (535 kB, 3,000 glyphs) took 250-300 ms a signature. The font is cut once per process
to the Latin and Vietnamese letters, which makes the per-signature subset cheap.
"""

import dataclasses
import io
import threading
from datetime import datetime
from typing import Any

from django.utils import timezone
from fontTools import subset
from fontTools.ttLib import TTFont
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

from signing.rendering.fonts import FONT_DIR

FONT_FILE = FONT_DIR / "Tinos-Regular.ttf"
# Basic Latin, Latin-1, Latin Extended-A/B, combining marks, Vietnamese, punctuation.
_RANGES = [
    (0x20, 0x7F),
    (0xA0, 0x250),
    (0x300, 0x370),
    (0x1EA0, 0x1F00),
    (0x2000, 0x2070),
]
_lock = threading.Lock()
_font: bytes | None = None


def stamp_font() -> bytes:
    """Tinos Regular cut to Latin and Vietnamese (made on the first call in a process)."""
    global _font
    if _font is None:
        with _lock:
            if _font is None:
                options = subset.Options()
                options.name_IDs = ["*"]
                options.notdef_outline = True
                font = TTFont(str(FONT_FILE))
                subsetter = subset.Subsetter(options)
                subsetter.populate(unicodes=[c for lo, hi in _RANGES for c in range(lo, hi)])
                subsetter.subset(font)
                buffer = io.BytesIO()
                font.save(buffer)
                _font = buffer.getvalue()
    return _font


@dataclasses.dataclass(frozen=True)
class _StampFontFactory(GlyphAccumulatorFactory):
    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(stamp_font()),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


@dataclasses.dataclass(frozen=True)
class StampText:
    """What a signature's stamp says. ``signed_at`` defaults to the moment of signing."""

    name: str
    title: str = ""
    organisation: str = ""
    signed_at: datetime | None = None

    def signed_at_label(self) -> str:
        moment = timezone.localtime(self.signed_at or timezone.now())
        return f"Ký ngày {moment:%d/%m/%Y %H:%M}"

    def lines(self) -> list[str]:
        lines = [self.name, self.title, self.organisation, self.signed_at_label()]
        return [" ".join(line.split()) for line in lines if line and line.strip()]


def stamp_style(stamp: StampText) -> TextStampStyle:
    # The text goes in as a literal (no %-interpolation by pyHanko's template).
    text = "\n".join(stamp.lines()).replace("%", "%%")
    return TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=_StampFontFactory(str(FONT_FILE)), font_size=8),
        border_width=1,
        background=None,
    )
