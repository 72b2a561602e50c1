"""The composition root: settings, database, the ASGI app, OCPP handlers and the CLI."""
