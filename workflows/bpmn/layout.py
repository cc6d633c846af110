"""A simple automatic layout of a definition, shared by the BPMN diagram (DI) and the SVG.

Columns follow the longest forward path from the start (back edges, found by a depth-first
walk, do not push nodes right); rows keep a branch beside its siblings. Edges are orthogonal:
forward edges leave on the right and enter on the left, back edges run along a lane below
the drawing. Boundary timers sit on the lower border of their task.
"""

from dataclasses import dataclass

from workflows.definitions.model import Definition, Node, NodeKind

COLUMN = 180
ROW = 130
MARGIN = 40
SIZES = {  # (width, height), the sizes bpmn.io draws
    NodeKind.START: (36, 36),
    NodeKind.END: (36, 36),
    NodeKind.TIMER: (36, 36),
    NodeKind.WAIT_EVENT: (36, 36),
    NodeKind.EXCLUSIVE_GATEWAY: (50, 50),
    NodeKind.PARALLEL_SPLIT: (50, 50),
    NodeKind.PARALLEL_JOIN: (50, 50),
    NodeKind.USER_TASK: (100, 80),
    NodeKind.SERVICE_TASK: (100, 80),
}
BOUNDARY = 36


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height


@dataclass(frozen=True)
class Edge:
    source: str  # a node id, or a boundary event's id (boundary timers, error boundaries)
    target: str
    label: str
    points: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]  # node ids and boundary event ids
    edges: tuple[Edge, ...]
    width: int
    height: int


def _edges_of(node: Node) -> list[tuple[str, str, str]]:
    """(source, target, label) for each outgoing edge; boundary sources are their own ids."""
    found: list[tuple[str, str, str]] = []
    if node.next:
        found.append((node.id, node.next, ""))
    found += [(node.id, target, code) for code, target in node.outcomes]
    found += [(t.id, t.next, "") for t in node.boundary_timers if t.next]
    if node.on_error:
        found.append((error_boundary_id(node), node.on_error, ""))
    found += [(node.id, b.next, b.condition) for b in node.branches]
    if node.default:
        found.append((node.id, node.default, "default"))
    found += [(node.id, target, "") for target in node.targets]
    return found


def error_boundary_id(node: Node) -> str:
    return f"{node.id}__error"


def _order(definition: Definition) -> tuple[list[str], set[tuple[str, str]]]:
    """Depth-first preorder from the start (then any unreached node) and the back edges."""
    ids = [n.id for n in definition.nodes]
    succ = {n.id: [t for t in n.successors() if t in set(ids)] for n in definition.nodes}
    starts = [n.id for n in definition.nodes if n.kind is NodeKind.START] + ids
    order: list[str] = []
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for root in starts:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        order.append(root)
        while stack:
            current, index = stack.pop()
            if index < len(succ[current]):
                stack.append((current, index + 1))
                target = succ[current][index]
                if state.get(target) == 1:
                    back.add((current, target))
                elif target not in state:
                    state[target] = 1
                    order.append(target)
                    stack.append((target, 0))
            else:
                state[current] = 2
    return order, back


def _grid(definition: Definition) -> dict[str, tuple[int, int]]:
    order, back = _order(definition)
    known = set(order)
    forward = {
        n.id: [t for t in n.successors() if t in known and (n.id, t) not in back]
        for n in definition.nodes
    }
    column = dict.fromkeys(order, 0)
    for _ in range(len(order)):  # longest path on a DAG; order is topological enough to settle
        changed = False
        for source in order:
            for target in forward[source]:
                if column[target] < column[source] + 1:
                    column[target], changed = column[source] + 1, True
        if not changed:
            break
    taken: set[tuple[int, int]] = set()
    row: dict[str, int] = {}
    for node_id in order:
        parents = [s for s in order if node_id in forward[s] and s in row]
        wanted = 0
        if parents:
            parent = parents[0]
            wanted = row[parent] + forward[parent].index(node_id)
        while (column[node_id], wanted) in taken:
            wanted += 1
        taken.add((column[node_id], wanted))
        row[node_id] = wanted
    return {node_id: (column[node_id], row[node_id]) for node_id in order}


def layout(definition: Definition) -> Layout:
    cells = _grid(definition)
    boxes: dict[str, Box] = {}
    for node in definition.nodes:
        col, row = cells[node.id]
        width, height = SIZES.get(node.kind, (100, 80))
        cx, cy = MARGIN + col * COLUMN + 50, MARGIN + row * ROW + 40
        boxes[node.id] = Box(cx - width // 2, cy - height // 2, width, height)
        host = boxes[node.id]
        borders = [t.id for t in node.boundary_timers]
        if node.on_error:
            borders.append(error_boundary_id(node))
        for index, border_id in enumerate(borders):
            x = host.x + 10 + index * (BOUNDARY + 4)
            boxes[border_id] = Box(x, host.bottom - BOUNDARY // 2, BOUNDARY, BOUNDARY)
    bottom = max((b.bottom for b in boxes.values()), default=0)
    lane = bottom + 25
    edges: list[Edge] = []
    for node in definition.nodes:
        for source, target, label in _edges_of(node):
            if target not in boxes:
                continue
            points = _route(boxes[source], boxes[target], source != node.id, lane)
            if any(y == lane for _, y in points):
                lane += 12  # the next back edge runs a little lower
            edges.append(Edge(source, target, label, points))
    width = max((b.right for b in boxes.values()), default=0) + MARGIN
    height = max([lane, *(y for e in edges for _, y in e.points)]) + MARGIN
    return Layout(boxes, tuple(edges), width, height)


def _route(src: Box, dst: Box, from_border: bool, lane: int) -> tuple[tuple[int, int], ...]:
    if from_border:  # leave a boundary event downwards, then go to the target's left side
        if dst.x > src.right and dst.cy > src.bottom:
            return ((src.cx, src.bottom), (src.cx, dst.cy), (dst.x, dst.cy))
        if dst.x > src.right + 20:
            below, middle = src.bottom + 15, dst.x - 20
            return (
                (src.cx, src.bottom),
                (src.cx, below),
                (middle, below),
                (middle, dst.cy),
                (dst.x, dst.cy),
            )
        return ((src.cx, src.bottom), (src.cx, lane), (dst.cx, lane), (dst.cx, dst.bottom))
    if dst.x > src.right:  # forward
        if src.cy == dst.cy:
            return ((src.right, src.cy), (dst.x, dst.cy))
        middle = src.right + (dst.x - src.right) // 2
        return ((src.right, src.cy), (middle, src.cy), (middle, dst.cy), (dst.x, dst.cy))
    return ((src.cx, src.bottom), (src.cx, lane), (dst.cx, lane), (dst.cx, dst.bottom))
