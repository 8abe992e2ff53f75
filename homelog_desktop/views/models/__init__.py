"""Qt item models (table and list models) over view-model state."""
