"""Reading a definition as a graph: references, reachability, and the joins that can fire."""

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence

from .model import Definition, Node, NodeKind


def references(node: Node) -> Iterator[tuple[str, str]]:
    """(field, target id) for every edge leaving ``node``, fields named as in the source."""
    if node.kind is NodeKind.PARALLEL_SPLIT:
        for index, target in enumerate(node.targets, start=1):
            yield f"next[{index}]", target
    elif node.next:
        yield "next", node.next
    for outcome, target in node.outcomes:
        yield f"outcomes.{outcome}", target
    for timer in node.boundary_timers:
        yield f"timers[{timer.id}].next", timer.next
    if node.on_error:
        yield "on_error", node.on_error
    for index, branch in enumerate(node.branches, start=1):
        yield f"branches[{index}].next", branch.next
    if node.default:
        yield "default", node.default


class Graph:
    """Successors and predecessors by node id (edges to unknown ids are left out)."""

    def __init__(self, definition: Definition) -> None:
        self.nodes: dict[str, Node] = {}
        for node in definition.nodes:
            self.nodes.setdefault(node.id, node)
        self.successors: dict[str, tuple[str, ...]] = {
            node_id: tuple(t for t in node.successors() if t in self.nodes)
            for node_id, node in self.nodes.items()
        }
        self.predecessors: dict[str, list[str]] = {node_id: [] for node_id in self.nodes}
        for source, targets in self.successors.items():
            for target in targets:
                self.predecessors[target].append(source)

    def reachable_from(self, starts: Iterable[str]) -> set[str]:
        return _walk(starts, self.successors)

    def reaching(self, goals: Iterable[str]) -> set[str]:
        """Every node with a path to one of ``goals`` (the goals included)."""
        return _walk(goals, self.predecessors)

    def main_path(self, starts: Iterable[str]) -> set[str]:
        """Every node reachable from ``starts`` without taking a non-interrupting boundary
        timer's branch (the path the dossier itself follows to its result)."""
        edges = {
            node_id: tuple(
                target
                for target in self.successors[node_id]
                if target not in _side_only(self.nodes[node_id])
            )
            for node_id in self.nodes
        }
        return _walk(starts, edges)

    def of_kind(self, kind: NodeKind) -> list[str]:
        return [node_id for node_id, node in self.nodes.items() if node.kind is kind]

    def join_can_fire(self, join_id: str) -> bool:
        """Some parallel split has every branch leading to the join (viewflow's Join waits
        for all the tokens of one split; a branch that never arrives keeps it waiting)."""
        reaching_join = self.reaching([join_id])
        return any(
            all(target in reaching_join for target in self.nodes[split].targets)
            for split in self.of_kind(NodeKind.PARALLEL_SPLIT)
            if self.nodes[split].targets
        )


def _side_only(node: Node) -> set[str]:
    """The targets ``node`` reaches only through a non-interrupting boundary timer."""
    side = {t.next for t in node.boundary_timers if not t.interrupting}
    main = {t.next for t in node.boundary_timers if t.interrupting}
    main |= {target for field, target in references(node) if not field.startswith("timers[")}
    return side - main


def _walk(starts: Iterable[str], edges: Mapping[str, Sequence[str]]) -> set[str]:
    seen = {s for s in starts if s in edges}
    queue = deque(seen)
    while queue:
        for follower in edges[queue.popleft()]:
            if follower not in seen:
                seen.add(follower)
                queue.append(follower)
    return seen
