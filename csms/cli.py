"""The `csms` command line: run the server, manage the PKI.

Every expected failure prints one line `error: ...` on stderr and exits with status 1; click's
own usage errors exit with 2. No traceback reaches an operator for bad input.
"""

from __future__ import annotations

import functools
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from cryptography.hazmat.primitives import serialization
from pydantic import ValidationError

from pki.errors import PkiError

from .settings import Settings, SettingsError

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def friendly_errors(func: F) -> F:
    """Turn the product's typed errors into one line and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PkiError as exc:
            raise CliError(f"{exc} [{exc.code}]") from None
        except (SettingsError, ValidationError) as exc:
            raise CliError(f"configuration: {_first_line(exc)}") from None
        except OSError as exc:
            raise CliError(f"{exc.strerror or exc}: {exc.filename or ''}".strip(": ")) from None

    return wrapper  # type: ignore[return-value]


def _first_line(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: "
            f"{e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return lines[0].strip() if lines else type(exc).__name__


def actor() -> str:
    try:
        user = getpass.getuser()
    except Exception:
        user = "unknown"
    return f"cli:{user}"


def load_product(*, migrate: bool = True):  # type: ignore[no-untyped-def]
    from .product import build_product

    try:
        settings = Settings()
    except (SettingsError, ValidationError) as exc:
        raise CliError(f"configuration: {_first_line(exc)}") from None
    return build_product(settings, migrate=migrate)


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


@click.group()
@click.version_option(package_name="uz-pnc-csms")
def main() -> None:
    """Plug & Charge back end: ISO 15118 PKI, contract service, OCPP 2.0.1 CSMS."""


def _mount_optional_groups() -> None:
    """Command groups that live with their domain packages."""
    from auth.cli import partner, user
    from contracts.cli import contract, emaid
    from iso15118.cli import exi

    from .ocpp.cli import station

    main.add_command(exi)
    main.add_command(station)
    main.add_command(contract)
    main.add_command(emaid)
    main.add_command(user)
    main.add_command(partner)


_mount_optional_groups()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--access-log/--no-access-log", default=False, show_default=True)
@click.option("--ocpp-port", default=9000, show_default=True, help="OCPP ws:// (profile 1)")
@click.option(
    "--tls-port",
    default=8443,
    show_default=True,
    type=int,
    help="OCPP wss:// (profiles 2, 3); 0 turns TLS off",
)
@friendly_errors
def serve(host: str, port: int, access_log: bool, ocpp_port: int, tls_port: int | None) -> None:
    """Start the server; the first start creates the database and the PKI."""
    from .app import create_app

    product = load_product()
    result = product.ca.init(
        actor="system:first-start", include_demo=product.settings.mode == "development"
    )
    if result.created:
        click.echo(f"PKI: created {', '.join(result.created)}", err=True)
    from auth.users import ensure_bootstrap_admin
    from auth.wiring import auth_of

    password = ensure_bootstrap_admin(
        product.session_factory,
        auth_of(product).policy,
        password=product.settings.bootstrap_admin_password,
    )
    if password is not None:  # shown once, on the operator's terminal, never logged
        click.echo(f"first start: user `admin` created with password {password}", err=True)
    app = create_app(product)
    # Per-request access lines cost more than an OCSP answer; the audit trail records what
    # matters, and `--access-log` turns them on for debugging.
    from .ocpp.runner import run_event_loop, serve_all

    run_event_loop(
        serve_all(
            product,
            app,
            host=host,
            port=port,
            ocpp_port=ocpp_port,
            tls_port=tls_port or None,
            access_log=access_log,
        )
    )


@main.command()
@click.option(
    "--ocpp-url",
    default="wss://127.0.0.1:8443/ocpp",
    show_default=True,
    help="The running server's OCPP endpoint, without the station id",
)
@friendly_errors
def demo(ocpp_url: str) -> None:
    """Play a whole Plug & Charge story against a running `csms serve` and print it."""
    from .demo import run_demo

    product = load_product()
    try:
        result = run_demo(product, ocpp_url, click.echo)
    except (OSError, TimeoutError) as exc:
        raise CliError(
            f"cannot talk to the server at {ocpp_url} ({type(exc).__name__}: {exc}); "
            "is `csms serve` running?"
        ) from None
    except RuntimeError as exc:
        raise CliError(str(exc)) from None
    ok = result.first_authorize == "Accepted" and result.last_authorize != "Accepted"
    click.echo(
        f"demo {'complete' if ok else 'FAILED'}: Authorize {result.first_authorize} while the "
        f"contract was active, {result.last_authorize} after it was terminated"
    )
    if not ok:
        raise SystemExit(1)


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@friendly_errors
def db_upgrade() -> None:
    """Apply all migrations (idempotent)."""
    from .database import upgrade

    upgrade(Settings().resolved_database_url)
    click.echo("database is at the newest schema")


@main.group()
def pki() -> None:
    """The certificate authority."""


@pki.command("init")
@friendly_errors
def pki_init() -> None:
    """Create the V2G, CPO, CPS and MO hierarchies (a second run changes nothing)."""
    product = load_product()
    result = product.ca.init(actor=actor(), include_demo=product.settings.mode == "development")
    if result.created:
        click.echo(f"created: {', '.join(result.created)}")
    if not result.created:
        click.echo(f"nothing to do: all {len(result.existing)} CAs exist already")


@pki.command("list")
@click.option("--certificates", is_flag=True, help="List issued certificates instead of CAs.")
@click.option("--limit", default=50, show_default=True)
@friendly_errors
def pki_list(certificates: bool, limit: int) -> None:
    """The CAs with their subjects and expiry (or the newest certificates)."""
    product = load_product()
    if certificates:
        for record in product.ca.list_certificates(limit=limit):
            state = "revoked" if record.revoked_at else record.status
            click.echo(
                f"{record.serial_hex}  {record.profile:<16} {state:<8} "
                f"{record.not_after:%Y-%m-%d}  {record.subject}"
            )
        return
    authorities = product.ca.authorities()
    if not authorities:
        raise CliError("the PKI has no CAs yet: run `csms pki init`")
    for name, authority in sorted(authorities.items()):
        cert = authority.certificate
        click.echo(
            f"{name:<14} {authority.profile.name:<16} {cert.serial_number:X}  "
            f"until {cert.not_valid_after_utc:%Y-%m-%d}  {authority.key_backend:<6} "
            f"{cert.subject.rfc4514_string()}"
        )


@pki.command("export")
@click.argument("name")
@click.option("--chain", is_flag=True, help="Append the parents' certificates up to the root.")
@friendly_errors
def pki_export(name: str, chain: bool) -> None:
    """Print a CA certificate (PEM), e.g. v2g-root or mo-root."""
    from pki.authority import pem_of

    product = load_product()
    certs = product.ca.chain_to_root(name) if chain else [product.ca.authority(name).certificate]
    click.echo(pem_of(certs), nl=False)


@pki.command("issue")
@click.option("--profile", "profile_name", required=True, help="secc, contract, csms-server, …")
@click.option("--csr", "csr_path", required=True, help="CSR file (PEM or DER), or - for stdin.")
@click.option("--days", type=int, default=None, help="Validity; default: the profile's.")
@click.option("--ca", "ca_name", default=None, help="Issuing CA; default: the profile's.")
@friendly_errors
def pki_issue(profile_name: str, csr_path: str, days: int | None, ca_name: str | None) -> None:
    """Issue a certificate from a CSR; prints the PEM chain, leaf first, without the root."""
    data = read_input(csr_path)
    product = load_product()
    issued = product.ca.issue_from_csr(
        data, profile_name, actor=actor(), ca_name=ca_name, days=days
    )
    click.echo(issued.pem_chain(), nl=False)


@pki.command("revoke")
@click.argument("serial")
@click.option("--reason", default=None, help="keyCompromise, superseded, cessationOfOperation…")
@friendly_errors
def pki_revoke(serial: str, reason: str | None) -> None:
    """Revoke a certificate by its serial (hex, as openssl prints it)."""
    from pki.issuance import parse_serial

    product = load_product()
    info = product.ca.revoke(parse_serial(serial), reason=reason, actor=actor())
    click.echo(f"revoked {info.serial_hex} ({info.reason}) at {info.revoked_at.isoformat()}")


@pki.command("crl")
@click.argument("name")
@click.option("--der", "as_der", is_flag=True, help="Write DER instead of PEM.")
@friendly_errors
def pki_crl(name: str, as_der: bool) -> None:
    """Print a fresh CRL of CA NAME (e.g. cpo-sub2)."""
    from pki.crl import build_crl

    product = load_product()
    crl = build_crl(product.ca, product.session_factory, name)
    if as_der:
        sys.stdout.buffer.write(crl.public_bytes(serialization.Encoding.DER))
    else:
        click.echo(crl.public_bytes(serialization.Encoding.PEM).decode(), nl=False)


@pki.command("ocsp-delegate")
@click.argument("name")
@friendly_errors
def pki_ocsp_delegate(name: str) -> None:
    """Give CA NAME a delegated OCSP responder certificate, which then signs its responses."""
    product = load_product()
    delegate = product.ca.create_ocsp_delegate(name, actor=actor())
    click.echo(f"{delegate.name}: {delegate.certificate.subject.rfc4514_string()}")


@pki.group("trust")
def trust() -> None:
    """Trust anchors from outside (OEM, MO, V2G, CSO roots)."""


@trust.command("add")
@click.option(
    "--kind", required=True, type=click.Choice(["oem-root", "mo-root", "v2g-root", "cso-root"])
)
@click.argument("file")
@friendly_errors
def trust_add(kind: str, file: str) -> None:
    """Import a PEM bundle: a root and its sub-CAs, in any order; validated before storing."""
    data = read_input(file)
    product = load_product()
    result = product.trust.add_bundle(data, kind, actor=actor())
    for subject in result.added:
        click.echo(f"added {kind}: {subject}")
    for subject in result.already_known:
        click.echo(f"already trusted: {subject}")


@trust.command("list")
@friendly_errors
def trust_list() -> None:
    """The imported trust anchors."""
    product = load_product()
    for row in product.trust.list():
        click.echo(
            f"{row.kind:<9} {row.role:<7} {row.fingerprint_sha256[:16]}  "
            f"until {row.not_after:%Y-%m-%d}  {row.subject}"
        )


@main.command("audit")
@click.option("--limit", default=50, show_default=True)
@friendly_errors
def audit(limit: int) -> None:
    """The newest audit events as JSON lines."""
    from sqlalchemy import select

    from auth.audit import AuditEvent

    product = load_product()
    with product.session_factory() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit))
        for event in events:
            click.echo(
                json.dumps(
                    {
                        "at": event.at.isoformat(),
                        "actor": event.actor,
                        "action": event.action,
                        "serial": event.serial_hex,
                        "fingerprint": event.fingerprint_sha256,
                        "details": event.details,
                    }
                )
            )
