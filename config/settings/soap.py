"""The SOAP service (spyne) and outbound SOAP peers (zeep): body limits, timeouts.

Every value from the environment, listed in deploy/env.example."""

from .env import env_bool, env_int, env_str  # noqa: F401
