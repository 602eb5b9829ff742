"""The read rules of oversight, one module per concern."""
