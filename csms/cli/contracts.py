"""`csms contract …` and `csms emaid …`: contracts and eMAID rules from the command line."""

from __future__ import annotations

import json

import click

from iso15118.emaid import EmaidError, check_character, import_emaid

from .support import CliError, friendly_errors, load_container, operator, read_input


@click.group()
def contract() -> None:
    """Charging contracts (mobility operator): create, list, terminate."""


@contract.command("create")
@click.option("--pcid", default=None, help="The car's PCID (OEM provisioning certificate CN).")
@click.option("--emaid", "emaid_text", default=None, help="Import this eMAID instead of a new one.")
@click.option("--owner", default="admin", show_default=True, help="The owner's username.")
@click.option("--partner", default=None, help="A partner (roaming, fleet) the contract is for.")
@click.option("--days", default=730, show_default=True, type=click.IntRange(1, 3650))
@friendly_errors
def contract_create(
    pcid: str | None, emaid_text: str | None, owner: str, partner: str | None, days: int
) -> None:
    """Create an active contract; prints its eMAID."""
    container = load_container()
    with container.transaction() as session:
        created = container.contracts.create(
            session,
            operator(),
            owner=owner,
            pcid=pcid,
            emaid=emaid_text,
            partner=partner,
            valid_days=days,
        )
    click.echo(created.emaid)


@contract.command("list")
@click.option("--owner", default=None)
@click.option("--status", default=None, type=click.Choice(["active", "suspended", "terminated"]))
@click.option("--pcid", default=None)
@click.option("--search", "text", default=None, help="Substring of eMAID, owner or partner.")
@click.option("--certificates", is_flag=True, help="Also list each contract's certificates.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@friendly_errors
def contract_list(
    owner: str | None,
    status: str | None,
    pcid: str | None,
    text: str | None,
    certificates: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Contracts, newest first: eMAID, status, owner, end of validity (UTC), cars.

    \b
    Example:
      csms contract list --status active --search UZUPC --json
    """
    container = load_container()
    contracts, principal = container.contracts, operator()
    with container.transaction() as session:
        found = contracts.search(
            session, principal, text=text, owner=owner, status=status, pcid=pcid, limit=limit
        )
        if not as_json:
            click.echo(f"{'eMAID':<15}  {'status':<10} {'owner':<16} {'until (UTC)':<16} cars")
        for one in found:
            view = contracts.view(session, principal, one.emaid)
            if as_json:
                click.echo(
                    json.dumps(
                        {
                            "emaid": one.emaid,
                            "status": one.status,
                            "owner": one.owner,
                            "partner": one.partner,
                            "validFrom": one.valid_from.isoformat(),
                            "validUntil": one.valid_until.isoformat(),
                            "pcids": list(view.pcids),
                            **(
                                {
                                    "certificates": [
                                        {
                                            "serial": c.serial_hex,
                                            "action": c.action,
                                            "schema": c.schema,
                                            "notAfter": c.not_after.isoformat(),
                                        }
                                        for c in view.certificates
                                    ]
                                }
                                if certificates
                                else {}
                            ),
                        }
                    )
                )
                continue
            click.echo(
                f"{one.emaid}  {one.status:<10} {one.owner:<16} "
                f"until {one.valid_until:%Y-%m-%d}  {','.join(view.pcids) or '-'}"
            )
            if certificates:
                for cert in view.certificates:
                    click.echo(
                        f"    {cert.serial_hex}  {cert.action:<7} {cert.schema:<6} "
                        f"until {cert.not_after:%Y-%m-%d}"
                    )


@contract.command("terminate")
@click.argument("emaid_text", metavar="EMAID")
@friendly_errors
def contract_terminate(emaid_text: str) -> None:
    """Terminate a contract and revoke its certificates."""
    container = load_container()
    with container.transaction() as session:
        terminated, revoked = container.contracts.terminate(session, operator(), emaid_text)
    click.echo(f"terminated {terminated.emaid}; revoked {len(revoked)} certificate(s)")
    for serial in revoked:
        click.echo(f"revoked {serial}")


@contract.command("publish")
@click.argument("emaid_text", metavar="EMAID")
@click.option("--pcid", required=True, help="The car the contract is bound to.")
@friendly_errors
def contract_publish(emaid_text: str, pcid: str) -> None:
    """Publish the contract for the car to the Open Plug & Charge contract pool, so the car
    gets it at other operators' stations too (needs CSMS_OPCP_*; docs/opcp.md).

    \b
    Example:
      csms contract publish UZUPCC000012345 --pcid WMI1234567890ABCD
    """
    container = load_container()
    done = container.publisher.publish(operator(), emaid_text, pcid)
    again = " (the earlier, unsent data)" if done.resent else ""
    click.echo(f"published {done.emaid} for {done.pcid}{again}: certificate {done.serial_hex}")


@contract.command("oem-crl")
@click.argument("file")
@friendly_errors
def contract_oem_crl(file: str) -> None:
    """Import a CRL of an imported OEM CA (PEM or DER): its revoked provisioning
    certificates are refused from then on."""
    data = read_input(file)
    container = load_container()
    with container.transaction() as session:
        record = container.pki.import_foreign_crl(session, operator(), data)
        issuer, this_update = record.issuer_subject, record.this_update
    click.echo(f"imported CRL of {issuer} (this update {this_update:%Y-%m-%d})")


@click.group()
def emaid() -> None:
    """eMAID rules (ISO 15118-2 Annex H)."""


@emaid.command("check-digit")
@click.argument("first14", metavar="ID14")
def emaid_check_digit(first14: str) -> None:
    """Print the check character of the first 14 characters (separators allowed)."""
    try:
        click.echo(check_character(first14))
    except EmaidError as exc:
        raise CliError(f"{exc} [{exc.reason}]") from None


@emaid.command("normalize")
@click.argument("text", metavar="ID")
def emaid_normalize(text: str) -> None:
    """Print the normalised 15-character eMAID (DIN SPEC 91286 IDs are converted)."""
    try:
        click.echo(import_emaid(text).normalized)
    except EmaidError as exc:
        raise CliError(f"{exc} [{exc.reason}]") from None


@click.group()
def car() -> None:
    """Cars (PCIDs) and drivers' claims on them: review, decide, transfer."""


@car.command("list")
@click.option(
    "--status",
    type=click.Choice(["pending", "approved", "rejected", "released", "all"]),
    default="pending",
    show_default=True,
)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@friendly_errors
def car_list(status: str, as_json: bool) -> None:
    """Cars with the contracts that hold or claim them (by default the claims to decide).

    \b
    Example:
      csms car list --status all --json
    """
    container = load_container()
    with container.transaction() as session:
        found = container.contracts.claims(
            session, operator(), status=None if status == "all" else status
        )
    if as_json:
        for claim in found:
            click.echo(
                json.dumps(
                    {
                        "pcid": claim.pcid,
                        "emaid": claim.emaid,
                        "status": claim.status,
                        "owner": claim.owner,
                        "default": claim.is_default,
                        "createdAt": claim.created_at.isoformat(),
                    }
                )
            )
        return
    click.echo(f"{'PCID':<18} {'eMAID':<15}  {'status':<9} {'owner':<20} {'':<7} claimed (UTC)")
    for claim in found:
        click.echo(
            f"{claim.pcid:<18} {claim.emaid}  {claim.status:<9} {claim.owner:<20} "
            f"{'default' if claim.is_default else '':<7} {claim.created_at:%Y-%m-%d %H:%M}"
        )


def _decide(pcid: str, emaid: str, approve: bool) -> None:
    container = load_container()
    with container.transaction() as session:
        decided = container.contracts.decide_claim(
            session, operator(), pcid, emaid, approve=approve
        )
    click.echo(f"{decided.pcid} for {decided.emaid} ({decided.owner}): {decided.status}")


@car.command("approve")
@click.argument("pcid")
@click.argument("emaid_text", metavar="EMAID")
@friendly_errors
def car_approve(pcid: str, emaid_text: str) -> None:
    """Approve a driver's claim of car PCID for contract EMAID."""
    _decide(pcid, emaid_text, True)


@car.command("reject")
@click.argument("pcid")
@click.argument("emaid_text", metavar="EMAID")
@friendly_errors
def car_reject(pcid: str, emaid_text: str) -> None:
    """Reject a driver's claim of car PCID for contract EMAID."""
    _decide(pcid, emaid_text, False)


@car.command("transfer")
@click.argument("pcid")
@click.argument("owner")
@friendly_errors
def car_transfer(pcid: str, owner: str) -> None:
    """Give car PCID to user OWNER: other owners' contracts let it go."""
    container = load_container()
    with container.transaction() as session:
        bindings = container.contracts.transfer_car(session, operator(), pcid, owner)
    for claim in bindings:
        click.echo(f"{claim.pcid} {claim.emaid} {claim.owner}: {claim.status}")
