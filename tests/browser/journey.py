"""The steps of the issue's journey, as people do them in the browser (English pages: the
tests read the English msgids; the form's own labels come from the procedure, in Vietnamese).

Each function starts from a signed-in page and leaves it on the page the step ends on.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The diploma copy's form (workflows/procedures/seed/1-diploma-copy.yaml), as a citizen fills it.
OWNER_NAME = "Lê Văn Nam"
DIPLOMA_FORM = {
    "Họ và tên người được cấp văn bằng, chứng chỉ": OWNER_NAME,
    "Ngày sinh": "1995-03-02",
    "Số định danh cá nhân (số thẻ căn cước)": "001095012345",
    "Nơi học / nơi cấp văn bằng": "Trường THPT Chu Văn An",
    "Năm tốt nghiệp (năm cấp)": "2013",
    "Số điện thoại liên hệ": "0912345678",
}
DIPLOMA_KIND = ("Loại văn bằng, chứng chỉ", "upper_secondary")
DECLARATION = "Tôi cam đoan những nội dung khai trên là đúng sự thật"
CODE_PATTERN = re.compile(r"\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}")


@dataclass(frozen=True)
class Submitted:
    code: str
    secret: str


def citizen_apply(
    page: Any, files: dict[str, Path], before_submit: Callable[[Any, str], None] | None = None
) -> Submitted:
    """From the catalogue to the procedure page, to its form; fill it, attach, submit.
    ``before_submit(page, name)`` is called on the catalogue, the procedure and the form."""
    look = before_submit or (lambda page, name: None)
    page.goto("/")
    look(page, "catalogue")
    page.get_by_role("link", name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc").click()
    look(page, "procedure")
    page.get_by_role("link", name="Apply online").first.click()
    look(page, "apply")
    for label, value in DIPLOMA_FORM.items():
        page.get_by_label(label).fill(value)
    page.get_by_label(DIPLOMA_KIND[0]).select_option(DIPLOMA_KIND[1])
    page.get_by_label(DECLARATION).check()
    page.get_by_label("Đơn đề nghị cấp bản sao văn bằng").set_input_files(files["pdf"])
    page.get_by_label("Thẻ căn cước, căn cước công dân").set_input_files(files["png"])
    page.get_by_role("button", name="Submit", exact=True).click()
    page.get_by_role("heading", name="Dossier submitted").wait_for()
    facts = page.locator("dl.facts")
    code = facts.locator("dt:has-text('Dossier code') + dd").inner_text().strip()
    secret = facts.locator("dt:has-text('Tracking secret') + dd").inner_text().strip()
    assert CODE_PATTERN.fullmatch(code), code
    return Submitted(code=code, secret=secret)


def officer_claim(page: Any, code: str, queue: str = "Unclaimed in my roles") -> None:
    """From the workspace home to the queue, search the code, open its task and claim it."""
    page.goto("/workspace/")
    page.get_by_role("link", name=re.compile(re.escape(queue))).click()
    page.get_by_label("Dossier code or the owner's full name").fill(code)
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("link", name=code).click()
    page.get_by_role("heading", name=re.compile(re.escape(code))).wait_for()
    page.get_by_role("button", name="Claim").click()
    page.get_by_text("Claimed by").wait_for()


def acknowledgement_ready(page: Any) -> None:
    """The acknowledgement page refreshes itself until the outbox has issued the document."""
    page.get_by_role("link", name=re.compile("Acknowledgement", re.IGNORECASE)).first.wait_for(
        timeout=30_000
    )


def reception_request_supplementation(page: Any, reason: str) -> None:
    form = page.locator("form", has=page.get_by_role("group", name="Request supplementation"))
    form.get_by_label("Thẻ căn cước, căn cước công dân").check()
    form.get_by_label("Reason and guidance").fill(reason)
    form.get_by_role("button", name="Request supplementation").click()
    page.get_by_text("Supplementation requested").first.wait_for()


def reception_accept(page: Any) -> None:
    form = page.locator("form", has=page.get_by_role("group", name="Accept the dossier"))
    form.get_by_role("button", name="Accept").click()
    page.get_by_role("term").filter(has_text="Task").wait_for()
    assert page.locator("dt:has-text('Task') + dd").inner_text().strip() == "Done"


def citizen_open_dossier(page: Any, code: str) -> None:
    """From the citizen's list of dossiers (/my/) to the dossier's page."""
    page.goto("/my/")
    page.get_by_role("link", name=code).click()
    page.get_by_role("heading", name=re.compile(re.escape(code))).wait_for()


def citizen_supplement(page: Any, files: dict[str, Path], note: str) -> None:
    section = page.locator(
        "section", has=page.get_by_role("heading", name="Supplementation requested")
    )
    section.get_by_label("Thẻ căn cước, căn cước công dân").set_input_files(files["pdf"])
    section.get_by_label("A note for the agency").fill(note)
    section.get_by_role("button", name="Send the supplement").click()
    page.get_by_text("Your supplement is sent").wait_for()


def step_finish(page: Any, outcome: str, comment: str = "") -> None:
    """A claimed task's outcome form ("Finish this step"): the outcome by its code."""
    form = page.locator("form", has=page.get_by_role("group", name="Finish this step"))
    form.locator(f"input[type=radio][value='{outcome}']").check()
    if comment:
        form.get_by_label("Comment").fill(comment)
    form.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    signing_wait(page)
    assert page.locator("dt:has-text('Task') + dd").inner_text().strip() == "Done", page.url


def signing_wait(page: Any, timeout: float = 60) -> None:
    """A step that signs its result (the leader's approval) stays open, "Awaiting digital
    signature", until the server's background worker has signed it: reload until it is done."""
    deadline = time.monotonic() + timeout
    awaiting = page.get_by_role("heading", name="Awaiting digital signature")
    while awaiting.count():
        assert time.monotonic() < deadline, f"still awaiting the signature after {timeout}s"
        page.wait_for_timeout(500)
        page.reload()
    failed = page.get_by_role("heading", name="The signature failed")
    assert not failed.count(), page.locator("#signing").inner_text()


def dossier_status(page: Any) -> str:
    return page.locator("dt:text-is('Status') + dd").inner_text().strip()
