"""Pure-Python domain of Home Log: entities, validation and errors (no Qt, no SQLAlchemy)."""
