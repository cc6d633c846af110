"""Compiling definitions: node kinds to viewflow nodes, refused ids, step forms."""

import pytest
from django import forms
from viewflow.workflow import flow
from viewflow.workflow.models import Task

from workflows.definitions.model import Definition, Node, NodeKind
from workflows.definitions.registry import step_forms
from workflows.engine import StepFormInvalid, flow_class_for, process_start, task_complete
from workflows.engine.compiler import CompileError, compile_definition
from workflows.engine.nodes import ResultEnd, UserTask

from ..factories import MembershipFactory, RoleFactory, UserFactory
from .helpers import dossier_on, parallel, published, two_step

K = NodeKind


def test_every_node_becomes_a_viewflow_node():
    cls = compile_definition(two_step(), name="PreviewFlow")
    assert isinstance(cls.instance.node("submitted"), flow.StartHandle)
    assert isinstance(cls.instance.node("reception"), UserTask)
    assert cls.instance.node("reception").outcomes == ("forward", "decline")
    assert isinstance(cls.instance.node("route"), flow.Switch)
    assert isinstance(cls.instance.node("done"), ResultEnd)
    edges = {(e.src.name, e.dst.name, e.label) for n in cls.instance.nodes() for e in n._outgoing()}
    assert ("reception", "route", "forward") in edges
    assert ("reception", "refused", "decline") in edges
    split = compile_definition(parallel(), name="SplitFlow").instance.node("split")
    assert {e.dst.name for e in split._outgoing()} == {"check_a", "check_b"}


@pytest.mark.parametrize("bad", ["lock", "instance", "report_path", "_private"])
def test_ids_that_clash_with_flow_attributes_are_refused(bad: str):
    definition = Definition(
        nodes=(
            Node(id="submitted", kind=K.START, next=bad),
            Node(id=bad, kind=K.END, result="processed"),
        )
    )
    with pytest.raises(CompileError, match=bad):
        compile_definition(definition, name="BadFlow")


@pytest.mark.django_db
def test_a_draft_has_no_flow_class():
    from ..factories import ProcedureVersionFactory

    with pytest.raises(AttributeError):
        flow_class_for(ProcedureVersionFactory())


@pytest.mark.django_db
def test_the_class_lives_at_its_import_path():
    version = published(two_step())
    cls = flow_class_for(version)
    assert str(cls) == f"workflows/engine.flows.Version{version.pk}Flow"
    assert flow_class_for(version) is cls


class Approval(forms.Form):
    decision_number = forms.CharField(max_length=20)


@pytest.mark.django_db
def test_a_step_form_checks_the_data_sent_with_the_outcome():
    step_forms.add("tests.approval", Approval)
    try:
        definition = Definition(
            nodes=(
                Node(id="submitted", kind=K.START, next="approve"),
                Node(
                    id="approve",
                    kind=K.USER_TASK,
                    role="reception",
                    form="tests.approval",
                    outcomes=(("ok", "done"),),
                ),
                Node(id="done", kind=K.END, result="processed"),
            )
        )
        dossier = dossier_on(definition)
        user = UserFactory()
        MembershipFactory(
            user=user, agency=dossier.receiving_agency, role=RoleFactory(code="reception")
        )
        user = type(user).objects.get(pk=user.pk)
        task = Task.objects.get(process=process_start(dossier=dossier), flow_task_type="HUMAN")
        with pytest.raises(StepFormInvalid) as refused:
            task_complete(task_id=task.pk, user=user, outcome="ok", data={})
        assert list(refused.value.errors) == ["decision_number"]
        task_complete(task_id=task.pk, user=user, outcome="ok", data={"decision_number": "12/QĐ"})
        task.refresh_from_db()
        assert task.data["form"] == {"decision_number": "12/QĐ"}
    finally:
        step_forms.remove("tests.approval")
