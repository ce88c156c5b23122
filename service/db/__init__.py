"""Storage: ORM models, the engine and repositories."""
