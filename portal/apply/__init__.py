"""apply pages (issue 5)."""
