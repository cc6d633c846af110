"""Node ids that would clash with viewflow: a compiled Flow class holds each node as an
attribute named by its id, beside the attributes of ``viewflow.workflow.base.Flow``.

viewflow also treats ``*_path`` attributes as URL paths, ``obsolete`` as its obsolete-node
factory, and names boundary nodes ``<host>__<suffix>``; names starting with ``_`` are skipped.
"""

from functools import cache

# Attributes the engine's compiled classes add beside viewflow's own (keep in step with
# workflows.engine): a node called so would replace them.
ENGINE_ATTRIBUTES = frozenset({"definition", "version", "version_id", "obsolete"})


@cache
def flow_attributes() -> frozenset[str]:
    from viewflow.workflow.base import Flow

    return frozenset(name for name in dir(Flow) if not name.startswith("_")) | {
        "lock",
        "instance",
    }


def is_reserved(node_id: str) -> bool:
    return (
        node_id in flow_attributes()
        or node_id in ENGINE_ATTRIBUTES
        or node_id.endswith("_path")
        or node_id.startswith("_")
        or "__" in node_id
    )
