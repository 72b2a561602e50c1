"""Runtime configuration, read from `CSMS_*` environment variables.

Development mode (the default) runs on embedded defaults: a SQLite file and a key-store
passphrase generated into the data directory. Any other mode refuses to start with such
defaults, because an operator who forgot a setting must find out before a car does.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .files import private_dir, private_file, write_private
from .opcp.client import OpcpSettings


class SettingsError(ValueError):
    """A configuration value is missing or unsafe for the chosen mode."""


# Characters that would break out of a header value or an HTML attribute.
_UNSAFE_URL = re.compile(r"[\s\"'<>\\;,]")
_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def tile_origin(template: str) -> str:
    """The origin of a tile URL template, or ValueError saying what is wrong with it: https
    (plain http only for a tile server on this machine), one host (no `{s}`), and the
    {z}, {x} and {y} placeholders."""
    if _UNSAFE_URL.search(template):
        raise ValueError("the tile URL must not contain spaces, quotes, ';', ',' or '<>'")
    parts = urlsplit(template)
    if not parts.hostname or parts.username or parts.password:
        raise ValueError("the tile URL must name one host (and no user name)")
    if "{s}" in template or "{" in parts.netloc:
        raise ValueError("the tile URL must name one host: no {s} subdomains")
    loopback = parts.hostname in _LOOPBACK_HOSTS
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise ValueError("the tile URL must be https (http only for a tile server on loopback)")
    for placeholder in ("{z}", "{x}", "{y}"):
        if placeholder not in parts.path + "?" + parts.query:
            raise ValueError(f"the tile URL must contain {placeholder}")
    return f"{parts.scheme}://{parts.netloc}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CSMS_", extra="ignore")

    mode: Literal["development", "production"] = "development"
    data_dir: Path = Path("./var")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: a SQLite file in the data dir"
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Base URL written into certificates' OCSP and CRL pointers",
    )
    organization: str = Field(default="UzPnC", description="O= of the product's CA certificates")
    country: str = Field(default="UZ", min_length=2, max_length=2)

    # Key store: "file" keeps CA keys encrypted (PKCS#8, scrypt + AES-256) in the database;
    # "pkcs11" keeps them inside a token and signs there.
    key_backend: Literal["file", "pkcs11"] = "file"
    key_passphrase: str | None = Field(
        default=None, description="Passphrase encrypting CA keys at rest (file backend)"
    )
    key_label_prefix: str = Field(
        default="csms",
        pattern=r"^[A-Za-z0-9_.-]{1,32}$",
        description="Prefix of CA key names in the key store (one token can serve several PKIs)",
    )
    pkcs11_module: str | None = None
    pkcs11_token_label: str | None = None
    pkcs11_pin: str | None = None

    # Contract service (contracts/): the eMAID registry's country and provider ID, the
    # contract certificate's default validity, and key escrow (off: the contract private key
    # exists nowhere once the CertificateInstallationRes is built).
    emaid_country: str = Field(default="UZ", pattern=r"^[A-Za-z]{2}$")
    emaid_provider_id: str = Field(default="UPC", pattern=r"^[A-Za-z0-9]{3}$")
    contract_certificate_days: int = Field(default=365, ge=28, le=730)
    contract_key_escrow: bool = False

    # The cluster (csms/ocpp/cluster.py; PostgreSQL only): this node's name, unique among the
    # nodes sharing the database (a restarted node may keep its name or take a new one), and
    # the lease: a node whose heartbeat is older than this is dead, and its stations show as
    # disconnected until they connect again. Heartbeats run every third of the lease.
    node_id: str = Field(
        default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"[
            -128:
        ],
        pattern=r"^[A-Za-z0-9_.:-]{1,128}$",
    )
    node_lease_seconds: float = Field(default=15.0, ge=3, le=300)

    # Hubject's Open Plug & Charge (csms/opcp/): off until the base URL, the token URL and the
    # client credentials are all set. The audience defaults to the base URL (accessToken.v1.json
    # names "the URL of the stage and world region"). The CCP budget bounds how long a
    # Get15118EVCertificate may wait on the Contract Certificate Pool: ISO 15118-2 gives the
    # whole round trip 5 s, so the pool gets at most 2 s of it.
    opcp_base_url: str | None = None
    opcp_token_url: str | None = None
    opcp_client_id: str | None = None
    opcp_client_secret: str | None = None
    opcp_audience: str | None = None
    opcp_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    # The signing secret of the webhook endpoints registered with OPCP (HMAC-SHA256 of the
    # body); the webhook routes refuse everything while it is unset.
    opcp_webhook_secret: str | None = Field(default=None, min_length=16)
    opcp_ccp_budget_ms: int = Field(default=2000, ge=100, le=2000)
    # External V2G enrollments (csms/ocpp/enrollment.py): attempts before a request is marked
    # failed, and the first pause between them (doubled each time, at most an hour).
    opcp_enroll_max_attempts: int = Field(default=6, ge=1, le=50)
    opcp_enroll_backoff_seconds: float = Field(default=30.0, gt=0, le=3600)

    # `csms serve`'s log on stderr (csms/logs.py): readable text, or JSON lines for a shipper.
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    # What one HTTP client may cost the process (csms/ocsp_front.py; docs/security.md): a
    # request line over `http_max_request_line` bytes is answered 414, header fields over
    # `http_max_header_bytes` 431; a request (head and body) must arrive within
    # `http_request_timeout` seconds of its first byte; open connections beyond
    # `http_max_connections`, or beyond `http_max_connections_per_client` from one address
    # (IPv6: one /64), are answered 503 and closed. Behind a reverse proxy every client has
    # the proxy's address: raise the per-client bound to the proxy's own connection limit.
    http_max_request_line: int = Field(default=8192, ge=1024, le=65536)
    http_max_header_bytes: int = Field(default=16384, ge=4096, le=262144)
    http_request_timeout: float = Field(default=10.0, ge=1, le=300)
    http_max_connections: int = Field(default=1024, ge=1, le=1_000_000)
    http_max_connections_per_client: int = Field(default=64, ge=1, le=1_000_000)

    # OCPP 2.0.1 core (csms/ocpp). The server certificate's CN/SAN is the CSMS's FQDN
    # (A00.FR.511); stations' client certificates must carry O = `organization`.
    ocpp_server_hostname: str = Field(default="localhost", description="FQDN in the OCPP TLS cert")
    ocpp_heartbeat_interval: int = Field(default=300, ge=10, le=86400)
    ocpp_max_frame_bytes: int = Field(default=65536, ge=4096, le=4 * 1024 * 1024)
    ocpp_call_timeout: float = Field(default=30.0, gt=0, le=600)
    # Seconds for a station's whole opening handshake (TLS, then the HTTP upgrade and its
    # credentials check); a connection that has not completed it by then is dropped. The clock
    # includes the server's own queue, which a restart fills with every station at once: a
    # handshake timed out there is work thrown away and a station backing off into the same
    # crowd. Why 30 and not 10: docs/security.md ("OCPP opening handshake").
    ocpp_open_timeout: float = Field(default=30.0, ge=1, le=120)
    # SIGTERM/SIGINT: `csms serve` stops accepting, lets HTTP requests in flight and then
    # stations' and its own OCPP CALLs in flight finish, each for at most this long, then
    # closes every station's WebSocket with 1001 and exits 0 (csms/serve.py). Two phases plus
    # up to 5 s of closing handshakes stay under Kubernetes' default 30 s grace period.
    shutdown_drain_seconds: float = Field(default=10.0, ge=0, le=120)
    ocpp_max_bad_messages: int = Field(default=10, ge=1, description="then close with 1002")
    ocpp_renew_before_days: int = Field(default=30, ge=1, description="station cert renewal")
    # How often a connected station is asked for the roots it holds (GetInstalledCertificateIds,
    # also after every boot; csms/ocpp/trust_store.py); 0: only after boots.
    trust_store_refresh_hours: float = Field(default=24.0, ge=0, le=24 * 30)
    trust_store_refresh_after_boot: bool = True
    # Repair a drifted trust store as soon as a refresh shows it (InstallCertificate,
    # DeleteCertificate, audited as the CSMS's own commands); off: an operator repairs.
    trust_store_auto_repair: bool = False
    # How often each node checks the CSMS root rotation (pki/csms_root.py) and its own server
    # certificate: a step taken anywhere (CLI, API, another node) is served and rolled out to
    # this node's stations within this time; a renewed certificate is loaded without restart.
    ocpp_tls_check_seconds: float = Field(default=30.0, ge=0.1, le=3600)
    # How often `csms serve` looks for certificates entering the 90/30/7-day bands
    # (csms/ocpp/expiry.py); 0: never.
    expiry_check_minutes: float = Field(default=60.0, ge=0, le=24 * 60)
    ocpp_retry_interval: float = Field(default=60.0, gt=0, description="CertificateSigned retry")
    # SignCertificate: certificates issued per station and hour, at most (a station renews a
    # certificate a few times a year; a flood is an attack or a fault).
    ocpp_certificates_per_hour: int = Field(default=6, ge=1, le=1000)
    # A charging session counts as its idToken's driver's only if an Authorize of that token at
    # that station was accepted within this many minutes before its first event arrived, and its
    # meter readings never go backwards, never exceed what a connector of `ocpp_max_power_kw`
    # delivers in the session's time, nor `ocpp_max_session_kwh` in all.
    ocpp_authorization_window_minutes: int = Field(default=15, ge=1, le=24 * 60)
    ocpp_max_power_kw: float = Field(default=400.0, gt=0, le=10_000)
    ocpp_max_session_kwh: float = Field(default=1_000.0, gt=0, le=100_000)
    # Authorize with a contract's eMAID alone (no certificate, no OCSP hash data): `refuse`
    # (anyone can type an eMAID; only the car holds the certificate's key) or `accept`.
    pnc_emaid_only_authorize: Literal["refuse", "accept"] = "refuse"
    # Plug & Charge diagnostics records (csms/ocpp/diagnostics.py) are kept this many days.
    pnc_diagnostics_days: int = Field(default=90, ge=1, le=3650)
    # Foreign OCSP responders a station's responderURL may name; nothing else is ever fetched.
    ocpp_trusted_ocsp_responders: list[str] = Field(default_factory=list)
    # Bearer token for the station API until people and permissions (auth/) land; required
    # in production, optional in development.
    ocpp_api_token: str | None = Field(default=None, min_length=16)

    # People and permissions (auth/). The token key signs access tokens (HS256) and, through
    # a derived key, the session cookie; in development one is generated into the data dir.
    token_key: str | None = Field(default=None, min_length=32)
    access_token_minutes: int = Field(default=15, ge=1, le=1440)
    refresh_token_days: int = Field(default=14, ge=1, le=90)
    bootstrap_admin_password: str | None = Field(default=None, min_length=12)
    # Password logins (auth/throttle.py): refused (429 + Retry-After) while the account tried
    # has `login_max_failures_per_account` failures, or the client address (IPv6: its /64)
    # `login_max_failures_per_address`, within the last `login_throttle_window_seconds`.
    # Counted in the database, so every process of an installation sees the same failures.
    login_max_failures_per_account: int = Field(default=10, ge=1, le=1000)
    login_max_failures_per_address: int = Field(default=30, ge=1, le=100_000)
    login_throttle_window_seconds: int = Field(default=900, ge=10, le=86_400)
    # A refused password login (throttled, or every hashing slot busy) is answered after this
    # pause, which caps how fast a guessing tool waiting for each answer can ask (csms/web).
    login_refusal_delay_seconds: float = Field(default=0.5, ge=0, le=10)
    # Password hashes (auth/passwords.py): argon2id with this memory (KiB) and passes, one
    # lane; a hash with other parameters is replaced at its owner's next login. At most
    # `password_hash_concurrency` hashes run in a process at once (default: half the CPU
    # cores); a login waits at most `password_hash_wait_seconds` for one, then gets 503.
    password_hash_memory_kib: int = Field(default=19 * 1024, ge=8 * 1024, le=1024 * 1024)
    password_hash_time_cost: int = Field(default=2, ge=1, le=20)
    password_hash_concurrency: int = Field(
        default_factory=lambda: max(1, (os.cpu_count() or 2) // 2), ge=1, le=64
    )
    password_hash_wait_seconds: float = Field(default=1.0, gt=0, le=30)
    # MyID (OAuth 2.0 with custom endpoints; see docs/auth.md). Login is off until a client
    # id is set.
    myid_base_url: str = "https://myid.uz"
    myid_client_id: str | None = None
    myid_client_secret: str | None = None
    myid_redirect_url: str | None = None
    myid_scopes: str = Field(default="common_data,contacts", pattern=r"^[a-z_]+(,[a-z_]+)*$")
    myid_method: Literal["strong", "simple"] = "strong"
    myid_timeout: float = Field(default=10.0, gt=0, le=60)

    # The console's station map (csms/console/pages/stations.py): Leaflet, served from the
    # product's own static files, draws tiles from this URL template ({z}/{x}/{y}; one host,
    # no {s} subdomains, since the pages' Content-Security-Policy allows images from exactly
    # this origin) and shows the attribution the tile source's licence asks for, linked.
    map_tile_url: str = Field(
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png", max_length=500
    )
    map_tile_attribution: str = Field(
        default="© OpenStreetMap contributors", min_length=1, max_length=200
    )
    map_tile_attribution_url: str = Field(
        default="https://www.openstreetmap.org/copyright", max_length=500
    )

    @field_validator("map_tile_url")
    @classmethod
    def _tile_url(cls, value: str) -> str:
        tile_origin(value)  # raises ValueError with the reason
        return value

    @field_validator("map_tile_attribution_url")
    @classmethod
    def _attribution_url(cls, value: str) -> str:
        if urlsplit(value).scheme not in ("https", "http") or _UNSAFE_URL.search(value):
            raise ValueError("the attribution URL must be an http(s) URL without spaces or quotes")
        return value

    @property
    def map_tile_origin(self) -> str:
        """The scheme, host and port tiles come from: the one image source the console's
        Content-Security-Policy names besides itself."""
        return tile_origin(self.map_tile_url)

    def opcp_settings(self) -> OpcpSettings | None:
        """OPCP's settings when all four are set; None (off) when none is; a SettingsError
        when only some are, since a half-configured pool would fail at the first car."""
        values = (
            self.opcp_base_url,
            self.opcp_token_url,
            self.opcp_client_id,
            self.opcp_client_secret,
        )
        if not any(values):
            return None
        if not all(values):
            raise SettingsError(
                "OPCP needs all of CSMS_OPCP_BASE_URL, CSMS_OPCP_TOKEN_URL, "
                "CSMS_OPCP_CLIENT_ID and CSMS_OPCP_CLIENT_SECRET"
            )
        assert self.opcp_base_url and self.opcp_token_url  # for mypy: checked just above
        assert self.opcp_client_id and self.opcp_client_secret
        return OpcpSettings(
            base_url=self.opcp_base_url,
            token_url=self.opcp_token_url,
            client_id=self.opcp_client_id,
            client_secret=self.opcp_client_secret,
            audience=self.opcp_audience or self.opcp_base_url,
            timeout_seconds=self.opcp_timeout_seconds,
        )

    @field_validator("data_dir", mode="before")
    @classmethod
    def _data_dir_named(cls, value: object) -> object:
        # An empty CSMS_DATA_DIR would be the current directory, which start-up makes private.
        if isinstance(value, str) and not value.strip():
            raise ValueError("CSMS_DATA_DIR is empty: name the data directory")
        return value

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.mode == "development":
            return self
        problems = []
        if not self.database_url:
            problems.append("CSMS_DATABASE_URL must be set (no embedded SQLite in production)")
        if self.public_url.startswith("http://127.") or "localhost" in self.public_url:
            problems.append("CSMS_PUBLIC_URL must be the public base URL, not a loopback one")
        if self.key_backend == "file" and (
            not self.key_passphrase or len(self.key_passphrase) < 16
        ):
            problems.append("CSMS_KEY_PASSPHRASE must be set (16+ characters)")
        if self.key_backend == "pkcs11" and not (
            self.pkcs11_module and self.pkcs11_token_label and self.pkcs11_pin
        ):
            problems.append(
                "CSMS_PKCS11_MODULE, CSMS_PKCS11_TOKEN_LABEL and CSMS_PKCS11_PIN must be set"
            )
        if not self.token_key:
            problems.append("CSMS_TOKEN_KEY must be set (32+ characters)")
        if self.myid_client_id and not (self.myid_client_secret and self.myid_redirect_url):
            problems.append("CSMS_MYID_CLIENT_SECRET and CSMS_MYID_REDIRECT_URL must be set")
        if problems:
            raise SettingsError("; ".join(problems))
        return self

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        # Created 0600 before SQLite opens it: its -wal and -shm files take the same mode.
        database = private_file(private_dir(self.data_dir) / "csms.sqlite3")
        return f"sqlite:///{database.resolve()}"

    def resolved_key_passphrase(self) -> bytes:
        """The file key store's passphrase; in development one is generated once and kept."""
        if self.key_passphrase:
            return self.key_passphrase.encode()
        path = self.data_dir / "keystore.passphrase"
        if not path.exists():
            write_private(path, secrets.token_urlsafe(32).encode())
        return path.read_text().strip().encode()

    def resolved_token_key(self) -> bytes:
        """The key signing access tokens; in development one is generated once and kept."""
        if self.token_key:
            return self.token_key.encode()
        path = self.data_dir / "token.key"
        if not path.exists():
            write_private(path, secrets.token_urlsafe(48).encode())
        return path.read_text().strip().encode()


def load_settings() -> Settings:
    return Settings()
