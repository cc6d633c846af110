"""Counter and postal reception: choose a case, fill the form, attach scans, submit; errors
next to their fields with what was typed kept; then accept at once and get Form 01."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.workflows.factories import PDF_BYTES, PNG_BYTES, AgencyFactory, UserFactory
from tests.workflows.services import submission_setup
from tests.workflows.services.reception_setup import officer
from workflows.models import Dossier, DossierDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter():
    return submission_setup.desk()


def signed_in(user):
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def form_url(counter):
    return reverse("workspace:reception-form", args=[counter.centre.pk, counter.case.pk])


def post_data(**extra):
    return {
        "submission_key": "k-1",
        "channel": str(Dossier.Channel.IN_PERSON.value),
        "owner_name": "Trần Thị Mai",
        "owner_id_number": "001203004567",
        "phone": "0912345678",
        "graduation_year": "2010",
        "document-request_form": SimpleUploadedFile("don.pdf", PDF_BYTES, "application/pdf"),
        "document-identity_document": SimpleUploadedFile("cc.png", PNG_BYTES, "image/png"),
        **extra,
    }


def test_choose_lists_the_cases_the_officer_receives_and_opens_one(counter):
    client = signed_in(counter.officer)
    page = client.get(reverse("workspace:reception-new"))
    [choice] = page.context["choices"]
    assert choice.case == counter.case and choice.agency == counter.centre
    response = client.get(reverse("workspace:reception-new"), {"case": choice.key})
    assert response["Location"] == form_url(counter)
    wrong = client.get(reverse("workspace:reception-new"), {"case": "0-0"})
    assert wrong.status_code == 200 and wrong.context["error"]


def test_an_officer_without_reception_role_there_gets_404(counter):
    specialist = officer(counter.centre, "specialist")
    assert signed_in(specialist).get(form_url(counter)).status_code == 404
    stranger = officer(AgencyFactory(), "reception")
    assert signed_in(stranger).get(form_url(counter)).status_code == 404
    choices = signed_in(stranger).get(reverse("workspace:reception-new")).context["choices"]
    assert counter.centre not in [choice.agency for choice in choices]  # only their own
    citizen = Client()
    citizen.force_login(UserFactory())
    assert citizen.get(reverse("workspace:reception-new")).status_code == 404


def test_the_form_renders_with_uploads_and_a_submission_key(counter):
    response = signed_in(counter.officer).get(form_url(counter))
    content = response.content.decode()
    assert 'name="owner_name"' in content
    assert 'name="document-request_form"' in content
    assert 'name="submission_key"' in content and 'enctype="multipart/form-data"' in content


def test_errors_are_shown_next_to_their_fields_and_what_was_typed_is_kept(counter):
    client = signed_in(counter.officer)
    data = post_data(owner_id_number="123")
    del data["document-identity_document"]
    response = client.post(form_url(counter), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "error-summary" in content
    assert 'value="Trần Thị Mai"' in content  # kept
    assert 'id="document-identity_document-error"' in content
    assert not Dossier.objects.exists()
    no_channel = client.post(form_url(counter), post_data(channel=""))
    assert no_channel.status_code == 400 and b"channel-error" in no_channel.content


def test_a_paper_dossier_is_recorded_then_accepted_at_once_with_form_01(counter):
    client = signed_in(counter.officer)
    response = client.post(form_url(counter), post_data())
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("workspace:reception-done", args=[dossier.pk])
    assert dossier.channel == Dossier.Channel.IN_PERSON and dossier.applicant is None
    assert dossier.code and dossier.attachments.count() == 2
    # the same key again (a double submit) gives the same dossier
    again = client.post(form_url(counter), post_data())
    assert again["Location"] == response["Location"] and Dossier.objects.count() == 1

    done = client.get(response["Location"])
    assert dossier.code in done.content.decode()
    task = done.context["task"]
    accepted = client.post(
        reverse("workspace:task-outcome", args=[task.pk, "accept"]), {"accept-comment": ""}
    )
    assert accepted.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.ACCEPTED
    form_01 = DossierDocument.objects.get(dossier=dossier, kind=DossierDocument.Kind.RECEIPT)
    page = client.get(accepted["Location"])
    content = page.content.decode()
    assert reverse("workspace:document-preview", args=[form_01.pk]) in content
    # the data under the form's labels, the personal fields among them
    items = {item.label: item.value for item in page.context["items"]}
    assert items["Năm tốt nghiệp"] == "2010"
    assert items["Họ và tên"] == "Trần Thị Mai"


def test_another_agency_cannot_open_the_done_page(counter):
    client = signed_in(counter.officer)
    client.post(form_url(counter), post_data(channel=str(Dossier.Channel.POST.value)))
    dossier = Dossier.objects.get()
    assert dossier.channel == Dossier.Channel.POST
    stranger = signed_in(officer(AgencyFactory(), "reception"))
    assert stranger.get(reverse("workspace:reception-done", args=[dossier.pk])).status_code == 404
