"""accounts pages (issue 5)."""
