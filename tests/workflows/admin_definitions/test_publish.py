import pytest
from django.urls import reverse

from tests.workflows.admin_definitions.conftest import VALID_YAML, change_url
from tests.workflows.factories import ProcedureCaseFactory, ProcedureVersionFactory, UserFactory
from workflows.definitions import dump, loads
from workflows.models import ProcedureVersion
from workflows.services.procedure_versions import procedure_version_publish

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.workflows.urls")]
Status = ProcedureVersion.Status


def publish_url(version: ProcedureVersion) -> str:
    return reverse("admin:workflows_procedureversion_publish", args=[version.pk])


@pytest.fixture
def draft():
    version = ProcedureVersionFactory(definition=dump(loads(VALID_YAML)))
    ProcedureCaseFactory(version=version)
    return version


@pytest.fixture
def published(draft):
    old = ProcedureVersionFactory(procedure=draft.procedure, definition=draft.definition)
    ProcedureCaseFactory(version=old)
    return procedure_version_publish(version=old, by=None)


def test_the_draft_page_links_to_publishing_for_those_who_may_publish(staff_client, draft):
    publisher = staff_client("change_procedureversion", "publish_procedureversion")
    assert publish_url(draft) in publisher.get(change_url(draft)).content.decode()
    editor = staff_client("change_procedureversion")
    assert publish_url(draft) not in editor.get(change_url(draft)).content.decode()


def test_publishing_asks_for_confirmation_then_calls_the_service(staff_client, draft, published):
    client = staff_client("change_procedureversion", "publish_procedureversion")
    page = client.get(publish_url(draft)).content.decode()
    assert "Yes, publish" in page
    assert "These versions will be retired" in page and str(published) in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT  # a GET changes nothing

    response = client.post(publish_url(draft))
    assert response.status_code == 302 and response.url == change_url(draft)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_by == response.wsgi_request.user
    assert published.status == Status.RETIRED


def test_the_confirmation_lists_the_problems_per_node(admin_client):
    text = VALID_YAML.replace("role: reception", "role: astronaut")
    version = ProcedureVersionFactory(definition=dump(loads(text)))
    page = admin_client.get(publish_url(version)).content.decode()
    assert "publishing will be refused" in page and "<strong>Node reception</strong>" in page
    assert "astronaut" in page


def test_an_invalid_definition_is_refused_by_the_service_with_its_errors(admin_client):
    text = VALID_YAML.replace("role: reception", "role: astronaut")
    version = ProcedureVersionFactory(definition=dump(loads(text)))
    ProcedureCaseFactory(version=version)
    response = admin_client.post(publish_url(version), follow=True)
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Node reception: there is no role astronaut."]


def test_a_refused_publication_shows_the_services_reasons(admin_client):
    version = ProcedureVersionFactory(definition=dump(loads(VALID_YAML)))  # and no case
    response = admin_client.post(publish_url(version), follow=True)
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["A version needs at least one case before it is published."]


def test_publishing_twice_is_refused_with_a_message(admin_client, draft):
    procedure_version_publish(version=draft, by=None)
    page = admin_client.get(publish_url(draft)).content.decode()
    assert "Only a draft can be published." in page
    response = admin_client.post(publish_url(draft), follow=True)
    assert any("published" in str(m) for m in response.context["messages"])


def test_publishing_needs_the_dedicated_permission(staff_client, draft):
    editor = staff_client("change_procedureversion")
    assert editor.get(publish_url(draft)).status_code == 403
    assert editor.post(publish_url(draft)).status_code == 403
    changelist = reverse("admin:workflows_procedureversion_changelist")
    editor.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    actions = dict(editor.get(changelist).context["action_form"].fields["action"].choices)
    assert "publish" not in actions and "compare_two" in actions
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_publish_permission_alone_is_not_enough(staff_client, draft):
    client = staff_client("publish_procedureversion", "view_procedureversion")
    assert client.post(publish_url(draft)).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_non_staff_users_are_sent_to_the_login_page(client, draft):
    user = UserFactory(is_staff=False)
    client.force_login(user)
    response = client.post(publish_url(draft))
    assert response.status_code == 302 and "/login/" in response.url
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_bulk_action_reports_each_reason_in_plain_words(admin_client):
    version = ProcedureVersionFactory(definition=dump(loads(VALID_YAML)))  # and no case
    changelist = reverse("admin:workflows_procedureversion_changelist")
    response = admin_client.post(
        changelist, {"action": "publish", "_selected_action": [version.pk]}, follow=True
    )
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [f"{version}: A version needs at least one case before it is published."]
