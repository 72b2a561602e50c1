"""Runtime configuration, read from `CSMS_*` environment variables.

Development mode (the default) runs on embedded defaults: a SQLite file and a key-store
passphrase generated into the data directory. Any other mode refuses to start with such
defaults, because an operator who forgot a setting must find out before a car does.
"""

from __future__ import annotations

import secrets
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingsError(ValueError):
    """A configuration value is missing or unsafe for the chosen mode."""


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

    # OCPP 2.0.1 core (csms/ocpp). The server certificate's CN/SAN is the CSMS's FQDN
    # (A00.FR.511); stations' client certificates must carry O = `organization`.
    ocpp_server_hostname: str = Field(default="localhost", description="FQDN in the OCPP TLS cert")
    ocpp_heartbeat_interval: int = Field(default=300, ge=10, le=86400)
    ocpp_max_frame_bytes: int = Field(default=65536, ge=4096, le=4 * 1024 * 1024)
    ocpp_call_timeout: float = Field(default=30.0, gt=0, le=600)
    ocpp_max_bad_messages: int = Field(default=10, ge=1, description="then close with 1002")
    ocpp_renew_before_days: int = Field(default=30, ge=1, description="station cert renewal")
    ocpp_retry_interval: float = Field(default=60.0, gt=0, description="CertificateSigned retry")
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
    # MyID (OAuth 2.0 with custom endpoints; see docs/auth.md). Login is off until a client
    # id is set.
    myid_base_url: str = "https://myid.uz"
    myid_client_id: str | None = None
    myid_client_secret: str | None = None
    myid_redirect_url: str | None = None
    myid_scopes: str = Field(default="common_data,contacts", pattern=r"^[a-z_]+(,[a-z_]+)*$")
    myid_method: Literal["strong", "simple"] = "strong"
    myid_timeout: float = Field(default=10.0, gt=0, le=60)

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
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'csms.sqlite3').resolve()}"

    def resolved_key_passphrase(self) -> bytes:
        """The file key store's passphrase; in development one is generated once and kept."""
        if self.key_passphrase:
            return self.key_passphrase.encode()
        path = self.data_dir / "keystore.passphrase"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(32))
        return path.read_text().strip().encode()

    def resolved_token_key(self) -> bytes:
        """The key signing access tokens; in development one is generated once and kept."""
        if self.token_key:
            return self.token_key.encode()
        path = self.data_dir / "token.key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(48))
        return path.read_text().strip().encode()


def load_settings() -> Settings:
    return Settings()
