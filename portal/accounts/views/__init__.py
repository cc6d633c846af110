"""The account pages, one module per concern."""
