"""Whatever is sent, cleaning answers with the cleaned data or FormDataInvalid, nothing else."""

import itertools
import random
from typing import Any

from forms import FormDataInvalid, form_data_clean

JUNK: list[Any] = [
    None,
    "",
    " ",
    "\x00",
    "a\nb",
    "0",
    "-1",
    "1e400",
    "NaN",
    "2026-13-45",
    "99/99/9999",
    "+84",
    "84",
    0,
    -(10**30),
    10**30,
    1.5,
    float("nan"),
    True,
    [],
    [None],
    ["a", 1],
    {},
    {"province": None, "commune": {"x": 1}},
    {"province": "01", "commune": "00070", "street": 5},
    {"x": [1, {"y": 2}]},
    "ẞ" * 10_000,
]


def test_junk_in_every_field(example: dict[str, Any]) -> None:
    ids = [field["id"] for field in example["fields"]]
    for field_id, value in itertools.product(ids, JUNK):
        for partial in (False, True):
            try:
                cleaned = form_data_clean(example, {field_id: value}, partial=partial)
            except FormDataInvalid as error:
                assert error.errors
            else:
                assert partial or cleaned  # a complete form needs its required fields


def test_junk_mixed_at_random(example: dict[str, Any]) -> None:
    rng = random.Random(20261128)
    ids = [field["id"] for field in example["fields"]] + ["extra"]
    for _round in range(300):
        data = {field_id: rng.choice(JUNK) for field_id in rng.sample(ids, k=5)}
        if rng.random() < 0.5:
            data["siblings"] = [{"name": rng.choice(JUNK), "grade": rng.choice(JUNK)}] * 3
        try:
            form_data_clean(example, data, partial=rng.random() < 0.5)
        except FormDataInvalid as error:
            assert all(isinstance(m, str) for ms in error.errors.values() for m in ms)
