"""Notifications to applicants and officers: email and SMS backends, versioned templates,
delivery status.

Imports only ``core`` (and libraries): never the workflow layer nor another integration."""
