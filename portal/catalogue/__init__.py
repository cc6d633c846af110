"""catalogue pages (issue 5)."""
