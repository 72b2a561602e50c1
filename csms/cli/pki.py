"""`csms pki …` and `csms audit`: the certificate authority and the audit trail."""

from __future__ import annotations

import json
import sys

import click
from cryptography.hazmat.primitives import serialization

from auth.audit import AuditEvent
from pki.authority import pem_of
from pki.service import CertificateView

from ..opcp.rcp import sync_root_pool
from .lists import Listing, Shown, list_options, show, utc
from .support import CliError, friendly_errors, load_container, operator, read_input


@click.group()
def pki() -> None:
    """The certificate authority."""


@pki.command("init")
@friendly_errors
def pki_init() -> None:
    """Create the V2G, CPO, CPS and MO hierarchies (a second run changes nothing).

    \b
    Example:
      csms pki init
    """
    container = load_container()
    include_demo = container.settings.mode == "development"
    with container.transaction() as session:
        result = container.pki.init(session, operator(), include_demo=include_demo)
    if result.created:
        click.echo(f"created: {', '.join(result.created)}")
    if not result.created:
        click.echo(f"nothing to do: all {len(result.existing)} CAs exist already")


CERTIFICATES = Listing[CertificateView](
    header=(
        f"{'serial':<34}  {'profile':<16} {'issuer':<12} {'status':<8} {'until (UTC)':<11} subject"
    ),
    line=lambda c: (
        f"{c.serial:<34}  {c.profile:<16} {c.issuer or '(root)':<12} "
        f"{c.status:<8} {utc(c.not_after, '%Y-%m-%d')}  {c.subject}"
    ),
    record=lambda c: {
        "serial": c.serial,
        "profile": c.profile,
        "issuer": c.issuer,
        "status": c.status,
        "notBefore": c.not_before,
        "notAfter": c.not_after,
        "revokedAt": c.revoked_at,
        "subject": c.subject,
    },
    csv_columns=(
        "serial",
        "profile",
        "issuer",
        "status",
        "notBefore",
        "notAfter",
        "revokedAt",
        "subject",
    ),
)


@pki.command("list")
@click.option("--certificates", is_flag=True, help="List issued certificates instead of CAs.")
@list_options(limit=10_000)
@friendly_errors
def pki_list(certificates: bool, shown: Shown) -> None:
    """The CAs with their subjects and expiry, or with --certificates the issued
    certificates (newest first). Times are UTC. The list options are for certificates.

    \b
    Filters of certificates (--filter NAME=VALUE):
      issuer          the issuing CA's name, e.g. cpo-sub2
      profile         secc, contract, csms-server, …
      status          issued | revoked | reserved | failed
      expires_after   expiring on or after this day (UTC)
      expires_before  expiring up to the end of this day (UTC)
    Sort fields: created_at (default), not_after, serial, subject, issuer, profile, status.
    Search: serial, subject and issuing CA.

    \b
    Examples:
      csms pki list
      csms pki list --certificates --per-page 20 --json
      csms pki list --certificates --filter status=issued --filter expires_before=2027-01-31
      csms pki list --certificates --search UZ*ABC --csv
    """
    container = load_container()
    if certificates:
        service = container.pki
        show(
            container,
            shown,
            CERTIFICATES,
            find=lambda session, wanted: service.find_certificates(session, operator(), wanted),
            export=lambda session, wanted: service.export_certificates(session, operator(), wanted),
        )
        return
    if shown.narrows or shown.as_csv:
        raise click.UsageError(
            "--search, --filter, --sort, --order, --page and --csv need "
            "--certificates (the CAs are one short list)"
        )
    authorities = container.pki.authorities()
    if not authorities:
        raise CliError("the PKI has no CAs yet: run `csms pki init` [not_initialised]")
    if shown.as_json:
        for name, authority in sorted(authorities.items()):
            cert = authority.certificate
            click.echo(
                json.dumps(
                    {
                        "name": name,
                        "profile": authority.profile.name,
                        "parent": authority.parent,
                        "serial": f"{cert.serial_number:X}",
                        "notAfter": cert.not_valid_after_utc.isoformat(),
                        "keyBackend": authority.key_backend,
                        "subject": cert.subject.rfc4514_string(),
                    }
                )
            )
        return
    click.echo(
        f"{'name':<14} {'profile':<16} {'serial':<32}  {'until (UTC)':<17} {'keys':<6} subject"
    )
    for name, authority in sorted(authorities.items()):
        cert = authority.certificate
        click.echo(
            f"{name:<14} {authority.profile.name:<16} {cert.serial_number:<32X}  "
            f"{cert.not_valid_after_utc:%Y-%m-%d}        {authority.key_backend:<6} "
            f"{cert.subject.rfc4514_string()}"
        )


@pki.command("export")
@click.argument("name")
@click.option("--chain", is_flag=True, help="Append the parents' certificates up to the root.")
@friendly_errors
def pki_export(name: str, chain: bool) -> None:
    """Print a CA certificate (PEM), e.g. v2g-root or mo-root.

    \b
    Examples:
      csms pki export v2g-root
      csms pki export cpo-sub2 --chain > cpo-chain.pem
    """
    ca = load_container().ca
    certs = ca.chain_to_root(name) if chain else [ca.authority(name).certificate]
    click.echo(pem_of(certs), nl=False)


@pki.command("issue")
@click.option("--profile", "profile_name", required=True, help="secc, contract, csms-server, …")
@click.option("--csr", "csr_path", required=True, help="CSR file (PEM or DER), or - for stdin.")
@click.option("--days", type=int, default=None, help="Validity; default: the profile's.")
@click.option("--ca", "ca_name", default=None, help="Issuing CA; default: the profile's.")
@friendly_errors
def pki_issue(profile_name: str, csr_path: str, days: int | None, ca_name: str | None) -> None:
    """Issue a certificate from a CSR; prints the PEM chain, leaf first, without the root.

    \b
    Examples:
      csms pki issue --profile secc --csr secc.csr > secc-chain.pem
      csms pki issue --profile csms-server --csr - --days 365 < server.csr
    """
    data = read_input(csr_path)
    container = load_container()
    with container.transaction() as session:
        issued = container.pki.issue_from_csr(
            session, operator(), data, profile_name, days=days, ca_name=ca_name
        )
    click.echo(issued.pem_chain(), nl=False)


@pki.command("revoke")
@click.argument("serial")
@click.option("--reason", default=None, help="keyCompromise, superseded, cessationOfOperation…")
@friendly_errors
def pki_revoke(serial: str, reason: str | None) -> None:
    """Revoke a certificate by its serial (hex, as openssl prints it).

    \b
    Example:
      csms pki revoke 5F3A0C19E2B7 --reason keyCompromise
    """
    container = load_container()
    with container.transaction() as session:
        info, _view = container.pki.revoke(session, operator(), serial, reason=reason)
    click.echo(f"revoked {info.serial_hex} ({info.reason}) at {info.revoked_at.isoformat()}")


@pki.command("crl")
@click.argument("name")
@click.option("--der", "as_der", is_flag=True, help="Write DER instead of PEM.")
@friendly_errors
def pki_crl(name: str, as_der: bool) -> None:
    """Print a fresh CRL of CA NAME (e.g. cpo-sub2).

    \b
    Examples:
      csms pki crl cpo-sub2
      csms pki crl cpo-sub2 --der > cpo-sub2.crl
    """
    container = load_container()
    with container.transaction() as session:
        crl = container.pki.crl(session, name)
    if as_der:
        sys.stdout.buffer.write(crl.public_bytes(serialization.Encoding.DER))
    else:
        click.echo(crl.public_bytes(serialization.Encoding.PEM).decode(), nl=False)


@pki.command("ocsp-delegate")
@click.argument("name")
@friendly_errors
def pki_ocsp_delegate(name: str) -> None:
    """Give CA NAME a delegated OCSP responder certificate, which then signs its responses.

    \b
    Example:
      csms pki ocsp-delegate cpo-sub2
    """
    container = load_container()
    with container.transaction() as session:
        delegate = container.pki.create_ocsp_delegate(session, operator(), name)
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
    """Import a PEM bundle: a root and its sub-CAs, in any order; validated before storing.

    \b
    Examples:
      csms pki trust add --kind oem-root oem-bundle.pem
      csms pki trust add --kind mo-root - < mo-root.pem
    """
    data = read_input(file)
    container = load_container()
    with container.transaction() as session:
        result = container.pki.add_trust_bundle(session, operator(), data, kind)
    for subject in result.added:
        click.echo(f"added {kind}: {subject}")
    for subject in result.already_known:
        click.echo(f"already trusted: {subject}")


@trust.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@friendly_errors
def trust_list(as_json: bool) -> None:
    """The imported trust anchors with source, state and validity (UTC), and the product
    CAs' certificates under external roots.

    \b
    Examples:
      csms pki trust list
      csms pki trust list --json
    """
    container = load_container()
    with container.transaction() as session:
        rows = container.pki.trust_anchors(session, operator())
        extra = container.pki.ca_certificates(session, operator())
        if as_json:
            for row in rows:
                click.echo(
                    json.dumps(
                        {
                            "kind": row.kind,
                            "role": row.role,
                            "source": row.source,
                            "state": row.state,
                            "stateReason": row.state_reason,
                            "fingerprint": row.fingerprint_sha256,
                            "notBefore": row.not_before.isoformat(),
                            "notAfter": row.not_after.isoformat(),
                            "subject": row.subject,
                        }
                    )
                )
            for record in extra:
                click.echo(
                    json.dumps(
                        {
                            "kind": f"ca:{record.kind}",
                            "ca": record.ca_name,
                            "anchor": record.anchor_fingerprint,
                            "fingerprint": record.fingerprint_sha256,
                            "notBefore": record.not_before.isoformat(),
                            "notAfter": record.not_after.isoformat(),
                            "issuer": record.issuer,
                        }
                    )
                )
            return
        click.echo(
            f"{'KIND':<9} {'ROLE':<7} {'SOURCE':<6} {'STATE':<10} {'FINGERPRINT':<64}  "
            f"{'NOT BEFORE':<10}  {'NOT AFTER':<10}  SUBJECT (dates UTC)"
        )
        for row in rows:
            state = row.state
            if row.state != "active":
                state += f" ({row.state_by} {row.state_at:%Y-%m-%d}: {row.state_reason})"
            click.echo(
                f"{row.kind:<9} {row.role:<7} {row.source:<6} {row.state:<10} "
                f"{row.fingerprint_sha256}  {row.not_before:%Y-%m-%d}  {row.not_after:%Y-%m-%d}  "
                f"{row.subject}" + ("" if row.state == "active" else f"  [{state}]")
            )
        for record in extra:
            click.echo(
                f"ca:{record.ca_name} {record.kind} under {record.anchor_fingerprint[:16]}  "
                f"{record.fingerprint_sha256}  {record.not_before:%Y-%m-%d}  "
                f"{record.not_after:%Y-%m-%d}  {record.issuer}"
            )


@trust.command("distrust")
@click.argument("fingerprint")
@click.option("--reason", required=True, help="Why (kept with the anchor and in the audit).")
@friendly_errors
def trust_distrust(fingerprint: str, reason: str) -> None:
    """Stop using an anchor (a root: everything under it) in every path validation.

    \b
    Example:
      csms pki trust distrust 3f1c…e9 --reason 'key compromise reported by the OEM'
    """
    container = load_container()
    with container.transaction() as session:
        row = container.pki.distrust_anchor(session, operator(), fingerprint, reason=reason)
        click.echo(f"distrusted {row.kind} {row.role}: {row.subject}")


@trust.command("restore")
@click.argument("fingerprint")
@friendly_errors
def trust_restore(fingerprint: str) -> None:
    """Trust a distrusted anchor again.

    \b
    Example:
      csms pki trust restore 3f1c…e9
    """
    container = load_container()
    with container.transaction() as session:
        row = container.pki.restore_anchor(session, operator(), fingerprint)
        click.echo(f"restored {row.kind} {row.role}: {row.subject}")


@trust.command("import-cross")
@click.argument("file")
@friendly_errors
def trust_import_cross(file: str) -> None:
    """Import a cross-certificate: the product's root key certified by an external root, or
    an external root's key certified by the product's root.

    \b
    Example:
      csms pki trust import-cross cross.pem
    """
    data = read_input(file)
    container = load_container()
    with container.transaction() as session:
        done = container.pki.import_cross_certificate(session, operator(), data)
    if done.direction == "own-key":
        click.echo(f"{done.subject} is now also certified by {done.issuer} ({done.fingerprint})")
    else:
        click.echo(f"trusted through {done.issuer}: {done.subject} ({done.fingerprint})")


@pki.group("sub-ca")
def sub_ca() -> None:
    """The product's sub-CAs under external roots (the key never leaves the key store)."""


@sub_ca.command("request")
@click.argument("name")
@click.option("--out", "out", default=None, help="Write the CSR here instead of stdout.")
@friendly_errors
def sub_ca_request(name: str, out: str | None) -> None:
    """A PEM CSR for CA NAME's existing key and subject (cps-sub1, cpo-sub1, mo-sub1, …).

    \b
    Example:
      csms pki sub-ca request cps-sub1 --out cps-sub1.csr
    """
    container = load_container()
    with container.transaction() as session:
        csr = container.pki.sub_ca_request(session, operator(), name)
    if out is None:
        click.echo(csr.decode(), nl=False)
        return
    with open(out, "wb") as handle:
        handle.write(csr)
    click.echo(f"wrote {out}")


@sub_ca.command("import")
@click.argument("name")
@click.argument("file")
@friendly_errors
def sub_ca_import(name: str, file: str) -> None:
    """Import the certificate an external root signed for CA NAME's request.

    \b
    Example:
      csms pki sub-ca import cps-sub1 cps-sub1.pem
    """
    data = read_input(file)
    container = load_container()
    with container.transaction() as session:
        done = container.pki.import_sub_ca_certificate(session, operator(), name, data)
    if done.already_known:
        click.echo(f"already imported: {name} under {done.root_subject}")
    else:
        click.echo(f"imported: {name} under {done.root_subject} ({done.fingerprint})")


@trust.command("sync-rcp")
@friendly_errors
def trust_sync_rcp() -> None:
    """Import the roots of the Open Plug & Charge Root Certificate Pool (V2G, MO and OEM
    roots; source "rcp"). Roots already trusted, or distrusted, are left as they are. Needs
    CSMS_OPCP_BASE_URL, CSMS_OPCP_TOKEN_URL, CSMS_OPCP_CLIENT_ID and CSMS_OPCP_CLIENT_SECRET
    (docs/opcp.md).

    \b
    Example:
      csms pki trust sync-rcp
    """
    container = load_container()
    with container.transaction() as session:
        report = sync_root_pool(session, container.pki, operator(), container.opcp)
    for line in report.added:
        click.echo(f"added {line}")
    for line in report.already_known:
        click.echo(f"already trusted: {line}")
    for line in report.skipped:
        click.echo(f"skipped {line}")
    click.echo(
        f"{len(report.added)} added, {len(report.already_known)} already trusted, "
        f"{len(report.skipped)} skipped"
    )


def _audit_details(event: AuditEvent) -> str:
    parts = [f"serial={event.serial_hex}"] if event.serial_hex else []
    parts += [f"{k}={json.dumps(v, default=str)}" for k, v in (event.details or {}).items()]
    return " ".join(parts)


AUDIT = Listing[AuditEvent](
    header=f"{'at (UTC)':<19} {'actor':<24} {'action':<32} details",
    line=lambda e: (
        f"{utc(e.at, '%Y-%m-%d %H:%M:%S'):<19} {e.actor:<24} {e.action:<32} {_audit_details(e)}"
    ).rstrip(),
    record=lambda e: {
        "at": e.at,
        "actor": e.actor,
        "action": e.action,
        "serial": e.serial_hex,
        "fingerprint": e.fingerprint_sha256,
        "details": e.details,
    },
    csv_columns=("at", "actor", "action", "serial", "fingerprint", "details"),
)


@click.command("audit")
@list_options(limit=10_000)
@friendly_errors
def audit(shown: Shown) -> None:
    """The audit trail, newest first: who did what, when (UTC).

    \b
    Filters (--filter NAME=VALUE):
      action  actions starting with this, e.g. trust. or login.
      actor   actors whose name holds this, e.g. cli:
      since   from this day (UTC) or time (ISO 8601 with offset)
      until   up to the end of this day (UTC) or this time
    Sort fields: at (default), actor, action. Search: actor, action and certificate serial.

    \b
    Examples:
      csms audit
      csms audit --filter action=trust. --filter since=2026-12-01 --json
      csms audit --search cli: --per-page 200
      csms audit --filter since=2026-11-01 --csv
    """
    container = load_container()
    log = container.audit
    show(
        container,
        shown,
        AUDIT,
        find=lambda session, wanted: log.page(session, operator(), wanted),
        export=lambda session, wanted: log.export(session, operator(), wanted),
    )


@pki.command("expiry")
@click.option("--within", type=click.IntRange(0, 36500), default=None, help="days")
@click.option("--band", type=click.Choice(["expired", "7", "30", "90", "ok"]), default=None)
@click.option(
    "--kind", type=click.Choice(["ca", "csms-server", "trust-anchor", "station"]), default=None
)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@friendly_errors
def pki_expiry(within: int | None, band: str | None, kind: str | None, as_json: bool) -> None:
    """Every certificate the network depends on, soonest expiry first.

    \b
    Examples:
      csms pki expiry --within 90
      csms pki expiry --band 7 --json
    """
    container = load_container()
    with container.transaction() as session:
        items = container.ocpp.expiry.items(
            session, operator(), within_days=within, band=band, kind=kind
        )
    if as_json:
        for item in items:
            click.echo(json.dumps(item))
        return
    click.echo(f"{'band':<8} {'days':>8}  {'expires (UTC)':<16} {'kind':<12} name / subject")
    for item in items:
        click.echo(
            f"{item['band']:<8} {item['daysLeft']:>8}  {item['notAfter'][:16]:<16} "
            f"{item['kind']:<12} {item['name']}  {item['subject']}"
        )


@pki.group("csms-root")
def csms_root() -> None:
    """The root stations check the CSMS's TLS certificate against, and its rotation.

    \b
    A rotation is three steps, each taken when the fleet is ready for it:
      begin   a new root; every node gives it to its stations (InstallCertificate)
      switch  every node serves a certificate under the new root (and the link to the old)
      retire  every node removes the old root from its stations (DeleteCertificate)
    `status` shows the step that comes next and the stations on TLS not ready for it.
    """


@csms_root.command("status")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
@friendly_errors
def csms_root_status(as_json: bool) -> None:
    """The generations, the next step and the stations not ready for it.

    \b
    Example:
      csms pki csms-root status
    """
    container = load_container()
    with container.transaction() as session:
        status = container.ocpp.csms_root.status(session, operator())
    if as_json:
        click.echo(json.dumps(status))
        return
    click.echo(f"{'generation':>10}  {'state':<9} {'expires (UTC)':<16} subject")
    for generation in status["generations"]:
        click.echo(
            f"{generation['generation']:>10}  {generation['state']:<9} "
            f"{generation['notAfter'][:16]:<16} {generation['subject']}"
        )
    step = status["nextStep"]
    if step is None:
        click.echo("no rotation under way (next: csms pki csms-root begin)")
        return
    ready = "ready" if status["ready"] else f"{len(status['behind'])} stations not ready"
    click.echo(f"next step: {step} ({status['stations']} stations on TLS, {ready})")
    for station in status["behind"]:
        click.echo(f"  {station['stationId']}: holds the root: {station['holdsTarget']}")


def _csms_root_step(step: str, force: bool) -> None:
    container = load_container()
    with container.transaction() as session:
        done = container.ocpp.csms_root.step(
            session,
            operator(),
            step,  # type: ignore[arg-type]
            force=force,
        )
    seconds = container.settings.ocpp_tls_check_seconds
    click.echo(
        f"{step}: generation {done['generation']}; every node applies it within {seconds:g} s"
        + (f" (forced past {done['forcedPast']} stations)" if done.get("forcedPast") else "")
    )


@csms_root.command("begin")
@friendly_errors
def csms_root_begin() -> None:
    """Make the next CSMS root; stations are given it, the server certificate stays.

    \b
    Example:
      csms pki csms-root begin
    """
    _csms_root_step("begin", False)


@csms_root.command("switch")
@click.option("--force", is_flag=True, help="Even if stations on TLS lack the new root.")
@friendly_errors
def csms_root_switch(force: bool) -> None:
    """Serve the TLS certificate under the new root (with the link to the old one).

    \b
    Example:
      csms pki csms-root switch
    """
    _csms_root_step("switch", force)


@csms_root.command("retire")
@click.option("--force", is_flag=True, help="Even if stations on TLS lack the current root.")
@friendly_errors
def csms_root_retire(force: bool) -> None:
    """Remove the old root from stations and stop serving the link.

    \b
    Example:
      csms pki csms-root retire
    """
    _csms_root_step("retire", force)
