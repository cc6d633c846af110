import pytest
from django.urls import reverse

from tests.workflows.admin_definitions.conftest import VALID_YAML
from tests.workflows.factories import ProcedureVersionFactory
from workflows.admin.version_compare import NodeChange, node_changes, side_by_side
from workflows.definitions import dump, loads

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.workflows.urls")]
COMPARE = "admin:workflows_procedureversion_compare"

NEW_YAML = (
    VALID_YAML.replace("name: Tiếp nhận", "name: Tiếp nhận hồ sơ")
    .replace("{accept: done, refuse: refused}", "{accept: review, refuse: refused}")
    .replace(
        "- {id: done, kind: end, result: processed}",
        "- id: review\n  kind: user_task\n  role: specialist\n  agency: {from: competent}\n"
        "  outcomes: {approve: done_ok}\n- {id: done_ok, kind: end, result: processed}",
    )
)


def test_node_changes_lists_added_removed_and_changed_nodes_with_their_fields():
    old, new = dump(loads(VALID_YAML)), dump(loads(NEW_YAML))
    assert node_changes(old, new) == [
        NodeChange("done", "removed"),
        NodeChange("reception", "changed", ("name", "outcomes")),
        NodeChange("review", "added"),
        NodeChange("done_ok", "added"),
    ]
    assert node_changes(new, new) == []


def test_node_changes_copes_with_sources_that_do_not_load():
    assert node_changes({"steps": [1]}, dump(loads(VALID_YAML)))[0] == NodeChange(
        "submitted", "added"
    )
    assert node_changes({"nodes": [{"kind": "start"}]}, {"nodes": "x"}) == [
        NodeChange("#1", "removed")
    ]


def test_side_by_side_escapes_lines_and_titles():
    old = {"format": "motcua/workflow@1", "name": "<b>old</b>", "nodes": []}
    new = {"format": "motcua/workflow@1", "name": "<script>x</script>", "nodes": []}
    table = side_by_side(old, new, old_title="<i>v1</i>", new_title="v2 & co")
    assert "<script>" not in table and "<i>" not in table and "<b>" not in table
    assert "&lt;script&gt;" in table and "&lt;i&gt;v1" in table and "v2 &amp; co" in table
    assert 'class="diff_chg"' in table or 'class="diff_sub"' in table


def test_the_compare_page_shows_both_versions_and_the_node_changes(admin_client):
    old = ProcedureVersionFactory(definition=dump(loads(VALID_YAML)))
    new = ProcedureVersionFactory(procedure=old.procedure, definition=dump(loads(NEW_YAML)))
    other = ProcedureVersionFactory()
    url = reverse(COMPARE)
    response = admin_client.get(url, {"a": old.pk, "b": new.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<table class="diff"' in page
    assert '<span class="diff_add">&nbsp;hồ&nbsp;sơ</span>' in page  # the added words
    assert '<li class="mc-added"><code>review</code>' in page
    assert '<li class="mc-removed"><code>done</code>' in page
    assert "(name, outcomes)" in page
    choices = {c.pk for c in response.context["choices"]}
    assert choices == {old.pk, new.pk}  # the same procedure's versions only

    page = admin_client.get(url, {"a": old.pk}).content.decode()
    assert '<select name="b">' in page and '<table class="diff"' not in page
    response = admin_client.get(url, {"a": old.pk, "b": other.pk})
    assert response.context["error"] == "Both versions must belong to the same procedure."
    assert admin_client.get(url, {"a": "nope"}).status_code == 404


def test_the_changelist_action_opens_the_comparison_of_two_versions(admin_client):
    old = ProcedureVersionFactory(number=1)
    new = ProcedureVersionFactory(procedure=old.procedure, number=2)
    changelist = reverse("admin:workflows_procedureversion_changelist")
    response = admin_client.post(
        changelist, {"action": "compare_two", "_selected_action": [new.pk, old.pk]}
    )
    assert response.status_code == 302
    assert response.url == f"{reverse(COMPARE)}?a={old.pk}&b={new.pk}"

    lone = admin_client.post(
        changelist, {"action": "compare_two", "_selected_action": [old.pk]}, follow=True
    )
    assert any("two versions" in str(m) for m in lone.context["messages"])


def test_comparing_needs_the_change_permission(staff_client):
    old = ProcedureVersionFactory()
    url = reverse(COMPARE)
    assert staff_client("view_procedureversion").get(url, {"a": old.pk}).status_code == 403
    assert staff_client("change_procedureversion").get(url, {"a": old.pk}).status_code == 200


def test_the_version_pickers_are_labelled_as_versions_in_vietnamese(admin_client, settings):
    settings.LANGUAGE_CODE = "vi"
    old = ProcedureVersionFactory(definition=dump(loads(VALID_YAML)))
    page = admin_client.get(reverse(COMPARE), {"a": old.pk}).content.decode()
    assert "Phiên bản cũ" in page
    assert "Phiên bản mới" in page
    assert "Mới đăng ký" not in page  # the dossier status that shares the English "New"
