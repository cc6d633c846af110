"""Short texts the statutory forms print: the processing time, the document symbol, the
place name (địa danh) and the form of a document (original, copy)."""

from workflows.models import Agency, DossierDocument, ProcedureCase

Kind = DossierDocument.Kind
Unit = ProcedureCase.DeadlineUnit

# Issue 9 numbers documents gaplessly; until then the number is the dossier code and the
# symbol says which form it is (Decree 30/2020: abbreviations of the document's name).
SYMBOLS: dict[str, str] = {
    Kind.ACKNOWLEDGEMENT: "XNNHS",
    Kind.RECEIPT: "TNHS",
    Kind.SUPPLEMENTATION: "YCBS",
    Kind.REFUSAL: "TCHS",
    Kind.APOLOGY: "XLHS",
    Kind.STOP: "DXLHS",
    Kind.CONTROL_SLIP: "KSQT",
    Kind.RESULT: "KQ",
    Kind.FEE_RECEIPT: "BLTP",
}

# Words that name the level of an administrative unit, in front of its proper name.
_UNIT_WORDS = ("ủy ban nhân dân", "thành phố", "tỉnh", "xã", "phường", "đặc khu", "thị trấn")


def processing_time_text(case: ProcedureCase) -> str:
    """The legal time as Form 01 states it: "05 ngày làm việc", "04 giờ làm việc", "Trong ngày"."""
    if case.deadline_unit == Unit.SAME_DAY:
        return "Trong ngày"
    unit = "giờ làm việc" if case.deadline_unit == Unit.WORKING_HOURS else "ngày làm việc"
    return f"{case.deadline_amount:02d} {unit}"


def document_form_text(item: dict[str, object]) -> tuple[str, int]:
    """("Bản chính" | "Bản sao" | "Bản chính và bản sao", number of papers) of a required
    document of a case (its ``originals`` and ``copies``)."""
    originals = int(str(item.get("originals") or 0))
    copies = int(str(item.get("copies") or 0))
    if originals and copies:
        return "Bản chính và bản sao", originals + copies
    if copies:
        return "Bản sao", copies
    return "Bản chính", originals or 1


def place_name(agency: Agency, ancestors: list[Agency]) -> str:
    """The place before the date (địa danh): the proper name of the nearest commune or
    province at or above the agency ("Ủy ban nhân dân xã An Bình" gives "An Bình")."""
    levels = (Agency.Kind.COMMUNE, Agency.Kind.PROVINCE)
    for candidate in [agency, *reversed(ancestors)]:
        if candidate.kind in levels:
            return strip_unit_words(candidate.name)
    return ""


def strip_unit_words(name: str) -> str:
    words = name.strip()
    changed = True
    while changed:
        changed = False
        for prefix in _UNIT_WORDS:
            if words.lower().startswith(prefix + " "):
                words, changed = words[len(prefix) + 1 :].strip(), True
    return words
