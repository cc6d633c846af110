"""QR codes: an image XObject in the PDF whose modules are segno's matrix for the URL."""

import pytest
from PIL import Image

from signing.rendering import DocumentTemplateError, document_render_html, document_render_source
from signing.rendering.qr import BORDER, SCALE, qr_make

from .conftest import QR_URL, extends
from .pdf import reader, text


def embedded_matrix(image: Image.Image) -> list[list[bool]]:
    """Read the modules back from the PNG the PDF holds (SCALE pixels each, BORDER around)."""
    grey = image.convert("L")
    modules = grey.width // SCALE - 2 * BORDER
    assert grey.width == grey.height == (modules + 2 * BORDER) * SCALE
    return [
        [
            grey.getpixel(
                ((BORDER + col) * SCALE + SCALE // 2, (BORDER + row) * SCALE + SCALE // 2)
            )
            < 128
            for col in range(modules)
        ]
        for row in range(modules)
    ]


def segno_matrix(url: str) -> list[list[bool]]:
    return [[bool(module) for module in row] for row in qr_make(url).matrix]


def test_qr_url_places_a_qr_code_image_with_segnos_matrix():
    pdf = document_render_source(body=extends("<p>Nội dung</p>"), context={}, qr_url=QR_URL)
    page = reader(pdf).pages[0]
    xobjects = page["/Resources"]["/XObject"]
    assert [xobject.get_object()["/Subtype"] for xobject in xobjects.values()] == ["/Image"]
    [image] = page.images
    matrix = embedded_matrix(image.image)
    assert matrix == segno_matrix(QR_URL)
    assert matrix != segno_matrix(QR_URL + "x")
    assert "Tra cứu hồ sơ" in text(pdf)


def test_no_qr_url_no_image():
    pdf = document_render_source(body=extends("<p>Nội dung</p>"), context={})
    assert len(reader(pdf).pages[0].images) == 0


def test_qr_code_tag_in_a_template():
    body = "<p>{% qr_code link %}</p>"
    pdf = document_render_source(body=body, context={"link": "https://example.vn/a?b=1&c=2"})
    [image] = reader(pdf).pages[0].images
    assert embedded_matrix(image.image) == segno_matrix("https://example.vn/a?b=1&c=2")


def test_qr_code_tag_size_and_empty_url():
    html = document_render_html(body='{% qr_code link size="30mm" %}', context={"link": "x"})
    assert html.startswith('<img class="qr" src="data:image/png;base64,')
    assert "width: 30mm; height: 30mm;" in html
    assert document_render_html(body="{% qr_code missing %}", context={}) == ""


def test_qr_code_size_cannot_inject_markup():
    with pytest.raises(DocumentTemplateError, match="qr_code size must look like '25mm'"):
        document_render_html(body='{% qr_code "x" size="1mm\\" onload=\\"" %}', context={})
