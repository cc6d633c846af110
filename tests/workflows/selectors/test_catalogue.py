"""The catalogue: published procedures only, accent-insensitive search in any word order,
filters, the memo read again after a publish or retire."""

import pytest

from workflows.selectors.catalogue import catalogue, catalogue_search, search_text
from workflows.services.procedure_versions import procedure_version_retire

from ...portal.catalogue.setup import shelf
from ..factories import ProcedureFactory, ProcedureVersionFactory, PublishedCaseFactory

pytestmark = pytest.mark.django_db


def codes(found):  # type: ignore[no-untyped-def]
    return [entry.code for entry, _version in found]


def test_search_text_drops_accents_case_and_punctuation():
    assert search_text("Bằng TỐT nghiệp, Đăng ký") == "bang tot nghiep dang ky"
    decomposed = "ba\u0300ng"  # NFD input ("bàng") is normalised first
    assert search_text(decomposed) == "bang"


def test_only_procedures_with_a_published_version():
    shelf()
    assert codes(catalogue_search()) == ["1.005097", "2.000001", "3.000467.H18"]


def test_accent_insensitive_search_in_any_word_order():
    shelf()
    assert codes(catalogue_search(query="bang tot nghiep")) == ["3.000467.H18"]
    assert codes(catalogue_search(query="nghiệp BẰNG")) == ["3.000467.H18"]
    assert codes(catalogue_search(query="dang ky")) == ["2.000001"]
    assert codes(catalogue_search(query="1.005097")) == ["1.005097"]
    assert codes(catalogue_search(query="văn bằng chứng chỉ")) == ["3.000467.H18"]
    assert catalogue_search(query="bang xyz") == []


def test_filters_by_field_level_and_agency():
    state = shelf()
    assert codes(catalogue_search(field="Giáo dục trung học")) == ["1.005097"]
    assert codes(catalogue_search(online_level="partly_online")) == ["1.005097"]
    # a commune's centre receives the province-wide procedures and the commune's own
    assert codes(catalogue_search(agency_id=state.centre.pk)) == [
        "1.005097",
        "2.000001",
        "3.000467.H18",
    ]
    assert codes(catalogue_search(agency_id=state.other_commune.pk)) == [
        "1.005097",
        "3.000467.H18",
    ]
    assert catalogue_search(agency_id=999999) == []


def test_a_result_carries_the_first_case_deadline_and_fee():
    shelf()
    [(entry, version)] = catalogue_search(query="bang tot nghiep")
    assert (version.deadline_amount, version.fee_amount, version.case_code) == (5, 50000, "copy")
    assert entry.field == "Văn bằng, chứng chỉ"
    assert "Văn bằng, chứng chỉ" in catalogue().fields


def test_publishing_and_retiring_rebuild_the_catalogue():
    state = shelf()
    assert len(catalogue().entries) == 3
    PublishedCaseFactory(
        version=ProcedureVersionFactory(procedure=ProcedureFactory(name="Thủ tục mới"))
    )
    assert len(catalogue().entries) == 4
    procedure_version_retire(version=state.transfer.version, by=None)
    assert "1.005097" not in codes(catalogue_search())
