"""The shipment's state machine: created → picked_up → in_transit → a final state
(delivered, returned, failed). A status moves only forward; a final one never moves, so an
event that arrives late (out of order) is kept but changes nothing."""

FINAL = frozenset({"delivered", "returned", "failed"})
ACTIVE = ("created", "picked_up", "in_transit")
_RANK = {"created": 0, "picked_up": 1, "in_transit": 2, "delivered": 3, "returned": 3, "failed": 3}


def is_final(status: str) -> bool:
    return status in FINAL


def advances(current: str, new: str) -> bool:
    """Whether ``new`` moves a shipment on from ``current`` (never back, never out of a
    final state, never to a status this machine does not know)."""
    if current in FINAL or new not in _RANK:
        return False
    return _RANK[new] > _RANK[current]
