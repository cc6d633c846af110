"""The issue's journey in a real browser against a real server: a citizen applies to a diploma
copy with attachments; reception asks for supplementation; the citizen answers; reception
accepts; the specialist reviews, the leader approves (the result is signed in the background:
the step waits for the signature), the specialist issues the copy, the result desk returns it;
the citizen sees the result returned, downloads the signed result, and the public page shows
every step.
Every page on the way is checked with axe-core."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from . import journey
from .helpers import Finding, axe_blocking, sign_in

pytestmark = pytest.mark.browser

# axe-core findings in pages of other lanes, known and reported to their owners: the journey
# marks itself as an expected failure while one of them remains (so it shows in every run's
# summary); any other serious or critical finding fails it. Remove an entry once fixed.
STEPS = [
    "Tiếp nhận hồ sơ",
    "Đối chiếu sổ gốc, dự thảo bản sao",
    "Lãnh đạo ký bản sao",
    "Vào sổ, đóng dấu, phát hành bản sao",
    "Trả kết quả",
]


def test_from_application_to_returned_result(
    new_page: Callable[..., Any], upload_files: dict[str, Path]
) -> None:
    audit: list[tuple[str, Finding]] = []  # axe's serious and critical findings, by page

    def check(page: Any, name: str) -> None:
        audit.extend((f"{name} ({page.url})", finding) for finding in axe_blocking(page))

    citizen = new_page()
    sign_in(citizen, "demo_citizen")

    submitted = journey.citizen_apply(citizen, upload_files, before_submit=check)
    check(citizen, "acknowledgement")
    journey.acknowledgement_ready(citizen)
    code = submitted.code

    reception = new_page()
    sign_in(reception, "demo_reception")
    reception.goto("/workspace/")
    check(reception, "workspace")
    journey.officer_claim(reception, code)
    check(reception, "task")
    journey.reception_request_supplementation(reception, "The ID card scan is unreadable.")

    journey.citizen_open_dossier(citizen, code)
    assert journey.dossier_status(citizen) == "Supplementation requested"
    assert citizen.get_by_text("The ID card scan is unreadable.").is_visible()
    check(citizen, "my-dossier-supplement")
    journey.citizen_supplement(citizen, upload_files, "A clearer scan of my ID card.")

    journey.officer_claim(reception, code)
    journey.reception_accept(reception)

    specialist = new_page()
    sign_in(specialist, "demo_specialist")
    journey.officer_claim(specialist, code)
    journey.step_finish(specialist, "propose", "Matches the original register.")

    leader = new_page()
    sign_in(leader, "demo_leader")
    journey.officer_claim(leader, code)
    journey.step_finish(leader, "approve", "Approved.")

    journey.officer_claim(specialist, code)
    journey.step_finish(specialist, "issued")

    result_desk = new_page()
    sign_in(result_desk, "demo_result_desk")
    journey.officer_claim(result_desk, code)
    journey.step_finish(result_desk, "returned")

    journey.citizen_open_dossier(citizen, code)
    assert journey.dossier_status(citizen) == "Result returned"
    form_01 = citizen.get_by_role("link", name="Receipt and appointment slip (Form 01)")
    response = citizen.request.get(form_01.get_attribute("href"))
    assert response.ok
    assert response.body().startswith(b"%PDF")
    result = citizen.get_by_role("link", name="Result", exact=True)  # signed at the approval
    response = citizen.request.get(result.get_attribute("href"))
    assert response.ok
    assert response.body().startswith(b"%PDF")
    assert b"/ByteRange" in response.body()  # a signature's byte range: the PDF is signed

    visitor = new_page()
    visitor.goto("/track/")
    visitor.get_by_label("Dossier code").first.fill(code)
    visitor.get_by_role("button", name="Show the status").click()
    visitor.get_by_role("heading", name=re.compile(re.escape(code))).wait_for()
    assert journey.dossier_status(visitor) == "Result returned"
    timeline = visitor.locator("ol.timeline").inner_text()
    positions = [timeline.find(step) for step in STEPS]
    assert all(p >= 0 for p in positions), timeline
    assert positions == sorted(positions), timeline
    assert timeline.count("Tiếp nhận hồ sơ") == 2  # asked for supplementation, then accepted
    assert "Waiting for the applicant's supplementation" in timeline
    page_text = visitor.locator("body").inner_text()
    for personal in (
        journey.OWNER_NAME,
        journey.DIPLOMA_FORM["Số định danh cá nhân (số thẻ căn cước)"],
    ):
        assert personal not in page_text
    check(visitor, "track")

    findings = [f"{at}: {finding}" for at, finding in audit]
    assert not findings, "axe-core, serious or critical:\n" + "\n".join(findings)
