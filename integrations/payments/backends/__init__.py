"""Vendor payment backends; they register themselves in ``base.backends`` when the app is
ready. Nothing outside ``integrations.payments`` imports them (an import-linter contract)."""

from . import vnpay, vnpay_fake

__all__ = ["vnpay", "vnpay_fake"]
