"""workspace pages (issue 5)."""
