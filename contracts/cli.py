"""`csms contract …` and `csms emaid …`, mounted by csms/cli.py.

The command line acts as the product itself (`Principal.system`), in one transaction per
command. Expected failures print one line `error: … [code]` and exit 1.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from auth.access import AccessControl
from auth.errors import ServiceError
from auth.policy import PolicyEngine
from auth.principal import Principal
from iso15118.emaid import EmaidError, check_character, import_emaid
from pki.foreign_revocation import ForeignRevocation

from .registry import EmaidRegistry
from .service import ContractService

if TYPE_CHECKING:
    from csms.product import Product

P = ParamSpec("P")
R = TypeVar("R")

# csms.cli imports this module while it is being loaded: it is imported lazily below.


def _product() -> Product:
    from csms import cli

    product: Product = cli.load_product()
    return product


def _operator() -> Principal:
    from csms import cli

    return Principal.system(cli.actor())


def _service(product: Product) -> ContractService:
    settings = product.settings
    return ContractService(
        AccessControl(PolicyEngine(product.session_factory)),
        product.ca,
        EmaidRegistry(settings.emaid_country, settings.emaid_provider_id),
    )


def _friendly(func: Callable[P, R]) -> Callable[P, R]:
    """csms.cli's error lines, and the same for the contract domain's typed errors."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from csms import cli

        try:
            return cli.friendly_errors(func)(*args, **kwargs)
        except ServiceError as exc:
            raise cli.CliError(f"{exc} [{exc.code}]") from None

    return wrapper


@click.group()
def contract() -> None:
    """Charging contracts (mobility operator): create, list, terminate."""


@contract.command("create")
@click.option("--pcid", default=None, help="The car's PCID (OEM provisioning certificate CN).")
@click.option("--emaid", "emaid_text", default=None, help="Import this eMAID instead of a new one.")
@click.option("--owner", default="admin", show_default=True, help="The owner's username.")
@click.option("--partner", default=None, help="A partner (roaming, fleet) the contract is for.")
@click.option("--days", default=730, show_default=True, type=click.IntRange(1, 3650))
@_friendly
def contract_create(
    pcid: str | None, emaid_text: str | None, owner: str, partner: str | None, days: int
) -> None:
    """Create an active contract; prints its eMAID."""
    product = _product()
    service = _service(product)
    with product.session_factory.begin() as session:
        created = service.create(
            session,
            _operator(),
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
@click.option("--limit", default=100, show_default=True)
@_friendly
def contract_list(
    owner: str | None,
    status: str | None,
    pcid: str | None,
    text: str | None,
    certificates: bool,
    limit: int,
) -> None:
    """Contracts, newest first: eMAID, status, owner, end of validity, cars."""
    product = _product()
    service = _service(product)
    operator = _operator()
    with product.session_factory.begin() as session:
        found = service.search(
            session, operator, text=text, owner=owner, status=status, pcid=pcid, limit=limit
        )
        views = [service.view(session, operator, c.emaid) for c in found]
    for view in views:
        shown = view.contract
        click.echo(
            f"{shown.emaid}  {shown.status:<10} {shown.owner:<16} "
            f"until {shown.valid_until:%Y-%m-%d}  {','.join(view.pcids) or '-'}"
        )
        if certificates:
            for cert in view.certificates:
                click.echo(
                    f"    {cert.serial_hex}  {cert.action:<7} {cert.schema:<6} "
                    f"until {cert.not_after:%Y-%m-%d}"
                )


@contract.command("terminate")
@click.argument("emaid_text", metavar="EMAID")
@_friendly
def contract_terminate(emaid_text: str) -> None:
    """Terminate a contract and revoke its certificates."""
    product = _product()
    service = _service(product)
    with product.session_factory.begin() as session:
        terminated, revoked = service.terminate(session, _operator(), emaid_text)
    click.echo(f"terminated {terminated.emaid}; revoked {len(revoked)} certificate(s)")
    for serial in revoked:
        click.echo(f"revoked {serial}")


@contract.command("oem-crl")
@click.argument("file")
@_friendly
def contract_oem_crl(file: str) -> None:
    """Import a CRL of an imported OEM CA (PEM or DER): its revoked provisioning
    certificates are refused from then on."""
    from csms import cli

    data = cli.read_input(file)
    product = _product()
    with product.session_factory.begin() as session:
        record = ForeignRevocation.import_crl(session, data, actor=_operator().actor)
    click.echo(
        f"imported CRL of {record.issuer_subject} (this update {record.this_update:%Y-%m-%d})"
    )


@click.group()
def emaid() -> None:
    """eMAID rules (ISO 15118-2 Annex H)."""


@emaid.command("check-digit")
@click.argument("first14", metavar="ID14")
def emaid_check_digit(first14: str) -> None:
    """Print the check character of the first 14 characters (separators allowed)."""
    from csms import cli

    try:
        click.echo(check_character(first14))
    except EmaidError as exc:
        raise cli.CliError(f"{exc} [{exc.reason}]") from None


@emaid.command("normalize")
@click.argument("text", metavar="ID")
def emaid_normalize(text: str) -> None:
    """Print the normalised 15-character eMAID (DIN SPEC 91286 IDs are converted)."""
    from csms import cli

    try:
        click.echo(import_emaid(text).normalized)
    except EmaidError as exc:
        raise cli.CliError(f"{exc} [{exc.reason}]") from None
