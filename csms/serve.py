"""`csms serve`: the HTTP side and the OCPP side of one process, each on its own event loop.

- the main thread's loop serves HTTP through uvicorn: the REST API, the console, the public PKI
  endpoints and OCSP, which csms/ocsp_front.py answers at the connection;
- a thread of its own runs the OCPP server's loop (csms/ocpp/runner.py): the stations'
  WebSockets. A slow OCSP signature (an HSM), a database read for a page, a burst of API
  requests: none of it runs on the loop that answers stations.
The API reaches the stations through the StationHub (csms/ocpp/hub.py), across the loops.
"""

from __future__ import annotations

import uvicorn

from auth.principal import Principal
from auth.users import ensure_bootstrap_admin

from .app import create_app
from .container import Container
from .ocpp.runner import BackgroundServer, run_event_loop
from .ocsp_front import http_protocol_for


def first_start(container: Container) -> tuple[tuple[str, ...], str | None]:
    """The PKI's hierarchies and the first admin, if missing: (CAs created, the admin's
    generated password or None)."""
    include_demo = container.settings.mode == "development"
    system = Principal.system("system:first-start")
    with container.transaction() as session:
        created = container.pki.init(session, system, include_demo=include_demo).created
    with container.transaction() as session:
        password = ensure_bootstrap_admin(
            session, container.policy, password=container.settings.bootstrap_admin_password
        )
    return created, password


def serve(
    container: Container,
    *,
    host: str,
    port: int,
    ocpp_port: int | None,
    tls_port: int | None,
    access_log: bool,
) -> None:
    ocpp = BackgroundServer(container.ocpp)
    ports = ocpp.start(host, port=ocpp_port, tls_port=tls_port)
    for name, bound in ports.items():
        print(f"OCPP 2.0.1 listening on {name}://{host}:{bound}/ocpp/{{station_id}}", flush=True)
    app = create_app(container)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        # Per-request access lines cost more than an OCSP answer; the audit trail records
        # what matters, and `--access-log` turns them on for debugging.
        access_log=access_log,
        http=http_protocol_for(app),  # OCSP answered at the connection (csms.ocsp_front)
    )
    try:
        run_event_loop(uvicorn.Server(config).serve())
    finally:
        ocpp.stop()
