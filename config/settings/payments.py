"""Payments: the payment backend (VNPAY or the fake gateway), its merchant code and secret,
e-invoices.

Every value from the environment, listed in deploy/env.example."""

from .env import env_bool, env_int, env_str  # noqa: F401
