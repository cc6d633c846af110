"""The JSON API (/api/v1/, OpenAPI 3): an interface over the workflows services."""
