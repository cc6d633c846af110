import pytest
from lxml import etree

from tests.workflows.admin_definitions.conftest import VALID_YAML, change_url, form_data
from tests.workflows.bpmn.samples import realistic
from tests.workflows.factories import ProcedureVersionFactory
from workflows.bpmn import definition_to_bpmn
from workflows.definitions import dump, load
from workflows.definitions.model import Definition, Node, NodeKind

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.workflows.urls")]


@pytest.fixture
def draft():
    return ProcedureVersionFactory(definition={})


def _post(client, version, **fields):  # type: ignore[no-untyped-def]
    return client.post(change_url(version), form_data(version, **fields))


def test_a_draft_shows_its_definition_as_yaml_with_an_upload_field_and_a_diagram(admin_client):
    version = ProcedureVersionFactory(definition=dump(load_yaml(VALID_YAML)))
    page = admin_client.get(change_url(version)).content.decode()
    assert '<textarea name="definition"' in page
    assert "name: Tiếp nhận" in page and "role: reception" in page
    assert 'type="file" name="bpmn_file"' in page
    assert 'enctype="multipart/form-data"' in page
    assert "No problems found: ready to publish." in page
    assert "<svg" in page and "reception (user_task)" in page


def load_yaml(text: str) -> Definition:
    from workflows.definitions import loads

    return loads(text)


def test_valid_yaml_is_stored_in_canonical_form(admin_client, draft):
    response = _post(admin_client, draft, definition=VALID_YAML)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert load(draft.definition).node("reception").role == "reception"
    assert draft.definition == dump(load_yaml(VALID_YAML))


def test_empty_text_clears_the_definition(admin_client):
    version = ProcedureVersionFactory(definition=dump(load_yaml(VALID_YAML)))
    assert _post(admin_client, version, definition="  \n").status_code == 302
    version.refresh_from_db()
    assert version.definition == {}


def test_yaml_that_does_not_parse_is_an_error_on_the_field(admin_client, draft):
    response = _post(admin_client, draft, definition="nodes: [\n  - {id: a")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["definition"]
    assert len(errors) == 1 and "line" in errors[0]
    draft.refresh_from_db()
    assert draft.definition == {}


def test_shape_errors_name_their_nodes_and_nothing_is_saved(admin_client, draft):
    text = VALID_YAML.replace("role: reception", "role: reception\n  colour: red").replace(
        "kind: end, result: refused", "kind: finish"
    )
    response = _post(admin_client, draft, definition=text)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["definition"]
    assert any("reception" in e and "colour" in e for e in errors)
    assert any("refused" in e for e in errors)
    page = response.content.decode()
    assert "colour" in page
    draft.refresh_from_db()
    assert draft.definition == {}


def test_yaml_aliases_are_refused(admin_client, draft):
    text = VALID_YAML + "extra: &a [1, 2]\nmore: *a\n"
    response = _post(admin_client, draft, definition=text)
    errors = response.context["adminform"].form.errors["definition"]
    assert len(errors) == 1 and "aliases" in errors[0]  # refused by the language's parser


def test_a_draft_with_graph_problems_is_saved_and_its_problems_listed_per_node(admin_client, draft):
    text = VALID_YAML.replace("role: reception", "role: astronaut").replace(
        "{accept: done, refuse: refused}", "{accept: done}"
    )
    response = _post(admin_client, draft, definition=text)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert load(draft.definition).node("reception").role == "astronaut"
    response = admin_client.get(change_url(draft))
    shown = [str(m) for m in response.context["messages"]]
    assert any("2 problem(s) must be fixed" in m for m in shown), shown  # role, unreachable
    page = response.content.decode()
    assert "problem(s) must be fixed before publishing" in page
    assert "<strong>Node reception</strong>" in page
    assert "<strong>Node refused</strong>" in page  # unreachable now
    assert page.index("Node reception") < page.index("Node refused")  # in node order


def test_an_uploaded_bpmn_file_replaces_the_definition(admin_client, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    definition = realistic()
    upload = SimpleUploadedFile("flow.bpmn", definition_to_bpmn(definition), "application/xml")
    response = _post(admin_client, draft, definition="ignored: [", bpmn_file=upload)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    # compared as mappings: PostgreSQL's jsonb keeps no key order (outcomes are a mapping)
    assert dump(load(draft.definition)) == dump(definition)


def test_an_unsupported_bpmn_element_is_named_next_to_the_upload(admin_client, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = definition_to_bpmn(realistic()).replace(
        b'<bpmn:endEvent id="done"',
        b'<bpmn:scriptTask id="compute_fee"/><bpmn:endEvent id="done"',
    )
    upload = SimpleUploadedFile("flow.bpmn", data, "application/xml")
    response = _post(admin_client, draft, bpmn_file=upload)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["bpmn_file"]
    assert errors == ["unsupported element bpmn:scriptTask 'compute_fee'"]
    draft.refresh_from_db()
    assert draft.definition == {}


def test_modeler_ids_that_the_language_refuses_are_named(admin_client, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = definition_to_bpmn(load_yaml(VALID_YAML)).replace(b'"submitted"', b'"StartEvent_1"')
    upload = SimpleUploadedFile("flow.bpmn", data, "application/xml")
    response = _post(admin_client, draft, bpmn_file=upload)
    errors = response.context["adminform"].form.errors["bpmn_file"]
    assert any("StartEvent_1" in e for e in errors)


def test_an_entity_bomb_upload_is_refused(admin_client, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bomb = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa">]><a>&a;</a>'
    response = _post(admin_client, draft, bpmn_file=SimpleUploadedFile("x.bpmn", bomb))
    errors = response.context["adminform"].form.errors["bpmn_file"]
    assert errors == ["a DOCTYPE or entity declaration is not allowed"]


def test_labels_in_the_diagram_and_problems_are_escaped(admin_client):
    hostile = Definition(
        nodes=(
            Node("submitted", NodeKind.START, name="<script>alert(1)</script>", next="done"),
            Node("done", NodeKind.END, name="<img src=x onerror=alert(2)>", result="processed"),
        )
    )
    version = ProcedureVersionFactory(definition=dump(hostile))
    page = admin_client.get(change_url(version)).content.decode()
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    start = page.index("<svg", page.index('class="mc-diagram"'))
    svg = etree.fromstring(page[start : page.index("</svg>", start) + 6].encode())
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "<script>alert(1)</script>" in texts


def test_a_definition_that_does_not_load_has_no_diagram_but_lists_its_errors(admin_client):
    version = ProcedureVersionFactory(definition={"steps": ["reception"]})
    page = admin_client.get(change_url(version)).content.decode()
    assert "No diagram: the definition does not load." in page
    assert "The whole definition" in page


def test_a_published_version_shows_its_source_and_diagram_read_only(admin_client):
    from tests.workflows.factories import ProcedureCaseFactory
    from workflows.services.procedure_versions import procedure_version_publish

    version = ProcedureVersionFactory(definition=dump(load_yaml(VALID_YAML)))
    ProcedureCaseFactory(version=version)
    procedure_version_publish(version=version, by=None)
    page = admin_client.get(change_url(version)).content.decode()
    assert 'name="definition"' not in page and 'name="bpmn_file"' not in page
    assert '<pre class="mc-source">' in page and "role: reception" in page
    assert "<svg" in page
    assert "/publish/" not in page


def test_the_text_area_shows_fields_in_canonical_order_whatever_the_database_kept(admin_client):
    canonical = dump(load_yaml(VALID_YAML))
    shuffled = {key: canonical[key] for key in reversed(list(canonical))}  # as jsonb may return
    shuffled["nodes"] = [{k: n[k] for k in sorted(n)} for n in canonical["nodes"]]
    version = ProcedureVersionFactory(definition=shuffled)
    form = admin_client.get(change_url(version)).context["adminform"].form
    text = form.initial["definition"]
    assert text.startswith("format: motcua/workflow@1\nname: Thử nghiệm\nnodes:\n- id: submitted\n")


def test_view_only_staff_see_a_draft_read_only(staff_client):
    version = ProcedureVersionFactory(definition=dump(load_yaml(VALID_YAML)))
    response = staff_client("view_procedureversion").get(change_url(version))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="definition"' not in page and 'name="bpmn_file"' not in page
    assert '<pre class="mc-source">' in page and "<svg" in page
    assert "/publish/" not in page and "/bpmn/" not in page
