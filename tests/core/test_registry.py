import pytest

from core.registry import Registry, RegistryError


def test_register_and_get():
    registry: Registry[int] = Registry("number")
    registry.add("one", 1)

    @registry.register("two")
    def two() -> int:
        return 2

    assert registry.get("one") == 1
    assert registry.get("two") is two
    assert list(registry) == ["one", "two"]
    assert "one" in registry


def test_duplicate_name_is_rejected():
    registry: Registry[int] = Registry("number")
    registry.add("one", 1)
    with pytest.raises(RegistryError, match="already registered"):
        registry.add("one", 11)
    assert registry.get("one") == 1


def test_unknown_name_lists_known_ones():
    registry: Registry[int] = Registry("number")
    registry.add("one", 1)
    with pytest.raises(RegistryError, match=r"unknown number 'three' \(known: one\)"):
        registry.get("three")
