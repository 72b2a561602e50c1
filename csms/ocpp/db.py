"""The OCPP core's tables: stations, what they report, and the certificates signed for them.

A metadata of its own (migrated by csms/migrations/versions/0003_ocpp.py), so the OCPP
branch of migrations holds only these tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from auth.db import UTCDateTime


class Base(DeclarativeBase):
    pass


class StationRecord(Base):
    """A charging station the CSMS knows; unknown identities are refused at the handshake."""

    __tablename__ = "ocpp_stations"

    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    security_profile: Mapped[int] = mapped_column(Integer)
    # argon2id PHC string; never the password itself (A01.FR.08).
    password_hash: Mapped[str | None] = mapped_column(Text)
    # After the first successful argon2 check: HMAC-SHA256, under a key derived from the
    # cluster's token key, of (station, argon2 hash, password). Later handshakes, on any node
    # and after restarts, check this in microseconds (csms/ocpp/stations.py).
    password_verifier: Mapped[str | None] = mapped_column(String(64))
    partner: Mapped[str | None] = mapped_column(String(128))
    # "accept": BootNotification → Accepted; "pending": → Pending (B02), e.g. while an
    # operator replaces factory credentials (A00.FR.806).
    boot_policy: Mapped[str] = mapped_column(String(16), default="accept")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_boot_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    boot_status: Mapped[str | None] = mapped_column(String(16))
    boot_info: Mapped[dict | None] = mapped_column(JSON)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last GetInstalledCertificateIds answer, as the station sent it.
    installed_certificates: Mapped[list | None] = mapped_column(JSON)
    installed_certificates_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # V2G (SECC) certificates go to stations on TLS (profiles 2, 3); a profile-1 station gets
    # them only when an operator allows it explicitly.
    allow_v2g_without_tls: Mapped[bool] = mapped_column(Boolean, default=False)
    # The OCPP version an operator pinned the station to ("1.6", "2.0.1", "2.1"); None: the
    # newest the station offers (csms/ocpp/versions.py). And the one it last connected with.
    ocpp_version: Mapped[str | None] = mapped_column(String(8))
    last_ocpp_version: Mapped[str | None] = mapped_column(String(8))
    # Where the station's V2G (SECC) certificates come from: "local" (the product's CPO
    # sub-CA) or "opcp" (an external CA through OPCP EST); None: its partner's choice
    # (csms/ocpp/enrollment.py effective_v2g_issuer).
    v2g_issuer: Mapped[str | None] = mapped_column(String(8))
    # Where it stands (csms/ocpp/location.py): WGS 84 decimal degrees, both or neither, and
    # a free-text address; shown on the console's map and, for public stations, to drivers.
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(200))


class StationEvseIdRecord(Base):
    """An EVSE ID a station may put in its charging (SECC) certificate's CN. An EVSE ID
    belongs to one station: `evse_key` (the ID without separators, upper case) is unique."""

    __tablename__ = "ocpp_station_evse_ids"
    __table_args__ = (Index("ix_ocpp_station_evse_ids_station", "station_id"),)

    evse_key: Mapped[str] = mapped_column(String(48), primary_key=True)
    evse_id: Mapped[str] = mapped_column(String(48))  # as registered
    station_id: Mapped[str] = mapped_column(ForeignKey("ocpp_stations.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuthorizationRecord(Base):
    """An Authorize the CSMS answered: what a charging session credited to an idToken must
    follow (at the same station, within a bounded time) to count as the driver's."""

    __tablename__ = "ocpp_authorizations"
    __table_args__ = (
        Index("ix_ocpp_authorizations_station_token", "station_id", "id_token", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(String(48))
    id_token: Mapped[str] = mapped_column(String(36))
    id_token_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    certificate_status: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class PncDiagnosticRecord(Base):
    """One Plug & Charge exchange as an operator reads it afterwards (csms/ocpp/diagnostics.py
    writes it, csms/ocpp/diagnostics_service.py shows it): what was asked and answered, in
    readable form, each certificate's verdict, the status and why, the time of each step.
    Never a private key. Kept `CSMS_PNC_DIAGNOSTICS_DAYS` days."""

    __tablename__ = "ocpp_pnc_diagnostics"
    __table_args__ = (
        Index("ix_ocpp_pnc_diagnostics_at", "at"),
        Index("ix_ocpp_pnc_diagnostics_station", "station_id", "at"),
        Index("ix_ocpp_pnc_diagnostics_pcid", "pcid", "at"),
        Index("ix_ocpp_pnc_diagnostics_emaid", "emaid", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(24))  # contracts.diagnostics.KINDS
    station_id: Mapped[str] = mapped_column(String(48))
    ocpp_version: Mapped[str] = mapped_column(String(8))
    request_id: Mapped[str | None] = mapped_column(String(64))  # the OCPP CALL's message id
    action: Mapped[str | None] = mapped_column(String(16))  # Install | Update
    pcid: Mapped[str | None] = mapped_column(String(64))
    emaid: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))  # accepted | refused | error
    status: Mapped[str | None] = mapped_column(String(64))
    reason_code: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    request_text: Mapped[str | None] = mapped_column(Text)
    response_text: Mapped[str | None] = mapped_column(Text)
    certificates: Mapped[list | None] = mapped_column(JSON)
    root: Mapped[str | None] = mapped_column(String(512))
    timings: Mapped[dict | None] = mapped_column(JSON)


class SecurityEventRecord(Base):
    __tablename__ = "ocpp_security_events"
    __table_args__ = (
        Index("ix_ocpp_security_events_station", "station_id", "id"),
        Index("ix_ocpp_security_events_occurred", "occurred_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(String(48))
    type: Mapped[str] = mapped_column(String(50))
    tech_info: Mapped[str | None] = mapped_column(String(255))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ConnectorStatusRecord(Base):
    __tablename__ = "ocpp_connector_status"

    station_id: Mapped[str] = mapped_column(String(48), primary_key=True)
    evse_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    connector_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TransactionRecord(Base):
    """A charging session as TransactionEvent messages describe it."""

    __tablename__ = "ocpp_transactions"
    __table_args__ = (
        UniqueConstraint("station_id", "transaction_id", name="uq_ocpp_transactions_station_tx"),
        Index("ix_ocpp_transactions_started", "started_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(String(48))
    transaction_id: Mapped[str] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(16))  # started | updated | ended
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    evse_id: Mapped[int | None] = mapped_column(Integer)
    id_token: Mapped[str | None] = mapped_column(String(36))
    id_token_type: Mapped[str | None] = mapped_column(String(20))
    last_seq_no: Mapped[int] = mapped_column(Integer, default=0)
    charging_state: Mapped[str | None] = mapped_column(String(20))
    stopped_reason: Mapped[str | None] = mapped_column(String(32))
    meter_start_wh: Mapped[float | None] = mapped_column()
    meter_last_wh: Mapped[float | None] = mapped_column()
    # False when the session cannot be credited to its idToken's driver: no accepted Authorize
    # of that token at this station shortly before, or meter values that go backwards or
    # faster than the connector can deliver. Unverified sessions stay out of drivers' history.
    verified: Mapped[bool] = mapped_column(Boolean, default=True)
    unverified_reason: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the first event's arrival
    # The OCPP version the session was reported in (one model for every version; a 1.6
    # session's transaction_id is the integer the CSMS gave it in StartTransaction.conf).
    ocpp_version: Mapped[str | None] = mapped_column(String(8))
    # Time spent in chargingState Charging, summed over the events received in order, and
    # when the current chargingState began (store.transaction_event): idle = duration - this.
    charging_seconds: Mapped[float | None] = mapped_column()
    charging_state_since: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # --- what a session amounts to, the same in the API, the console and the demo ----------

    @property
    def energy_wh(self) -> float | None:
        """Energy delivered: the last Energy.Active.Import.Register reading minus the first
        (both in Wh; None until the session has both)."""
        if self.meter_start_wh is None or self.meter_last_wh is None:
            return None
        return max(self.meter_last_wh - self.meter_start_wh, 0.0)

    @property
    def duration_seconds(self) -> float:
        """From the start to the end (or to the newest event while the session runs)."""
        until = self.ended_at or self.updated_at
        return max((until - self.started_at).total_seconds(), 0.0)

    @property
    def idle_seconds(self) -> float | None:
        """Time plugged in but not charging (None when the station never reported a
        chargingState)."""
        if self.charging_seconds is None:
            return None
        return max(self.duration_seconds - self.charging_seconds, 0.0)


class StationCertificateRecord(Base):
    """A certificate signed for a station (A02/A03) and its delivery by CertificateSigned.

    status: `pending` (signed, not yet accepted by the station; retried while it is offline),
    `accepted`, `rejected` (the station refused it), `superseded` (a newer one was accepted and
    this one revoked), `abandoned` (unanswered, replaced by a newer request; revoked when that
    one is accepted).
    """

    __tablename__ = "ocpp_station_certificates"
    __table_args__ = (Index("ix_ocpp_station_certificates_station", "station_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(String(48))
    certificate_type: Mapped[str] = mapped_column(String(32))
    serial_hex: Mapped[str] = mapped_column(String(42))
    not_after: Mapped[datetime] = mapped_column(UTCDateTime)
    pem_chain: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # OCPP 2.1: the SignCertificate's requestId, which its CertificateSigned carries back.
    request_id: Mapped[int | None] = mapped_column(Integer)


class ExternalEnrollmentRecord(Base):
    """A V2G certificate request a station made that an external CA signs (OPCP EST),
    recorded when the station is answered Accepted and worked on afterwards, never inside
    the OCPP call (csms/ocpp/enrollment.py).

    status: `enrolling` (due at next_attempt_at; a node claims it by moving next_attempt_at
    ahead), `enrolled` (the chain is in ocpp_station_certificates, row certificate_id,
    delivered from there by CertificateSigned), `failed` (gave up after the last attempt).
    """

    __tablename__ = "ocpp_external_enrollments"
    __table_args__ = (Index("ix_ocpp_external_enrollments_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(String(48))
    certificate_type: Mapped[str] = mapped_column(String(32))
    csr_pem: Mapped[str] = mapped_column(Text)
    iso_version: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="enrolling")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    certificate_id: Mapped[int | None] = mapped_column(Integer)


# --- the cluster: which node holds which station (csms/ocpp/cluster.py) ----------------------
# Used on PostgreSQL only: an embedded (SQLite) product is one node.


class NodeRecord(Base):
    """A `csms serve` process serving stations. `heartbeat_at` is the database's clock,
    renewed every third of the lease: a node whose heartbeat is older than the lease is dead,
    and the stations it held show as disconnected until they connect again."""

    __tablename__ = "ocpp_nodes"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # What every node must share, compared at start (csms/ocpp/cluster.py NodeMismatch): a
    # keyed check value of CSMS_TOKEN_KEY (never the key) and CSMS_PUBLIC_URL.
    token_key_check: Mapped[str] = mapped_column(String(32))
    public_url: Mapped[str] = mapped_column(String(512))


class ConnectionRecord(Base):
    """The station's one live connection in the cluster: the newest wins, and the node that
    held the one before closes it."""

    __tablename__ = "ocpp_connections"
    __table_args__ = (Index("ix_ocpp_connections_node", "node_id"),)

    station_id: Mapped[str] = mapped_column(String(48), primary_key=True)
    node_id: Mapped[str] = mapped_column(String(128))
    connection_id: Mapped[str] = mapped_column(String(36))
    connected_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RelayRecord(Base):
    """A CALL sent through one node to a station held by another: the request, then the
    answer (`answer` or `failure`), each announced by a NOTIFY that names this row."""

    __tablename__ = "ocpp_relay"
    __table_args__ = (Index("ix_ocpp_relay_to_node", "to_node", "answered_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(48))
    action: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict] = mapped_column(JSON)
    timeout: Mapped[float] = mapped_column()
    from_node: Mapped[str] = mapped_column(String(128))
    to_node: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[dict | None] = mapped_column(JSON)
    failure: Mapped[dict | None] = mapped_column(JSON)
