"""The base layout: Decree 30/2020 page, header, title and signature."""

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from signing.rendering import document_render_source

from .conftest import extends
from .pdf import run_with, runs, text

PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
BODY = "{% block title %}GIẤY TIẾP NHẬN HỒ SƠ{% endblock %}"


def render(context, body="<p>Nội dung.</p>", extra=""):
    source = extends(body).replace("{% block body %}", extra + "{% block body %}")
    return document_render_source(body=source, context=context)


def test_header_content(context):
    context["signer"] = {"title": "Giám đốc", "name": "Lê Văn Bình"}
    pdf = render(context, extra=BODY)
    content = text(pdf)
    for expected in [
        "ỦY BAN NHÂN DÂN XÃ AN BÌNH",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ AN BÌNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 125/TNHS",
        "An Bình, ngày 17 tháng 02 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ",
        "GIÁM ĐỐC",
        "Lê Văn Bình",
    ]:
        assert expected in content


def test_header_styles(context):
    pdf = render(context, extra=BODY)
    assert run_with(pdf, "ỦY BAN NHÂN DÂN").font == "Tinos"
    assert run_with(pdf, "TRUNG TÂM PHỤC VỤ").font == "Tinos-Bold"
    nation = run_with(pdf, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert (nation.font, nation.size) == ("Tinos-Bold", 12)
    motto = run_with(pdf, "Độc lập - Tự do - Hạnh phúc")
    assert (motto.font, motto.size) == ("Tinos-Bold", 13)
    assert run_with(pdf, "ngày 17 tháng 02 năm 2026").font == "Tinos-Italic"
    title = run_with(pdf, "GIẤY TIẾP NHẬN HỒ SƠ")
    assert (title.font, title.size) == ("Tinos-Bold", 14)
    assert run_with(pdf, "Nội dung.").size == 13


def test_header_has_two_columns(context):
    pdf = render(context)
    middle = LEFT + 0.4 * (PAGE_WIDTH - LEFT - RIGHT)  # the left column is 40% wide
    for left in ["ỦY BAN NHÂN DÂN", "TRUNG TÂM PHỤC VỤ", "Số: 125/TNHS"]:
        assert run_with(pdf, left).x < middle
    for right in ["CỘNG HÒA", "Độc lập", "An Bình, ngày"]:
        assert run_with(pdf, right).x >= middle - 1
    # the two columns start on the same line, the first of the page
    assert abs(run_with(pdf, "ỦY BAN NHÂN DÂN").y - run_with(pdf, "CỘNG HÒA").y) < 1


def test_margins_follow_decree_30(context):
    pdf = render(context)
    all_runs = runs(pdf)
    assert min(run.x for run in all_runs) >= LEFT - 0.5
    assert min(run.x for run in all_runs) <= 35 * mm
    first = max(all_runs, key=lambda run: run.y)
    cap_height = 0.66 * first.size  # Tinos capitals: the first line hangs from the margin
    assert PAGE_HEIGHT - 25 * mm <= first.y + cap_height <= PAGE_HEIGHT - TOP + 0.5
    # the national motto is centred in the right column, which ends 15 mm from the edge
    motto = run_with(pdf, "Độc lập - Tự do - Hạnh phúc")
    width = stringWidth(motto.text, "Tinos-Bold", 13)
    right_column = (LEFT + 0.4 * (PAGE_WIDTH - LEFT - RIGHT), PAGE_WIDTH - RIGHT)
    assert abs(motto.x + width / 2 - sum(right_column) / 2) < 1


def test_text_stops_at_the_bottom_margin(context):
    long_body = "".join(f"<p>Đoạn văn số {n}.</p>" for n in range(80))
    pdf = render(context, body=long_body)
    page_one = [run for run in runs(pdf) if run.page == 0]
    assert any(run.page == 1 for run in runs(pdf))
    lowest = min(run.y for run in page_one)
    assert BOTTOM - 4 <= lowest <= BOTTOM + 2 * 13 * 1.3  # a descender's room, at most 2 lines


def test_an_empty_context_gives_the_blank_paper_form():
    pdf = document_render_source(body=extends(""), context={})
    content = text(pdf)
    assert "Số: ....../......" in content
    assert "......, ngày ..... tháng ..... năm ......" in content
