"""Senders of outbox rows, by kind. Integrations register theirs at import time."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.registry import Registry

if TYPE_CHECKING:
    from .delivery import Delivery

senders: "Registry[Callable[[Delivery], None]]" = Registry("outbox sender")
