"""The visible stamp of a signature: the signer's name, title, organisation and the time
in Vietnamese, in Tinos.

pyHanko embeds a subset of the stamp's font in every signature; subsetting the whole of
Tinos (535 kB, 3,000 glyphs) took 250-300 ms a signature. The font is cut once per process
to the letters of Vietnamese without the shaping tables, which makes it cheap.
"""

import dataclasses
import io
import threading
import unicodedata
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
# What Vietnamese text uses: ASCII, the Latin-1 and Latin Extended-A/B letters of the
# Vietnamese alphabet, the precomposed Vietnamese block, punctuation.
_CHARACTERS = (
    [chr(c) for c in range(0x20, 0x7F)]
    + list("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư")
    + [chr(c) for c in range(0x1EA0, 0x1EFA)]
    + list("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u2116")
)
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
                # Vietnamese letters are precomposed (NFC): no shaping tables needed, and
                # parsing them was most of the cost of a signature
                options.layout_features = []
                options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern"]
                options.hinting = False
                font = TTFont(str(FONT_FILE))
                subsetter = subset.Subsetter(options)
                subsetter.populate(text="".join(_CHARACTERS))
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
        return [unicodedata.normalize("NFC", " ".join(x.split())) for x in lines if x.strip()]


def stamp_style(stamp: StampText) -> TextStampStyle:
    # The text goes in as a literal (no %-interpolation by pyHanko's template).
    text = "\n".join(stamp.lines()).replace("%", "%%")
    return TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=_StampFontFactory(str(FONT_FILE)), font_size=8),
        border_width=1,
        background=None,
    )
