"""`csms serve`: the HTTP side and the OCPP side of one process, each on its own event loop.

- the main thread's loop serves HTTP through uvicorn: the REST API, the console, the public PKI
  endpoints and OCSP, which csms/ocsp_front.py answers at the connection;
- a thread of its own runs the OCPP server's loop (csms/ocpp/runner.py): the stations'
  WebSockets. A slow OCSP signature (an HSM), a database read for a page, a burst of API
  requests: none of it runs on the loop that answers stations.
The API reaches the stations through the StationHub (csms/ocpp/hub.py), across the loops.

SIGTERM or SIGINT stops it gracefully: uvicorn stops accepting and finishes the HTTP requests
in flight, then the OCPP server stops accepting, lets CALLs in flight finish and closes every
station's WebSocket with 1001 (going away), each wait bounded by `shutdown_drain_seconds`;
the process then exits 0. A second signal cuts the wait for OCPP CALLs short.
"""

from __future__ import annotations

import math
import signal

import uvicorn

from auth.principal import Principal
from auth.users import BootstrapAdmin, ensure_bootstrap_admin

from . import logs
from .app import create_app
from .container import Container
from .database import one_node_at_a_time
from .ocpp.runner import BackgroundServer, run_event_loop
from .ocsp_front import http_protocol_for


def first_start(container: Container) -> tuple[tuple[str, ...], BootstrapAdmin]:
    """The PKI's hierarchies and an admin, if missing: (CAs created, what was done about the
    admin; `admin_message` says it to the operator)."""
    include_demo = container.settings.mode == "development"
    system = Principal.system("system:first-start")
    # Nodes started together on an empty database: one creates the PKI and the admin, the
    # others then find them.
    with one_node_at_a_time(container.settings.resolved_database_url, "first-start"):
        with container.transaction() as session:
            created = container.pki.init(session, system, include_demo=include_demo).created
        with container.transaction() as session:
            admin = ensure_bootstrap_admin(
                session, container.policy, password=container.settings.bootstrap_admin_password
            )
    return created, admin


def admin_message(admin: BootstrapAdmin) -> str | None:
    """What a start did about the admin, in words that are true (None: nothing to say). A
    generated password is in it: print it once, on the operator's terminal, never to a log."""
    name = admin.username
    reset = f"`csms user reset-password {name}`"
    if admin.outcome == "created":
        if admin.generated_password is None:
            return (
                f"first start: user {name} created with the password of "
                "CSMS_BOOTSTRAP_ADMIN_PASSWORD"
            )
        return (
            f"first start: user {name} created with password {admin.generated_password} "
            f"(shown only now; change it with {reset})"
        )
    if admin.outcome == "restored":
        exists = (
            f"user {name} exists and was disabled; it was enabled again and its admin role restored"
            if admin.enabled_again
            else f"user {name} exists; its admin role was restored"
        )
        password = (
            f"its password is unchanged (reset it with {reset})"
            if admin.has_password
            else f"it has no password (set one with {reset})"
        )
        return f"no active admin: {exists}; {password}"
    if admin.outcome == "impossible":
        return (
            f"no active admin, and user {name} is staff of partner {admin.partner}, who cannot "
            "be an admin: create one with `csms user add NAME --role admin`"
        )
    return None


def serve(
    container: Container,
    *,
    host: str,
    port: int,
    ocpp_port: int | None,
    tls_port: int | None,
    access_log: bool,
) -> None:
    settings = container.settings
    logs.configure(
        node_id=settings.node_id, log_format=settings.log_format, level=settings.log_level
    )
    # Refused here, in one line, rather than at the first signature: a node given another
    # node's database without its CSMS_KEY_PASSPHRASE (or PKCS#11 token).
    container.ca.check_keys()
    ocpp = BackgroundServer(container.ocpp)
    ports = ocpp.start(host, port=ocpp_port, tls_port=tls_port)
    for name, bound in ports.items():
        print(
            f"OCPP 1.6/2.0.1/2.1 listening on {name}://{host}:{bound}/ocpp/{{station_id}}",
            flush=True,
        )
    app = create_app(container)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        log_config=None,  # uvicorn's lines go through csms.logs like everyone's
        # Per-request access lines cost more than an OCSP answer; the audit trail records
        # what matters, and `--access-log` turns them on for debugging.
        access_log=access_log,
        http=http_protocol_for(app),  # OCSP answered at the connection (csms.ocsp_front)
        # The front counts connections, bounds every request's head and times out slow
        # requests (csms.ocsp_front.HttpLimits). Should uvicorn ever parse with h11, its
        # buffer holds no more than the same head; no WebSockets on this side (the stations'
        # have their own server); an idle kept-alive connection is closed after 5 s.
        h11_max_incomplete_event_size=(
            container.settings.http_max_request_line + container.settings.http_max_header_bytes
        ),
        ws="none",
        timeout_keep_alive=5,
        timeout_graceful_shutdown=math.ceil(settings.shutdown_drain_seconds),
    )
    # uvicorn shuts HTTP down gracefully on SIGINT and SIGTERM, then raises the signal again
    # with the handler it found. SIGTERM's default handler (what Kubernetes and docker stop
    # send) would end the process there, before the stations' WebSockets are closed, and
    # SIGINT's would raise KeyboardInterrupt: this one lets the `finally` below drain the
    # stations' CALLs, close them with 1001 (going away) and flush what is buffered. Only
    # these signals end quietly: uvicorn's own SystemExit (a port it cannot bind, exit 3) must
    # still reach the shell, or a supervisor would read a failed start as a clean stop.
    signal.signal(signal.SIGTERM, _stop_gracefully)
    signal.signal(signal.SIGINT, _stop_gracefully)
    try:
        run_event_loop(uvicorn.Server(config).serve())
    except _Terminated:
        pass
    finally:
        # From here a further signal shortens the drain instead of abandoning the stop.
        signal.signal(signal.SIGTERM, lambda _signal, _frame: ocpp.hurry())
        signal.signal(signal.SIGINT, lambda _signal, _frame: ocpp.hurry())
        ocpp.stop(settings.shutdown_drain_seconds)


class _Terminated(BaseException):
    """SIGTERM or SIGINT, raised out of uvicorn after its graceful shutdown (a BaseException, like
    KeyboardInterrupt for SIGINT, so no `except Exception` on the way swallows it)."""


def _stop_gracefully(_signal: int, _frame: object) -> None:
    raise _Terminated
