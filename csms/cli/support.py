"""What every command of the `csms` command line shares: one way to fail, the operator's
name for the audit trail, reading input, and the container.

Every expected failure prints one line `error: … [code]` on stderr and exits with status 1;
click's own usage errors exit with 2. No traceback reaches an operator for bad input.
"""

from __future__ import annotations

import functools
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import ValidationError
from sqlalchemy import exc as sqlalchemy_errors

from auth.errors import ServiceError
from auth.listing import ListRequestError
from auth.principal import Principal

from ..container import Container, build_container
from ..settings import Settings, SettingsError

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
        except (ServiceError, ListRequestError) as exc:
            raise CliError(f"{exc} [{exc.code}]") from None
        except (SettingsError, ValidationError) as exc:
            raise CliError(f"configuration: {first_line(exc)}") from None
        except OSError as exc:
            raise CliError(f"{exc.strerror or exc}: {exc.filename or ''}".strip(": ")) from None
        except (sqlalchemy_errors.OperationalError, sqlalchemy_errors.InterfaceError) as exc:
            # The database is down, refuses us, or never answers (connect_timeout): one line.
            reason = first_line(exc.orig) if exc.orig is not None else first_line(exc)
            raise CliError(f"database unavailable: {reason} [database_unavailable]") from None

    return wrapper  # type: ignore[return-value]


def first_line(exc: Exception) -> str:
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


def operator() -> Principal:
    """The command line acts as the system: it holds the database's and the key store's
    credentials anyway. What it does is audited under `cli:<login name>`."""
    return Principal.system(actor())


def load_container(*, migrate: bool = True) -> Container:
    try:
        settings = Settings()
    except (SettingsError, ValidationError) as exc:
        raise CliError(f"configuration: {first_line(exc)}") from None
    return build_container(settings, migrate=migrate)


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()
