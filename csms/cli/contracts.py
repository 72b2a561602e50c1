"""`csms contract …` and `csms emaid …`: contracts and eMAID rules from the command line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click
from sqlalchemy.orm import Session

from auth.listing import ListRequest, Page
from contracts.models import BINDING_STATUSES, CONTRACT_STATUSES, Contract
from contracts.service import CarClaim, ContractView
from iso15118.emaid import EmaidError, check_character, import_emaid

from .lists import Listing, Shown, list_options, show, utc
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
    """Create an active contract; prints its eMAID.

    \b
    Examples:
      csms contract create --pcid WMIABC1234567890X --owner bob
      csms contract create --emaid UZ-UPC-C00012345-K --owner carol --partner UzAuto --days 365
    """
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


@dataclass(frozen=True)
class ContractLine:
    """A contract as a list prints it; its cars and certificates (`view`) only on a page
    (reading them for every row of an export would be a query a row)."""

    contract: Contract
    view: ContractView | None = None


def _contract_record(line: ContractLine, certificates: bool) -> dict[str, Any]:
    one, view = line.contract, line.view
    record: dict[str, Any] = {
        "emaid": one.emaid,
        "status": one.status,
        "owner": one.owner,
        "partner": one.partner,
        "validFrom": one.valid_from,
        "validUntil": one.valid_until,
        "createdAt": one.created_at,
    }
    if view is not None:
        record["pcids"] = list(view.pcids)
        if certificates:
            record["certificates"] = [
                {
                    "serial": c.serial_hex,
                    "action": c.action,
                    "schema": c.schema,
                    "notAfter": c.not_after,
                }
                for c in view.certificates
            ]
    return record


def _contract_line(line: ContractLine, certificates: bool) -> str:
    one, view = line.contract, line.view
    cars = ",".join(view.pcids) if view is not None else ""
    text = (
        f"{one.emaid}  {one.status:<10} {one.owner:<16} "
        f"until {utc(one.valid_until, '%Y-%m-%d')}  {cars or '-'}"
    )
    if certificates and view is not None:
        for cert in view.certificates:
            text += (
                f"\n    {cert.serial_hex}  {cert.action:<7} {cert.schema:<6} "
                f"until {utc(cert.not_after, '%Y-%m-%d')}"
            )
    return text


def _contracts(certificates: bool) -> Listing[ContractLine]:
    return Listing(
        header=f"{'eMAID':<15}  {'status':<10} {'owner':<16} {'until (UTC)':<16} cars",
        line=lambda line: _contract_line(line, certificates),
        record=lambda line: _contract_record(line, certificates),
        csv_columns=(
            "emaid",
            "status",
            "owner",
            "partner",
            "validFrom",
            "validUntil",
            "createdAt",
        ),
    )


@contract.command("list")
@click.option("--owner", default=None, help="Same as --filter owner=USERNAME.")
@click.option(
    "--status",
    default=None,
    type=click.Choice(list(CONTRACT_STATUSES)),
    help="Same as --filter status=STATUS.",
)
@click.option("--pcid", default=None, help="Same as --filter pcid=PCID.")
@click.option("--certificates", is_flag=True, help="Also list each contract's certificates.")
@list_options(limit=10_000)
@friendly_errors
def contract_list(
    owner: str | None,
    status: str | None,
    pcid: str | None,
    certificates: bool,
    shown: Shown,
) -> None:
    """Contracts, newest first: eMAID, status, owner, end of validity (UTC), cars. The CSV
    holds the contracts without their cars and certificates.

    \b
    Filters (--filter NAME=VALUE):
      status   active | suspended | terminated
      owner    the owner's username
      partner  the partner (roaming, fleet) it is for
      pcid     contracts holding this car
    Sort fields: created_at (default), valid_until, emaid, owner, partner, status. Search:
    eMAID, owner and partner.

    \b
    Examples:
      csms contract list --status active --search UZUPC --json
      csms contract list --filter partner=UzAuto --sort valid_until --order asc
      csms contract list --pcid WMIABC1234567890X --certificates
      csms contract list --filter status=terminated --csv
    """
    if certificates and shown.as_csv:
        raise click.UsageError("--certificates is for the table and --json, not --csv")
    container = load_container()
    contracts = container.contracts

    def find(session: Session, wanted: ListRequest) -> Page[ContractLine]:
        found = contracts.find(session, operator(), wanted)
        return found.map(
            lambda one: ContractLine(one, contracts.view(session, operator(), one.emaid))
        )

    show(
        container,
        shown,
        _contracts(certificates),
        find=find,
        export=lambda session, wanted: (
            ContractLine(one) for one in contracts.export(session, operator(), wanted)
        ),
        shortcuts={"owner": owner, "status": status, "pcid": pcid},
    )


@contract.command("terminate")
@click.argument("emaid_text", metavar="EMAID")
@friendly_errors
def contract_terminate(emaid_text: str) -> None:
    """Terminate a contract and revoke its certificates.

    \b
    Example:
      csms contract terminate UZUPCC00012345K
    """
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
      csms contract publish UZUPCC00012345K --pcid WMI1234567890ABCD
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
    certificates are refused from then on.

    \b
    Example:
      csms contract oem-crl oem-sub2.crl
    """
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
    """Print the check character of the first 14 characters (separators allowed).

    \b
    Example:
      csms emaid check-digit UZ-UPC-C00012345
    """
    try:
        click.echo(check_character(first14))
    except EmaidError as exc:
        raise CliError(f"{exc} [{exc.reason}]") from None


@emaid.command("normalize")
@click.argument("text", metavar="ID")
def emaid_normalize(text: str) -> None:
    """Print the normalised 15-character eMAID (DIN SPEC 91286 IDs are converted).

    \b
    Examples:
      csms emaid normalize uz-upc-c00012345-k
      csms emaid normalize 'NL*TNM*012204*5'
    """
    try:
        click.echo(import_emaid(text).normalized)
    except EmaidError as exc:
        raise CliError(f"{exc} [{exc.reason}]") from None


@click.group()
def car() -> None:
    """Cars (PCIDs) and drivers' claims on them: review, decide, transfer."""


CARS = Listing[CarClaim](
    header=f"{'PCID':<18} {'eMAID':<15}  {'status':<9} {'owner':<20} {'':<7} claimed (UTC)",
    line=lambda car: (
        f"{car.pcid:<18} {car.emaid}  {car.status:<9} {car.owner:<20} "
        f"{'default' if car.is_default else '':<7} {utc(car.created_at)}"
    ),
    record=lambda car: {
        "pcid": car.pcid,
        "emaid": car.emaid,
        "status": car.status,
        "owner": car.owner,
        "default": car.is_default,
        "claimedBy": car.claimed_by,
        "decidedBy": car.decided_by,
        "createdAt": car.created_at,
    },
    csv_columns=(
        "pcid",
        "emaid",
        "status",
        "owner",
        "default",
        "claimedBy",
        "decidedBy",
        "createdAt",
    ),
)


@car.command("list")
@click.option(
    "--status",
    type=click.Choice([*BINDING_STATUSES, "all"]),
    default=None,
    help="Same as --filter status=STATUS; all: every status [default: pending, unless "
    "--filter status=… is given].",
)
@list_options()
@friendly_errors
def car_list(status: str | None, shown: Shown) -> None:
    """Cars with the contracts that hold or claim them (by default the claims to decide),
    newest first.

    \b
    Filters (--filter NAME=VALUE):
      status      pending | approved | rejected | released
      owner       the contract owner's username
      is_default  yes | no (the car's default contract)
    Sort fields: created_at (default), pcid, emaid, owner, status, is_default. Search: PCID,
    eMAID and owner.

    \b
    Examples:
      csms car list --status all --json
      csms car list --filter status=approved --filter owner=bob --sort pcid
      csms car list --status all --search WMI --csv
    """
    if status is None and not shown.filters_by("status"):
        status = "pending"
    container = load_container()
    contracts = container.contracts
    show(
        container,
        shown,
        CARS,
        find=lambda session, wanted: contracts.find_cars(session, operator(), wanted),
        export=lambda session, wanted: contracts.export_cars(session, operator(), wanted),
        shortcuts={"status": None if status == "all" else status},
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
    """Approve a driver's claim of car PCID for contract EMAID.

    \b
    Example:
      csms car approve WMIABC1234567890X UZUPCC00012345K
    """
    _decide(pcid, emaid_text, True)


@car.command("reject")
@click.argument("pcid")
@click.argument("emaid_text", metavar="EMAID")
@friendly_errors
def car_reject(pcid: str, emaid_text: str) -> None:
    """Reject a driver's claim of car PCID for contract EMAID.

    \b
    Example:
      csms car reject WMIABC1234567890X UZUPCC00012345K
    """
    _decide(pcid, emaid_text, False)


@car.command("transfer")
@click.argument("pcid")
@click.argument("owner")
@friendly_errors
def car_transfer(pcid: str, owner: str) -> None:
    """Give car PCID to user OWNER: other owners' contracts let it go.

    \b
    Example:
      csms car transfer WMIABC1234567890X bob
    """
    container = load_container()
    with container.transaction() as session:
        bindings = container.contracts.transfer_car(session, operator(), pcid, owner)
    for claim in bindings:
        click.echo(f"{claim.pcid} {claim.emaid} {claim.owner}: {claim.status}")
