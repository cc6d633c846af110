"""Backends of this kind; each registers itself. Nothing outside this integration imports
them: callers go through the service module."""
