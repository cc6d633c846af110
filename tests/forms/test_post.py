"""HTML form posts into the language's shape, then cleaned."""

from typing import Any

from django.http import QueryDict

from forms import form_data_clean, form_data_from_post


def _post(pairs: list[tuple[str, str]]) -> QueryDict:
    post = QueryDict(mutable=True)
    for name, value in pairs:
        post.appendlist(name, value)
    return post


def test_a_post_of_the_example_form(example: dict[str, Any]) -> None:
    post = _post(
        [
            ("csrfmiddlewaretoken", "t"),
            ("applicant_kind", "self"),
            ("owner_name", "Nguyễn Văn A"),
            ("owner_id_number", "001099012345"),
            ("representative_name", ""),
            ("address.province", "01"),
            ("address.commune", "00070"),
            ("address.street", "12 Tràng Tiền"),
            ("copies", "2"),
            ("agree", "on"),
            ("siblings.3.name", "Bình"),
            ("siblings.0.name", "An"),
            ("siblings.0.grade", "6"),
            ("submit", "Nộp hồ sơ"),
        ]
    )
    data = form_data_from_post(example, post)
    assert data == {
        "applicant_kind": "self",
        "owner_name": "Nguyễn Văn A",
        "owner_id_number": "001099012345",
        "representative_name": "",
        "address": {"province": "01", "commune": "00070", "street": "12 Tràng Tiền"},
        "copies": "2",
        "agree": "on",
        "siblings": [{"name": "An", "grade": "6"}, {"name": "Bình"}],
    }
    cleaned = form_data_clean(example, data)
    assert cleaned["copies"] == 2 and cleaned["agree"] is True
    assert cleaned["siblings"] == [{"name": "An", "grade": 6}, {"name": "Bình"}]


def test_multiselect_plain_groups_and_unticked_boxes() -> None:
    schema = {
        "format": "motcua/form@1",
        "fields": [
            {
                "id": "subjects",
                "type": "multiselect",
                "label": "x",
                "options": [{"value": v, "label": v} for v in ("toan", "van", "anh")],
            },
            {"id": "agree", "type": "checkbox", "label": "x"},
            {
                "id": "parent",
                "type": "group",
                "label": "x",
                "fields": [{"id": "name", "type": "text", "label": "x"}],
            },
        ],
    }
    post = _post([("subjects", "van"), ("subjects", "toan"), ("parent.name", "Lê C")])
    data = form_data_from_post(schema, post)
    assert data == {"subjects": ["van", "toan"], "parent": {"name": "Lê C"}}
    assert form_data_clean(schema, data) == {
        "subjects": ["toan", "van"],
        "agree": False,
        "parent": {"name": "Lê C"},
    }
    assert form_data_from_post(schema, {"subjects": ["anh"], "agree": "on"}) == {
        "subjects": ["anh"],
        "agree": "on",
    }
