"""What a node counts and times, for Prometheus (`GET /metrics`, text format 0.0.4).

Counters and histograms live in one registry of this process, filled where the work happens:
OCPP messages and their handlers' latency (csms/ocpp/connection.py), OCSP answers
(csms/ocsp_front.py and the /ocsp routes), contract certificate installations (the CPS, behind
the OCPP handler), database errors (csms/database.py). Gauges read at scrape time what is true
now: stations connected to this node, certificates issued and revoked by profile (from the
database, so every node reports the cluster's totals).

The figures are counts and times, labelled by OCPP action, outcome and certificate profile:
never a station id, a person, an eMAID or a serial number, so the endpoint can be scraped
without a login (docs/security.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

REGISTRY = CollectorRegistry(auto_describe=True)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

# Latency buckets from 1 ms to 10 s: an OCPP answer is a few ms, a CPS installation tens.
_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

OCPP_MESSAGES = Counter(
    "csms_ocpp_messages",
    "CALLs received from stations, by action and outcome (result, call_error, internal_error)",
    ["action", "outcome"],
    registry=REGISTRY,
)
OCPP_HANDLER_SECONDS = Histogram(
    "csms_ocpp_handler_seconds",
    "Time from a station's CALL to our answer being ready, by action",
    ["action"],
    buckets=_BUCKETS,
    registry=REGISTRY,
)
OCSP_REQUESTS = Counter(
    "csms_ocsp_requests",
    "OCSP requests answered, by path (front, api)",
    ["path"],
    registry=REGISTRY,
)
OCSP_SECONDS = Histogram(
    "csms_ocsp_seconds", "Time to answer one OCSP request", buckets=_BUCKETS, registry=REGISTRY
)
CPS_INSTALLATIONS = Counter(
    "csms_cps_installations",
    "Contract certificate installations (Get15118EVCertificate), by outcome",
    ["outcome"],
    registry=REGISTRY,
)
CPS_SECONDS = Histogram(
    "csms_cps_seconds",
    "Time to answer one Get15118EVCertificate (the contract service's work included)",
    buckets=_BUCKETS,
    registry=REGISTRY,
)
PNC_DIAGNOSTICS = Counter(
    "csms_pnc_diagnostics",
    "Plug & Charge diagnostics records written, by kind and outcome (accepted, refused, error)",
    ["kind", "outcome"],
    registry=REGISTRY,
)
PNC_DIAGNOSTICS_FAILURES = Counter(
    "csms_pnc_diagnostics_failures",
    "Plug & Charge diagnostics records that could not be written (the station was answered)",
    registry=REGISTRY,
)
DATABASE_ERRORS = Counter(
    "csms_database_errors",
    "Database operations that failed (connection lost, timeout, refused), by where",
    ["where"],
    registry=REGISTRY,
)


@contextmanager
def timed(histogram: Histogram, **labels: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        target = histogram.labels(**labels) if labels else histogram
        target.observe(time.perf_counter() - started)


def ocsp_answer(respond: Callable[[bytes], bytes], request: bytes, *, path: str) -> bytes:
    """`respond(request)`, counted and timed."""
    started = time.perf_counter()
    try:
        return respond(request)
    finally:
        OCSP_SECONDS.observe(time.perf_counter() - started)
        OCSP_REQUESTS.labels(path=path).inc()


class NodeGauges(Collector):
    """What is true now, read at each scrape: this node's connected stations, and the
    certificates issued and revoked by profile (the database's, so the cluster's)."""

    def __init__(self, connected: Callable[[], int], sessions: sessionmaker[Session]) -> None:
        self._connected = connected
        self._sessions = sessions

    def collect(self) -> Iterator[Any]:
        stations = GaugeMetricFamily(
            "csms_ocpp_stations_connected", "Stations connected to this node"
        )
        stations.add_metric([], self._connected())
        yield stations
        issued = GaugeMetricFamily(
            "csms_certificates_issued",
            "Certificates issued by the CA, by profile (revoked ones included)",
            labels=["profile"],
        )
        revoked = GaugeMetricFamily(
            "csms_certificates_revoked", "Certificates revoked, by profile", labels=["profile"]
        )
        try:
            with self._sessions() as session:
                rows = session.execute(
                    text(
                        "SELECT profile, count(*), count(revoked_at) FROM pki_certificates"
                        " WHERE status = 'issued' GROUP BY profile"
                    )
                ).all()
        except Exception:
            DATABASE_ERRORS.labels(where="metrics").inc()
            rows = []
        for profile, count, revoked_count in rows:
            issued.add_metric([str(profile)], count)
            revoked.add_metric([str(profile)], revoked_count)
        yield issued
        yield revoked
        # The product's outbox: certificates signed and recorded, not yet accepted by their
        # station (delivered by whichever node the station reaches; docs/ocpp.md).
        pending = GaugeMetricFamily(
            "csms_certificate_deliveries_pending",
            "Station certificates signed and waiting for the station's CertificateSigned answer",
        )
        try:
            with self._sessions() as session:
                waiting = session.execute(
                    text("SELECT count(*) FROM ocpp_station_certificates WHERE status = 'pending'")
                ).scalar_one()
        except Exception:
            DATABASE_ERRORS.labels(where="metrics").inc()
        else:
            pending.add_metric([], waiting)
        yield pending


OPCP_CALLS = Counter(
    "csms_opcp_calls",
    "Calls to Open Plug & Charge services, by operation and outcome (ok or an OpcpError code)",
    ["operation", "outcome"],
    registry=REGISTRY,
)
OPCP_SECONDS = Histogram(
    "csms_opcp_seconds",
    "Time of one Open Plug & Charge call, retries and token included, by operation",
    ["operation"],
    buckets=_BUCKETS,
    registry=REGISTRY,
)
STATION_LOCATIONS_SET = Counter(
    "csms_station_locations_set",
    "Station locations set through any door, by whether they carry coordinates (placed)",
    ["placed"],
    registry=REGISTRY,
)
STATION_MAP_SECONDS = Histogram(
    "csms_station_map_seconds",
    "Time to read the stations of a map with their live states, by view (fleet, public)",
    ["view"],
    buckets=_BUCKETS,
    registry=REGISTRY,
)


STATION_OPERATIONS = Counter(
    "csms_station_operations",
    "Operations sent to stations from the API or the console (remote start and stop, unlock,"
    " availability), by operation and outcome (the station's status, or why there was none)",
    ["operation", "outcome"],
    registry=REGISTRY,
)
STATION_OPERATION_SECONDS = Histogram(
    "csms_station_operation_seconds",
    "Time from an operation's request to the station's answer (or its failure), by operation",
    ["operation"],
    buckets=_BUCKETS,
    registry=REGISTRY,
)


def exposition(gauges: NodeGauges) -> bytes:
    """The text a scrape gets: this process's counters, then the gauges read now."""
    now = CollectorRegistry()
    now.register(gauges)
    return generate_latest(REGISTRY) + generate_latest(now)


__all__ = [
    "CONTENT_TYPE",
    "CPS_INSTALLATIONS",
    "CPS_SECONDS",
    "DATABASE_ERRORS",
    "OCPP_HANDLER_SECONDS",
    "OCPP_MESSAGES",
    "OCSP_REQUESTS",
    "OCSP_SECONDS",
    "OPCP_CALLS",
    "OPCP_SECONDS",
    "PNC_DIAGNOSTICS",
    "PNC_DIAGNOSTICS_FAILURES",
    "STATION_LOCATIONS_SET",
    "STATION_MAP_SECONDS",
    "STATION_OPERATIONS",
    "STATION_OPERATION_SECONDS",
    "NodeGauges",
    "exposition",
    "ocsp_answer",
    "timed",
]
