"""HTTP: one controller per resource, dependencies, and the one error -> problem+json table."""
