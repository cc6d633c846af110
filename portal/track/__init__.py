"""track pages (issue 5)."""
