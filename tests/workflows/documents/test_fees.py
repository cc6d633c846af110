"""The fee receipt's amounts: figures with the Vietnamese separator, words as receipts say."""

import pytest

from workflows.documents.fees import vnd_figures, vnd_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (105, "Một trăm lẻ năm đồng"),
        (8_000, "Tám nghìn đồng"),
        (25_000, "Hai mươi lăm nghìn đồng"),
        (50_000, "Năm mươi nghìn đồng"),
        (1_005_000, "Một triệu không trăm lẻ năm nghìn đồng"),
        (2_000_015, "Hai triệu không trăm mười lăm đồng"),
        (1_000_000_000, "Một tỷ đồng"),
    ],
)
def test_amount_in_words(amount: int, words: str) -> None:
    assert vnd_words(amount) == words


def test_amount_in_figures() -> None:
    assert vnd_figures(1_250_000) == "1.250.000"
    assert vnd_figures(500) == "500"
