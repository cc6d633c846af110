"""mine pages (issue 5)."""
