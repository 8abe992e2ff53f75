"""Services: work that spans repositories or touches files (sample data, import, export, backup)."""
