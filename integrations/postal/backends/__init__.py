"""Vendor backends of postal delivery; they register themselves in ``base.backends``.
Nothing outside ``integrations.postal`` imports them (an import-linter contract)."""

from . import fake, vnpost_http

__all__ = ["fake", "vnpost_http"]
