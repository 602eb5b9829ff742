"""Forms of the oversight pages, one module per concern."""
