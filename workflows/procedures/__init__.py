"""Procedure packages (``motcua/procedure@1``) and the seed procedures shipped with motcua.

    from workflows.procedures import package_install, seed_packages

    for path in seed_packages():
        package_install(source=path)

docs/procedures.md describes the format and the four seed procedures.
"""

from pathlib import Path

from .installer import PackageInstalled, package_install
from .package import FORMAT, Package, package_read

SEED_DIRECTORY = Path(__file__).resolve().parent / "seed"


def seed_packages() -> list[Path]:
    """The shipped packages, in the order of their file names."""
    return sorted(SEED_DIRECTORY.glob("*.yaml"))


__all__ = [
    "FORMAT",
    "SEED_DIRECTORY",
    "Package",
    "PackageInstalled",
    "package_install",
    "package_read",
    "seed_packages",
]
