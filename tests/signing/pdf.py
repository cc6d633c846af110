"""Reading back the PDFs the renderer makes: text, runs of text with font and position."""

import io
from dataclasses import dataclass

import pypdf


@dataclass(frozen=True)
class Run:
    text: str
    font: str  # base font without the subset tag: "Tinos-Bold"
    size: float
    x: float  # points from the left edge of the page
    y: float  # baseline, points from the bottom edge
    page: int


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def text(pdf: bytes) -> str:
    """All the text, whitespace collapsed to single spaces."""
    return " ".join(" ".join(page.extract_text() for page in reader(pdf).pages).split())


def runs(pdf: bytes) -> list[Run]:
    found: list[Run] = []
    for number, page in enumerate(reader(pdf).pages):

        def visit(chunk, cm, tm, font, size, number=number):  # type: ignore[no-untyped-def]
            if not chunk.strip():
                return
            name = str(font.get("/BaseFont", "")) if font else ""
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Run(" ".join(chunk.split()), name.split("+")[-1], size, x, y, number))

        page.extract_text(visitor_text=visit)
    return found


def run_with(pdf: bytes, fragment: str) -> Run:
    matches = [run for run in runs(pdf) if fragment in run.text]
    assert matches, f"no run of text contains {fragment!r}"
    return matches[0]
