"""The seed procedure with a fee (copy of a civil-status extract): its case charges the fee, and
its workflow waits for the payment (status 6) after the approval, then issues (status 4)."""

from workflows.definitions import load
from workflows.definitions.model import NodeKind
from workflows.procedures import package_read, seed_packages

NAME = "5-civil-status-extract"
[PACKAGE] = [package_read(path) for path in seed_packages() if path.stem == NAME]


def test_the_case_charges_the_fee_with_its_source() -> None:
    [case] = PACKAGE.cases
    assert (case["fee_amount"], case["fee_name"]) == (
        8000,
        "Phí cấp bản sao trích lục hộ tịch (01 bản)",
    )
    definition = load(PACKAGE.workflow)
    fee_sources = [s for s in definition.sources if "fee" in s.about]
    assert any("8.000 đồng" in s.note and "cần xác minh" in s.note for s in fee_sources)


def test_the_payment_is_awaited_after_the_approval() -> None:
    definition = load(PACKAGE.workflow)
    assert dict(definition.node("approval").outcomes)["approve"] == "wait_payment"
    wait = definition.node("wait_payment")
    assert (wait.kind, wait.event, wait.status, wait.next) == (
        NodeKind.WAIT_EVENT,
        "payment_confirmed",
        "fee_owed",
        "issue",
    )
    assert definition.node("issue").status == "processing"
