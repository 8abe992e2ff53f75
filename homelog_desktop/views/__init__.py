"""Windows, dialogs and widgets; they talk to view models only, never to the database."""
