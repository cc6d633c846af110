"""The same application as the journey's, with the keyboard only: the skip link, sign-in, the
catalogue, the procedure page, the form (Tab and Shift+Tab between fields, typing, arrows in a
select, Space on a checkbox and on the file inputs), and Enter to submit. No mouse click; every
control reached shows its focus."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from . import journey
from .keyboard import choose_file, press_and_wait, tab_to, type_into
from .server import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_apply_with_the_keyboard_only(
    new_page: Callable[..., Any], upload_files: dict[str, Path]
) -> None:
    page = new_page()
    page.goto("/accounts/login/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    type_into(page, page.locator("input[name=username]"), "demo_citizen")
    type_into(page, page.locator("input[name=password]"), DEMO_PASSWORD)
    press_and_wait(page, "Enter")
    assert "/accounts/login/" not in page.url

    page.goto("/")
    tab_to(page, page.get_by_role("link", name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"))
    press_and_wait(page, "Enter")
    tab_to(page, page.get_by_role("link", name="Apply online"))
    press_and_wait(page, "Enter")
    assert re.search(r"/apply/\d+/standard/$", page.url), page.url

    field = page.get_by_label
    type_into(page, field("Họ và tên người được cấp văn bằng, chứng chỉ"), "Lê Văn Nma")
    type_into(page, field("Ngày sinh"), "05051995")  # the same in dd/mm and mm/dd
    type_into(page, field("Số định danh cá nhân (số thẻ căn cước)"), "001095012345")
    # A typo two fields back: Shift+Tab to it, select its text, type it again.
    tab_to(page, field("Họ và tên người được cấp văn bằng, chứng chỉ"), backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type(journey.OWNER_NAME)
    tab_to(page, field("Loại văn bằng, chứng chỉ"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    type_into(page, field("Nơi học / nơi cấp văn bằng"), "Trường THPT Chu Văn An")
    type_into(page, field("Năm tốt nghiệp (năm cấp)"), "2013")
    type_into(page, field("Số điện thoại liên hệ"), "0912345678")
    tab_to(page, field(journey.DECLARATION))
    page.keyboard.press("Space")
    choose_file(page, field("Đơn đề nghị cấp bản sao văn bằng"), upload_files["pdf"])
    choose_file(page, field("Thẻ căn cước, căn cước công dân"), upload_files["png"])

    assert field("Họ và tên người được cấp văn bằng, chứng chỉ").input_value() == journey.OWNER_NAME
    assert field("Ngày sinh").input_value() == "1995-05-05"
    assert field("Loại văn bằng, chứng chỉ").input_value() == "upper_secondary"
    assert field(journey.DECLARATION).is_checked()

    tab_to(page, page.get_by_role("button", name="Submit", exact=True))
    press_and_wait(page, "Enter")

    page.get_by_role("heading", name="Dossier submitted").wait_for()
    code = page.locator("dt:has-text('Dossier code') + dd").inner_text().strip()
    assert journey.CODE_PATTERN.fullmatch(code), code
    tab_to(page, page.get_by_role("link", name="Open the dossier"))
    press_and_wait(page, "Enter")
    page.get_by_role("heading", name=re.compile(re.escape(code))).wait_for()
    data = page.locator("dl.facts").last.inner_text()
    assert journey.OWNER_NAME in data
    assert "Bằng tốt nghiệp trung học phổ thông" in data
    assert re.search(r"05/05/1995|1995-05-05", data), data
