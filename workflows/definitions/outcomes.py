"""The reserved outcomes: codes whose effects on the dossier the reception services carry out
(dossier-common contract), so the graph around them must have one shape.

- ``supplement`` (one request to supplement the dossier) leads to a wait_event on
  ``supplementation_received`` whose ``next`` is the step that asked;
- ``refuse`` (refusing to accept the dossier) leads to an end with the result ``refused``;
- ``stop`` (stopping the processing, Form 05: ``workflows.services.stop``) leads to an end with
  the result ``stopped``;
- ``accept`` (the reception of the dossier) is one reception: a step with it must be reached
  from the start node without passing another step that has it.
"""

from collections.abc import Iterator

from .errors import DefinitionError
from .graph import Graph
from .model import Definition, Node, NodeKind

ACCEPT, SUPPLEMENT, REFUSE, STOP = "accept", "supplement", "refuse", "stop"
RESERVED_OUTCOMES = (ACCEPT, SUPPLEMENT, REFUSE, STOP)


def reserved_outcome_errors(definition: Definition, graph: Graph) -> Iterator[DefinitionError]:
    tasks = [n for n in definition.nodes if n.kind is NodeKind.USER_TASK]
    for task in tasks:
        outcomes = dict(task.outcomes)
        target = graph.nodes.get(outcomes.get(SUPPLEMENT, ""))
        if target is not None and not _waits_for_supplement(target, task):
            yield DefinitionError("supplement_target", task.id, {"target": target.id})
        target = graph.nodes.get(outcomes.get(REFUSE, ""))
        if target is not None and not (target.kind is NodeKind.END and target.result == "refused"):
            yield DefinitionError("refuse_target", task.id, {"target": target.id})
        target = graph.nodes.get(outcomes.get(STOP, ""))
        if target is not None and not (target.kind is NodeKind.END and target.result == "stopped"):
            yield DefinitionError("stop_target", task.id, {"target": target.id})
    yield from _receptions(graph, [t.id for t in tasks if ACCEPT in dict(t.outcomes)])


def _waits_for_supplement(target: Node, task: Node) -> bool:
    return (
        target.kind is NodeKind.WAIT_EVENT
        and target.event == "supplementation_received"
        and target.next == task.id
    )


def _receptions(graph: Graph, accepting: list[str]) -> Iterator[DefinitionError]:
    """Each step with ``accept`` reached from the start without passing another one."""
    starts = graph.of_kind(NodeKind.START)[:1]
    if len(accepting) < 2 or not starts:
        return
    reached = graph.reachable_from(starts)
    for task in accepting:
        if task not in reached:
            continue  # reported as unreachable
        others = set(accepting) - {task}
        edges = {
            node: () if node in others else targets for node, targets in graph.successors.items()
        }
        if task not in _walk(starts, edges):
            yield DefinitionError("second_reception", task, {"other": ", ".join(sorted(others))})


def _walk(starts: list[str], edges: dict[str, tuple[str, ...]]) -> set[str]:
    seen, queue = set(starts), list(starts)
    while queue:
        for follower in edges[queue.pop()]:
            if follower not in seen:
                seen.add(follower)
                queue.append(follower)
    return seen
