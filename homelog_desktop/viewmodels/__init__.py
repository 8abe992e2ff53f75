"""View models: QObjects holding UI state, exposing one async method per user action."""
