"""Adapters to external services (payments, post, the national portal, SOAP peers,
notifications): each kind a registry of backends with an in-process fake.
Integrations never import each other nor the layers above them."""
