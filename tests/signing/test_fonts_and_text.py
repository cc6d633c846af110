"""Vietnamese comes out of the PDF as it went in, in Tinos, in every style."""

import time
import unicodedata

import pytest

from signing.rendering import document_render_source, fonts

from .pdf import reader, run_with, runs, text

PHRASES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "Nguyễn Thị Minh Hằng, Đặng Quốc Việt, Ưng Hoàng Phúc, Lê Thị Thuỷ",
]


@pytest.mark.parametrize(
    ("tag", "font"),
    [("span", "Tinos"), ("b", "Tinos-Bold"), ("i", "Tinos-Italic"), ("strong", "Tinos-Bold")],
)
def test_vietnamese_text_extracts_back_identically(tag, font):
    body = "".join(f"<p><{tag}>{phrase}</{tag}></p>" for phrase in PHRASES)
    pdf = document_render_source(body=body, context={})
    for phrase in PHRASES:
        assert phrase in text(pdf)
        assert run_with(pdf, phrase).font == font


def test_bold_italic():
    pdf = document_render_source(
        body="<p><b><i>Độc lập - Tự do - Hạnh phúc</i></b></p>", context={}
    )
    assert run_with(pdf, "Độc lập - Tự do - Hạnh phúc").font == "Tinos-BoldItalic"


def test_only_tinos_is_embedded():
    pdf = document_render_source(
        body='{% extends "documents/base.html" %}{% block body %}<p>Hồ sơ</p>{% endblock %}',
        context={"agency": {"name": "Sở Tư pháp"}},
    )
    fonts_used = {run.font for run in runs(pdf)}
    assert fonts_used <= {"Tinos", "Tinos-Bold", "Tinos-Italic", "Tinos-BoldItalic"}
    assert {"Tinos", "Tinos-Bold", "Tinos-Italic"} <= fonts_used


def test_times_new_roman_in_a_stylesheet_is_tinos():
    body = "<p style=\"font-family: 'Times New Roman'\">Trường Trung học cơ sở Lê Lợi</p>"
    pdf = document_render_source(body=body, context={})
    assert run_with(pdf, "Trường Trung học cơ sở Lê Lợi").font == "Tinos"


def test_decomposed_input_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Minh Hằng")
    assert decomposed != "Nguyễn Thị Minh Hằng"
    pdf = document_render_source(
        body=unicodedata.normalize("NFD", "<p>Họ tên: {{ name }}</p>"),
        context={"name": decomposed},
    )
    assert "Họ tên: Nguyễn Thị Minh Hằng" in text(pdf)


def test_fonts_are_registered_once_per_process(monkeypatch):
    document_render_source(body="<p>Một</p>", context={})

    def fail(*args, **kwargs):
        raise AssertionError("a font was registered again")

    monkeypatch.setattr(fonts, "TTFont", fail)
    monkeypatch.setattr(fonts.pdfmetrics, "registerFont", fail)
    pdf = document_render_source(body="<p>Hai</p>", context={})
    assert "Hai" in text(pdf)


def test_a_page_is_a4():
    pdf = document_render_source(body="<p>A4</p>", context={})
    box = reader(pdf).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)


def test_rendering_a_page_takes_well_under_a_second():
    body = "".join(f"<p>{phrase}</p>" for phrase in PHRASES * 5)
    document_render_source(body=body, context={})
    started = time.perf_counter()
    document_render_source(body=body, context={})
    assert time.perf_counter() - started < 1.0
