"""An SVG diagram of a definition, drawn from the same layout as the BPMN export.

Built with lxml, so every label (node names come from admins) is escaped by the serialiser;
the result is safe to inline in an HTML page.
"""

from lxml import etree

from workflows.definitions.model import Definition, Node, NodeKind

from .layout import Box, Layout, error_boundary_id, layout

SVG = "http://www.w3.org/2000/svg"
STYLE = """
.mc-shape { fill: #fff; stroke: #333; stroke-width: 1.5; }
.mc-end { stroke-width: 4; }
.mc-edge { fill: none; stroke: #555; stroke-width: 1.2; }
.mc-label { font: 11px sans-serif; fill: #222; }
.mc-small { font: 9px sans-serif; fill: #666; }
.mc-mark { font: bold 20px sans-serif; fill: #333; }
"""
MARKS = {
    NodeKind.EXCLUSIVE_GATEWAY: "\u00d7",  # multiplication sign
    NodeKind.PARALLEL_SPLIT: "+",
    NodeKind.PARALLEL_JOIN: "+",
    NodeKind.TIMER: "⏱",
    NodeKind.WAIT_EVENT: "✉",
}


def _el(parent: etree._Element, tag: str, **attrs: object) -> etree._Element:
    element = etree.SubElement(parent, f"{{{SVG}}}{tag}")
    for key, value in attrs.items():
        element.set(key.rstrip("_").replace("_", "-"), str(value))
    return element


def _text(parent: etree._Element, text: str, x: int, y: int, css: str = "mc-label") -> None:
    _el(parent, "text", x=x, y=y, class_=css, text_anchor="middle").text = text


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word[: width * 2])
    return lines[:4]


def _detail(node: Node) -> str:
    if node.kind is NodeKind.USER_TASK:
        place = node.agency.value or node.agency.source.value
        return f"{node.role} @ {place}" if node.role else place
    if node.kind is NodeKind.SERVICE_TASK:
        return node.handler
    if node.kind is NodeKind.WAIT_EVENT:
        return node.event
    if node.kind is NodeKind.END:
        return node.result
    if node.kind is NodeKind.TIMER:
        return f"{node.wait.amount} {node.wait.unit.value}" if node.wait else node.at
    return ""


def _node(group: etree._Element, node: Node, box: Box) -> None:
    shape = etree.SubElement(group, f"{{{SVG}}}g")
    _el(shape, "title").text = f"{node.id} ({node.kind.value})"
    if box.width == box.height and box.width < 40:  # an event
        css = "mc-shape mc-end" if node.kind is NodeKind.END else "mc-shape"
        _el(shape, "circle", cx=box.cx, cy=box.cy, r=box.width // 2, class_=css)
        if node.kind in MARKS:
            _el(shape, "circle", cx=box.cx, cy=box.cy, r=box.width // 2 - 3, class_="mc-shape")
            _text(shape, MARKS[node.kind], box.cx, box.cy + 5)
        label_y = box.bottom + 13
        for index, line in enumerate(_wrap(node.name or node.id, 22)):
            _text(shape, line, box.cx, label_y + index * 12)
        if _detail(node):
            _text(shape, _detail(node), box.cx, box.y - 6, "mc-small")
        return
    if node.kind in MARKS:  # a gateway
        points = f"{box.cx},{box.y} {box.right},{box.cy} {box.cx},{box.bottom} {box.x},{box.cy}"
        _el(shape, "polygon", points=points, class_="mc-shape")
        _text(shape, MARKS[node.kind], box.cx, box.cy + 7, "mc-mark")
        if node.name:
            _text(shape, node.name, box.cx, box.y - 6)
        return
    _el(
        shape, "rect", x=box.x, y=box.y, width=box.width, height=box.height, rx=8, class_="mc-shape"
    )
    lines = _wrap(node.name or node.id, 16)
    top = box.cy - 6 * len(lines)
    for index, line in enumerate(lines):
        _text(shape, line, box.cx, top + 10 + index * 12)
    mark = "⚙ " if node.kind is NodeKind.SERVICE_TASK else ""
    _text(shape, (mark + _detail(node))[:24], box.cx, box.bottom - 5, "mc-small")


def _boundary(group: etree._Element, box: Box, title: str, mark: str) -> None:
    shape = etree.SubElement(group, f"{{{SVG}}}g")
    _el(shape, "title").text = title
    _el(shape, "circle", cx=box.cx, cy=box.cy, r=box.width // 2, class_="mc-shape")
    _el(shape, "circle", cx=box.cx, cy=box.cy, r=box.width // 2 - 3, class_="mc-shape")
    _text(shape, mark, box.cx, box.cy + 5)


def _edges(group: etree._Element, drawing: Layout) -> None:
    for edge in drawing.edges:
        path = "M" + " L".join(f"{x},{y}" for x, y in edge.points)
        _el(group, "path", d=path, class_="mc-edge", marker_end="url(#mc-arrow)")
        if edge.label:  # on the last segment, near the target: siblings do not overlap
            (x1, y1), (x2, _y2) = edge.points[-2], edge.points[-1]
            label = edge.label if len(edge.label) <= 28 else edge.label[:27] + "\u2026"
            _text(group, label, (x1 + x2) // 2, y1 - 4, "mc-small")


def definition_svg(definition: Definition) -> str:
    """The diagram as an ``<svg>`` element (a string), ready to inline in a page."""
    drawing = layout(definition)
    root = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG})
    root.set("viewBox", f"0 0 {drawing.width} {drawing.height}")
    root.set("width", str(drawing.width))
    root.set("height", str(drawing.height))
    root.set("role", "img")
    _el(root, "title").text = definition.name or "workflow"
    _el(root, "style").text = STYLE
    marker = _el(
        _el(root, "defs"),
        "marker",
        id="mc-arrow",
        markerWidth=8,
        markerHeight=8,
        refX=7,
        refY=4,
        orient="auto",
    )
    _el(marker, "path", d="M0,0 L8,4 L0,8 z", fill="#555")
    _edges(root, drawing)
    for node in definition.nodes:
        _node(root, node, drawing.boxes[node.id])
        for timer in node.boundary_timers:
            title = f"{timer.id}: {timer.after.amount} {timer.after.unit.value}"
            _boundary(root, drawing.boxes[timer.id], title, "⏱")
        if node.on_error:
            _boundary(root, drawing.boxes[error_boundary_id(node)], f"{node.id}: error", "⚡")
    return etree.tostring(root, encoding="unicode")
