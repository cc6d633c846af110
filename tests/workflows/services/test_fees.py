"""Fees made from the case when a dossier is submitted, and their opaque references."""

import copy

import pytest

from workflows.definitions.loader import dump
from workflows.models import Dossier, DossierFee
from workflows.services.fees import (
    dossier_fees_create,
    dossier_fees_payable,
    dossier_fees_settled,
    fee_reference,
    fee_reference_parse,
)
from workflows.services.procedure_versions import procedure_version_publish
from workflows.services.submission import dossier_submit

from ..factories import DossierFactory, ProcedureCaseFactory, ProcedureVersionFactory
from .fee_setup import payment_flow
from .submission_setup import DATA, DOCUMENTS, FILES, FORM, desk

pytestmark = pytest.mark.django_db


def test_submitting_makes_the_case_fee_owed() -> None:
    d = desk()
    version = ProcedureVersionFactory(definition=dump(payment_flow()), form_schema=FORM)
    case = ProcedureCaseFactory(
        version=version,
        required_documents=copy.deepcopy(DOCUMENTS),
        fee_amount=50_000,
        fee_name="Phí cấp bản sao",
    )
    procedure_version_publish(version=version, by=None)
    case.refresh_from_db()
    submission = dossier_submit(
        version=case.version,
        case=case,
        channel=Dossier.Channel.ONLINE,
        data=dict(DATA),
        documents=list(FILES),
        receiving_agency=d.centre,
        submission_key="with-fee",
        applicant=d.citizen,
    )
    [fee] = DossierFee.objects.filter(dossier=submission.dossier)
    assert (fee.name, fee.amount, fee.status) == ("Phí cấp bản sao", 50_000, "owed")
    assert not dossier_fees_settled(dossier_id=submission.dossier.pk)


def test_a_free_case_makes_no_fee_and_owes_nothing() -> None:
    dossier = DossierFactory()
    assert dossier_fees_create(dossier=dossier) == []
    assert dossier_fees_settled(dossier_id=dossier.pk)


def test_making_the_fees_again_keeps_the_first() -> None:
    dossier = DossierFactory(case__fee_amount=20_000)
    [first] = dossier_fees_create(dossier=dossier)
    [again] = dossier_fees_create(dossier=dossier)
    assert first.pk == again.pk
    assert DossierFee.objects.filter(dossier=dossier).count() == 1


def test_a_reference_names_the_dossier_and_the_fee() -> None:
    dossier = DossierFactory(case__fee_amount=20_000)
    [fee] = dossier_fees_create(dossier=dossier)
    reference = fee_reference(fee)
    assert reference == f"dossier:{dossier.pk}:fee:{fee.pk}"
    assert fee_reference_parse(reference) == (dossier.pk, fee.pk)
    for other in ["", "dossier:1", f"dossier:{dossier.pk}:fee:x", "dossier:1:fee:2:x", "a:1:fee:2"]:
        assert fee_reference_parse(other) is None


def test_a_finished_dossier_takes_no_payment() -> None:
    assert dossier_fees_payable(DossierFactory(status=Dossier.Status.ACCEPTED))
    assert not dossier_fees_payable(DossierFactory(status=Dossier.Status.NOT_ACCEPTED))
    assert not dossier_fees_payable(DossierFactory(status=Dossier.Status.RESULT_RETURNED))
