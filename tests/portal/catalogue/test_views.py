"""The home page (the catalogue) and a procedure's page."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from .setup import shelf

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}


def test_home_lists_the_published_procedures(client: Client) -> None:
    shelf()
    response = client.get(reverse("home"), headers=EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 procedures" in html
    assert "Chuyển trường đối với học sinh trung học cơ sở" in html
    assert "Bản nháp" not in html and "Đã bãi bỏ" not in html
    assert "05 working days" in html and "08 working hours" in html
    assert "50,000 VND" in html and "Free of charge" in html
    assert reverse("home") == reverse("catalogue:home") == "/"


def test_search_without_accents_and_filters(client: Client) -> None:
    state = shelf()
    html = client.get("/", {"q": "bang tot nghiep"}, headers=EN).content.decode()
    assert re.search(r"\b1 procedure\b", html)
    assert "Cấp bản sao văn bằng" in html and "Chuyển trường" not in html
    html = client.get("/", {"agency": state.other_commune.pk}, headers=EN).content.decode()
    assert "Đăng ký hộ kinh doanh" not in html and "Chuyển trường" in html
    html = client.get("/", {"level": "partly_online"}, headers=EN).content.decode()
    assert "Chuyển trường" in html and "Cấp bản sao văn bằng" not in html


def test_unknown_filters_are_said_and_ignored(client: Client) -> None:
    shelf()
    html = client.get("/", {"agency": "nope", "level": "x"}, headers=EN).content.decode()
    assert "Some filters were not understood" in html
    assert "3 procedures" in html


def test_results_are_paginated(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    shelf()
    monkeypatch.setattr("portal.catalogue.views.PER_PAGE", 2)
    first = client.get("/", {"q": ""}, headers=EN).content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get("/", {"q": "", "page": 2}, headers=EN).content.decode()
    assert "Page 2 of 2" in second and 'rel="prev"' in second


def test_the_procedure_page(client: Client) -> None:
    state = shelf()
    url = reverse("catalogue:procedure", args=["3.000467.H18"])
    html = client.get(url, headers=EN).content.decode()
    assert "Nghị định 23/2015/NĐ-CP" in html and "Hiệu trưởng nhà trường" in html
    assert "05 working days" in html
    assert "after 15:00 count from the next working day" in html
    assert "50,000 VND (Phí cấp bản sao)" in html
    assert "Đơn đề nghị" in html and "Căn cước" in html
    steps = re.findall(r"<li>(Tiếp nhận hồ sơ|Thẩm định và phê duyệt)</li>", html)
    assert steps == ["Tiếp nhận hồ sơ", "Thẩm định và phê duyệt"]
    assert "Thông tư 106/2021/TT-BTC" in html
    assert f'href="/apply/{state.diploma.version.pk}/copy/"' in html
    with translation.override("en"):
        assert "Apply online" in html


def test_an_unknown_draft_or_retired_procedure_is_not_found(client: Client) -> None:
    shelf()
    for code in ["9.999999", "../x"]:
        assert client.get(f"/procedures/{code}/").status_code == 404


def test_the_scoped_version_of_a_procedure(client: Client) -> None:
    state = shelf()
    url = reverse("catalogue:procedure", args=["2.000001"])
    html = client.get(url, {"version": "abc"}, headers=EN).content.decode()
    assert "UBND xã An Bình" in html
    assert f"/apply/{state.local.version.pk}/" in html
    assert "08 working hours" in html
