"""HTTP routes, one module per resource, gathered in gateway.app."""
