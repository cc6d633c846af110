"""Named registries: one pattern for every pluggable kind (senders, backends, handlers).

    senders = Registry[Callable[..., None]]("outbox sender")

    @senders.register("notify.email")
    def send_email(...): ...

A name is registered once; a second registration under the same name is an
error at import time, never a silent replacement.
"""

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class RegistryError(LookupError):
    pass


class Registry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        def decorator(item: T) -> T:
            self.add(name, item)
            return item

        return decorator

    def add(self, name: str, item: T) -> None:
        if not name or not isinstance(name, str):
            raise RegistryError(f"{self.kind}: a name must be a non-empty string")
        if name in self._items:
            raise RegistryError(f"{self.kind} {name!r} is already registered")
        self._items[name] = item

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise RegistryError(f"unknown {self.kind} {name!r} (known: {known})") from None

    def remove(self, name: str) -> None:
        """For tests that register throwaway entries."""
        self._items.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._items))

    def items(self) -> list[tuple[str, T]]:
        return sorted(self._items.items())
