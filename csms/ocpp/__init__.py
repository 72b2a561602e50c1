"""The OCPP 2.0.1 core: the stations' WebSocket server (server.py, on its own event loop),
what it does for them (handlers.py), and the service the doors use (service.py)."""
