"""`csms contract …` and `csms emaid …`, mounted by csms/cli.py.

Expected failures print one line `error: … [code]` and exit 1 (csms.cli.friendly_errors).
"""

from __future__ import annotations

import click

from iso15118.emaid import EmaidError, check_character, import_emaid


def _cli():  # type: ignore[no-untyped-def]
    # csms.cli imports this module while it is being loaded; import it lazily.
    from csms import cli

    return cli


def _domain():  # type: ignore[no-untyped-def]
    from .wiring import contracts_of

    return contracts_of(_cli().load_product())


def _friendly(func):  # type: ignore[no-untyped-def]
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        return _cli().friendly_errors(func)(*args, **kwargs)

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
    created = _domain().service.create(
        owner=owner,
        pcid=pcid,
        emaid=emaid_text,
        partner=partner,
        valid_days=days,
        actor=_cli().actor(),
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
    domain = _domain()
    for found in domain.service.search(
        text=text, owner=owner, status=status, pcid=pcid, limit=limit
    ):
        view = domain.service.view(found.emaid)
        click.echo(
            f"{found.emaid}  {found.status:<10} {found.owner:<16} "
            f"until {found.valid_until:%Y-%m-%d}  {','.join(view.pcids) or '-'}"
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
    terminated, revoked = _domain().service.terminate(emaid_text, actor=_cli().actor())
    click.echo(f"terminated {terminated.emaid}; revoked {len(revoked)} certificate(s)")
    for serial in revoked:
        click.echo(f"revoked {serial}")


@contract.command("oem-crl")
@click.argument("file")
@_friendly
def contract_oem_crl(file: str) -> None:
    """Import a CRL of an imported OEM CA (PEM or DER): its revoked provisioning
    certificates are refused from then on."""
    data = _cli().read_input(file)
    record = _domain().revocation.import_crl(data, actor=_cli().actor())
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
    try:
        click.echo(check_character(first14))
    except EmaidError as exc:
        raise _cli().CliError(f"{exc} [{exc.reason}]") from None


@emaid.command("normalize")
@click.argument("text", metavar="ID")
def emaid_normalize(text: str) -> None:
    """Print the normalised 15-character eMAID (DIN SPEC 91286 IDs are converted)."""
    try:
        click.echo(import_emaid(text).normalized)
    except EmaidError as exc:
        raise _cli().CliError(f"{exc} [{exc.reason}]") from None
