"""Lists on the command line, the same way for every list: the options a person narrows a list
with (`--search`, `--filter NAME=VALUE`, `--sort`, `--order`, `--page`, `--per-page`) and the
three ways it is printed (a table, `--json` lines, `--csv` of every matching row).

The options become an `auth.listing.ListRequest`, read with the same bounds as the console's
query string; the service owns the list (its scope, what sorts and filters: its `ListSpec`)
and this module only prints what it answers. A filter or sort field the list does not have is
the service's `ListRequestError`, which support.friendly_errors prints as one line
`error: … [list_request]`.

Tables print a header line, times in UTC (the header says so), and a footer saying which rows
of how many and which page of how many; `--json` prints one JSON object a line on standard
output and the same footer on standard error; `--csv` writes every matching row (all pages,
at most auth.listing.MAX_EXPORT) through csms/csv_export.py, as the console's export does.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import click
from sqlalchemy.orm import Session

from auth.listing import (
    DEFAULT_PER_PAGE,
    MAX_FILTER,
    MAX_PER_PAGE,
    RESERVED,
    ListRequest,
    ListRequestError,
    Page,
)

from ..container import Container
from ..csv_export import write_csv

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Listing(Generic[T]):
    """How one list prints: its table's header line and one row of it (may be several lines),
    a row as a JSON object, and the CSV's columns (keys of that object; fixed, so that a file
    of no rows still has its header)."""

    header: str
    line: Callable[[T], str]
    record: Callable[[T], Mapping[str, Any]]
    csv_columns: Sequence[str]


@dataclass(frozen=True)
class Shown:
    """What the person asked of the list on the command line."""

    search: str
    filters: tuple[str, ...]
    sort: str
    order: str
    page: int
    per_page: int
    as_json: bool
    as_csv: bool

    @property
    def narrows(self) -> bool:
        """Whether anything but the page size and the output form was asked."""
        return bool(self.search or self.filters or self.sort or self.order or self.page != 1)

    def filters_by(self, name: str) -> bool:
        """Whether a `--filter NAME=…` names this filter."""
        return any(given.partition("=")[0].strip() == name for given in self.filters)

    def request(self, shortcuts: Mapping[str, str | None] | None = None) -> ListRequest:
        """The list request; `shortcuts` are a command's own options that are filters
        (`--status active` is `--filter status=active`)."""
        filters: dict[str, str] = {}
        for given in self.filters:
            name, equals, value = given.partition("=")
            name = name.strip()
            if not equals or not name:
                raise ListRequestError(
                    "filter", f"--filter takes NAME=VALUE, not {given[:MAX_FILTER]!r}"
                )
            if name in RESERVED:
                # Those names are the request's own (sort, page, …), never a filter.
                raise ListRequestError(name, f"this list has no filter {name[:40]!r}")
            if name in filters:
                raise ListRequestError(name, f"the filter {name[:40]!r} is given twice")
            if not value.strip():
                # The console reads an empty control as "any"; typed out, it is a mistake.
                raise ListRequestError(name, f"the filter {name[:40]!r} has no value")
            filters[name] = value
        for name, shortcut in (shortcuts or {}).items():
            if shortcut is None:
                continue
            if name in filters and filters[name] != shortcut:
                raise click.UsageError(f"--{name} and --filter {name}=… disagree")
            filters[name] = shortcut
        params = {
            "q": self.search,
            "sort": self.sort,
            "order": self.order,
            "page": str(self.page),
            "per_page": str(self.per_page),
            **filters,
        }
        # Days in filters (since=2026-12-01) are UTC days, as every time the CLI prints.
        return ListRequest.parse(params, zone=UTC)


def list_options(*, limit: int | None = None) -> Callable[[F], F]:
    """The list options on a command, handed to it as one `shown: Shown` argument. `limit`
    keeps an older `--limit N` working as another name for `--per-page` (up to `limit`; a
    page holds at most MAX_PER_PAGE rows all the same)."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            per_page = kwargs.pop("per_page")
            old_limit = kwargs.pop("limit", None)
            if old_limit is not None:
                if per_page is not None and per_page != old_limit:
                    raise click.UsageError("--limit is another name for --per-page: give one")
                per_page = old_limit
            as_json, as_csv = kwargs.pop("as_json"), kwargs.pop("as_csv")
            if as_json and as_csv:
                raise click.UsageError("--json and --csv exclude each other")
            kwargs["shown"] = Shown(
                search=kwargs.pop("search") or "",
                filters=kwargs.pop("filters"),
                sort=kwargs.pop("sort") or "",
                order=kwargs.pop("order") or "",
                page=kwargs.pop("page"),
                per_page=per_page or DEFAULT_PER_PAGE,
                as_json=as_json,
                as_csv=as_csv,
            )
            return command(*args, **kwargs)

        options = [
            click.option("--search", default=None, help="Rows whose text holds this."),
            click.option(
                "--filter",
                "filters",
                multiple=True,
                metavar="NAME=VALUE",
                help="Only rows with this value (the filters are listed above); repeatable.",
            ),
            click.option("--sort", default=None, metavar="FIELD", help="Order by this field."),
            click.option(
                "--order",
                type=click.Choice(["asc", "desc"]),
                default=None,
                help="Ascending or descending (default: the field's natural order, newest "
                "first for times).",
            ),
            click.option("--page", type=click.IntRange(1, 1_000_000), default=1, show_default=True),
            click.option(
                "--per-page",
                "per_page",
                type=click.IntRange(1, MAX_PER_PAGE),
                default=None,
                help=f"Rows per page [default: {DEFAULT_PER_PAGE}].",
            ),
            click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table."),
            click.option(
                "--csv",
                "as_csv",
                is_flag=True,
                help="Every matching row (all pages) as CSV instead of a table.",
            ),
        ]
        if limit is not None:
            options.append(
                click.option(
                    "--limit",
                    type=click.IntRange(1, limit),
                    default=None,
                    help="Another name for --per-page (kept for older scripts).",
                )
            )
        decorated: Callable[..., Any] = wrapper
        for option in reversed(options):
            decorated = option(decorated)
        return decorated  # type: ignore[return-value]

    return decorate


def show(
    container: Container,
    shown: Shown,
    listing: Listing[T],
    *,
    find: Callable[[Session, ListRequest], Page[T]],
    export: Callable[[Session, ListRequest], Iterable[T]],
    shortcuts: Mapping[str, str | None] | None = None,
) -> None:
    """Ask the service for the list (one page, or every row for `--csv`) in one transaction
    and print it."""
    wanted = shown.request(shortcuts)
    try:
        _print(container, shown, listing, wanted, find, export)
    except BrokenPipeError:
        # The reader stopped reading (`csms session list --csv | head`): what it took is what
        # it wanted. Standard output goes nowhere from now on, so the interpreter's last flush
        # at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _print(
    container: Container,
    shown: Shown,
    listing: Listing[T],
    wanted: ListRequest,
    find: Callable[[Session, ListRequest], Page[T]],
    export: Callable[[Session, ListRequest], Iterable[T]],
) -> None:
    with container.transaction() as session:
        if shown.as_csv:
            _write_csv(listing, export(session, wanted))
            return
        page = find(session, wanted)
        if shown.as_json:
            for row in page.rows:
                click.echo(json.dumps(listing.record(row), default=_json_value))
            click.echo(footer(page), err=True)
            return
        click.echo(listing.header)
        for row in page.rows:
            click.echo(listing.line(row))
        click.echo(footer(page))


EN_DASH = "\u2013"  # a range of rows as typeset (1 to 50 with an en dash)


def footer(page: Page[Any]) -> str:
    """Which rows of how many, which page of how many: `rows 1-50 of 120 (page 1 of 3)`,
    the range with an en dash."""
    rows = f"{page.first_row}{EN_DASH}{page.last_row}" if page.rows else "0"
    return f"rows {rows} of {page.total} (page {page.page} of {page.pages})"


def _write_csv(listing: Listing[T], rows: Iterable[T]) -> None:
    found = iter(rows)
    # The first row is read before anything is written: a bad filter fails before the
    # header reaches standard output (the export's query runs on the first read).
    first = next(found, None)
    ahead = [] if first is None else [first]

    def values() -> Iterable[list[object]]:
        for row in itertools.chain(ahead, found):
            record = listing.record(row)
            yield [_csv_value(record.get(column)) for column in listing.csv_columns]

    write_csv(sys.stdout, listing.csv_columns, values())
    sys.stdout.flush()


def _csv_value(value: object) -> object:
    """Booleans as JSON writes them, lists and objects as JSON text; the rest as csv_export
    writes it (times ISO 8601)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, default=_json_value, ensure_ascii=False)
    return value


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def utc(moment: datetime | None, shape: str = "%Y-%m-%d %H:%M") -> str:
    """A time for a table column whose header says (UTC); "-" for none."""
    return moment.astimezone(UTC).strftime(shape) if moment is not None else "-"
