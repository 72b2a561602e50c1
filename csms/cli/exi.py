"""`csms exi decode|encode` for operators: EXI <-> the JSON form EXIficient uses.

Binary values appear as base64 (hexBinary ones as upper-case hex); decode -> encode gives back
the same bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
from collections.abc import Callable
from typing import IO, Any, TypeVar

import click

from iso15118.exi.errors import ExiError
from iso15118.exi.schemas import codec

from .support import CliError

SCHEMAS = {"iso-2": "iso-2", "iso-20": "iso-20"}

_Command = TypeVar("_Command", bound=Callable[..., Any])


@click.group(name="exi")
def exi() -> None:
    """ISO 15118 EXI messages (whole V2G messages, without the V2GTP header)."""


def _schema_option(function: _Command) -> _Command:
    return click.option(
        "--schema",
        type=click.Choice(sorted(SCHEMAS)),
        default="iso-2",
        show_default=True,
        help="iso-2: urn:iso:15118:2:2013:MsgDef; iso-20: -20 CommonMessages",
    )(function)


def _looks_like_base64(data: bytes) -> bool:
    text = b"".join(data.split())
    return len(text) >= 8 and all(c in _BASE64_ALPHABET for c in text)


_BASE64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


@exi.command()
@_schema_option
@click.option("--base64", "as_base64", is_flag=True, help="input is base64 text")
@click.option("--fragment", is_flag=True, help="input is an EXI fragment, not a document")
@click.argument("source", type=click.File("rb"), default="-")
def decode(schema: str, as_base64: bool, fragment: bool, source: IO[bytes]) -> None:
    """Prints the EXI message in SOURCE (a file or -) as JSON.

    \b
    Examples:
      csms exi decode --base64 request.exi.b64
      csms exi decode --schema iso-20 - < message.exi
    """
    data = source.read()
    if as_base64:
        try:
            data = base64.b64decode(b"".join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            raise CliError("the input is not base64 text [base64_malformed]") from None
    try:
        tree = codec(SCHEMAS[schema], json_text=True).decode(data, fragment=fragment)
    except (ExiError, ValueError) as exc:
        hint = ""
        if not as_base64 and _looks_like_base64(data):
            hint = " (the input looks like base64 text: add --base64)"
        raise CliError(f"not an EXI {schema} message: {exc}{hint} [exi_decode]") from None
    click.echo(json.dumps(tree, indent=2, ensure_ascii=False))


@exi.command()
@_schema_option
@click.option("--base64", "as_base64", is_flag=True, help="write base64 text instead of bytes")
@click.option("--fragment", is_flag=True, help="encode an EXI fragment, not a document")
@click.argument("source", type=click.File("r"), default="-")
def encode(schema: str, as_base64: bool, fragment: bool, source: IO[str]) -> None:
    """Encodes the JSON message in SOURCE (a file or -) as EXI on standard output.

    \b
    Examples:
      csms exi encode --base64 message.json
      csms exi encode --schema iso-20 message.json > message.exi
    """
    try:
        tree = json.loads(source.read())
    except json.JSONDecodeError as exc:
        raise CliError(
            f"the input is not JSON (line {exc.lineno}, column {exc.colno}) [json_malformed]"
        ) from None
    except ValueError:  # undecodable bytes
        raise CliError("the input is not UTF-8 JSON text [json_malformed]") from None
    try:
        data = codec(SCHEMAS[schema], json_text=True).encode(tree, fragment=fragment)
    except (ExiError, ValueError) as exc:
        raise CliError(f"cannot encode it as {schema} EXI: {exc} [exi_encode]") from None
    if as_base64:
        click.echo(base64.b64encode(data).decode())
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
