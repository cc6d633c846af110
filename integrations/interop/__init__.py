"""Outbound SOAP peers (zeep clients) of other agencies' systems.

Imports only ``core`` (and libraries): never the workflow layer nor another integration."""
