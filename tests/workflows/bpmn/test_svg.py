from lxml import etree

from tests.workflows.bpmn.samples import one_of_each, realistic
from workflows.bpmn.layout import layout
from workflows.bpmn.svg import SVG, definition_svg
from workflows.definitions.model import Definition, Node, NodeKind

NS = {"svg": SVG}


def test_the_diagram_draws_every_node_boundary_and_edge():
    definition = realistic()
    root = etree.fromstring(definition_svg(definition))
    titles = [t.text for t in root.iter(f"{{{SVG}}}title")]
    for node in definition.nodes:
        assert f"{node.id} ({node.kind.value})" in titles
    assert "survey_overdue: 5 working_days" in titles
    assert "tax: error" in titles
    edges = root.findall("svg:path[@class='mc-edge']", NS)
    assert len(edges) == len(layout(definition).edges)
    # one more than the successors: the gateway's branch and default both go to "checks"
    assert len(edges) == sum(len(n.successors()) for n in definition.nodes) + 1


def test_labels_are_escaped():
    hostile = Definition(
        nodes=(
            Node("s", NodeKind.START, name="</svg><script>alert(1)</script>", next="e"),
            Node("e", NodeKind.END, name='" onload="alert(1)'),
        )
    )
    svg = definition_svg(hostile)
    assert "<script>" not in svg
    assert "&lt;/svg&gt;&lt;script&gt;" in svg
    root = etree.fromstring(svg)  # still one well-formed svg element
    texts = [t.text for t in root.iter(f"{{{SVG}}}text")]
    assert "</svg><script>alert(1)</script>" in texts
    assert all(not key.startswith("on") for e in root.iter() for key in e.attrib)


def test_every_small_definition_lays_out_inside_the_canvas():
    for definition in one_of_each().values():
        drawing = layout(definition)
        for box in drawing.boxes.values():
            assert box.x >= 0 and box.right <= drawing.width
            assert box.y >= 0 and box.bottom <= drawing.height
        boxes = [drawing.boxes[n.id] for n in definition.nodes]
        corners = {(b.x, b.y) for b in boxes}
        assert len(corners) == len(boxes)  # no two nodes on the same spot


def test_a_definition_with_dangling_references_still_draws():
    broken = Definition(nodes=(Node("s", NodeKind.START, next="missing"),))
    assert "s (start)" in definition_svg(broken)
