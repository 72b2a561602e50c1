"""`csms pki …` and `csms audit`: the certificate authority and the audit trail."""

from __future__ import annotations

import json
import sys

import click
from cryptography.hazmat.primitives import serialization

from auth.audit import AuditFilter
from pki.authority import pem_of

from ..opcp.rcp import sync_root_pool
from .support import CliError, friendly_errors, load_container, operator, read_input


@click.group()
def pki() -> None:
    """The certificate authority."""


@pki.command("init")
@friendly_errors
def pki_init() -> None:
    """Create the V2G, CPO, CPS and MO hierarchies (a second run changes nothing)."""
    container = load_container()
    include_demo = container.settings.mode == "development"
    with container.transaction() as session:
        result = container.pki.init(session, operator(), include_demo=include_demo)
    if result.created:
        click.echo(f"created: {', '.join(result.created)}")
    if not result.created:
        click.echo(f"nothing to do: all {len(result.existing)} CAs exist already")


@pki.command("list")
@click.option("--certificates", is_flag=True, help="List issued certificates instead of CAs.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@friendly_errors
def pki_list(certificates: bool, limit: int, as_json: bool) -> None:
    """The CAs with their subjects and expiry (or the newest certificates). Times are UTC.

    \b
    Examples:
      csms pki list
      csms pki list --certificates --limit 20 --json
    """
    container = load_container()
    if certificates:
        with container.transaction() as session:
            views = container.pki.list_certificates(session, operator(), limit=limit)
        if as_json:
            for view in views:
                click.echo(
                    json.dumps(
                        {
                            "serial": view.serial,
                            "profile": view.profile,
                            "issuer": view.issuer,
                            "status": view.status,
                            "notBefore": view.not_before.isoformat(),
                            "notAfter": view.not_after.isoformat(),
                            "subject": view.subject,
                        }
                    )
                )
            return
        click.echo(
            f"{'serial':<34}  {'profile':<16} {'issuer':<12} {'status':<8} "
            f"{'until (UTC)':<11} subject"
        )
        for view in views:
            click.echo(
                f"{view.serial:<34}  {view.profile:<16} {view.issuer or '(root)':<12} "
                f"{view.status:<8} {view.not_after:%Y-%m-%d}  {view.subject}"
            )
        return
    authorities = container.pki.authorities()
    if not authorities:
        raise CliError("the PKI has no CAs yet: run `csms pki init` [not_initialised]")
    if as_json:
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
    """Print a CA certificate (PEM), e.g. v2g-root or mo-root."""
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
    """Issue a certificate from a CSR; prints the PEM chain, leaf first, without the root."""
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
    """Revoke a certificate by its serial (hex, as openssl prints it)."""
    container = load_container()
    with container.transaction() as session:
        info, _view = container.pki.revoke(session, operator(), serial, reason=reason)
    click.echo(f"revoked {info.serial_hex} ({info.reason}) at {info.revoked_at.isoformat()}")


@pki.command("crl")
@click.argument("name")
@click.option("--der", "as_der", is_flag=True, help="Write DER instead of PEM.")
@friendly_errors
def pki_crl(name: str, as_der: bool) -> None:
    """Print a fresh CRL of CA NAME (e.g. cpo-sub2)."""
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
    """Give CA NAME a delegated OCSP responder certificate, which then signs its responses."""
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
    """Import a PEM bundle: a root and its sub-CAs, in any order; validated before storing."""
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
    CAs' certificates under external roots."""
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
    """Stop using an anchor (a root: everything under it) in every path validation."""
    container = load_container()
    with container.transaction() as session:
        row = container.pki.distrust_anchor(session, operator(), fingerprint, reason=reason)
        click.echo(f"distrusted {row.kind} {row.role}: {row.subject}")


@trust.command("restore")
@click.argument("fingerprint")
@friendly_errors
def trust_restore(fingerprint: str) -> None:
    """Trust a distrusted anchor again."""
    container = load_container()
    with container.transaction() as session:
        row = container.pki.restore_anchor(session, operator(), fingerprint)
        click.echo(f"restored {row.kind} {row.role}: {row.subject}")


@trust.command("import-cross")
@click.argument("file")
@friendly_errors
def trust_import_cross(file: str) -> None:
    """Import a cross-certificate: the product's root key certified by an external root, or
    an external root's key certified by the product's root."""
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
    """A PEM CSR for CA NAME's existing key and subject (cps-sub1, cpo-sub1, mo-sub1, …)."""
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
    """Import the certificate an external root signed for CA NAME's request."""
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
    roots; source "rcp"). Roots already trusted, or distrusted, are left as they are.

    \b
    Example:
      CSMS_OPCP_BASE_URL=https://… CSMS_OPCP_TOKEN_URL=… CSMS_OPCP_CLIENT_ID=… \\
      CSMS_OPCP_CLIENT_SECRET=… csms pki trust sync-rcp
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


@click.command("audit")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@friendly_errors
def audit(limit: int) -> None:
    """The newest audit events as JSON lines."""
    container = load_container()
    with container.transaction() as session:
        events = container.audit.find(session, operator(), AuditFilter(limit=limit))
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
    Example:
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
