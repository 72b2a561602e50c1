"""The console's lists: one way to show any service's `Page` (auth/listing.py) as a searchable,
filterable, sortable, paged table with a CSV export of the same rows.

A list page declares its columns once (`Column`: the header, how a cell reads on the page,
how it reads in the CSV) and its filters (`Filter`); the service does the querying and the
scoping. The page and the CSV come from the same request parameters, so "export" always
exports what the person is looking at (all pages of it, up to the export bound).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from markupsafe import Markup

from auth.listing import ListRequest, ListRequestError, Page

from ..csv_export import write_csv
from . import i18n
from .forms import N_
from .web import gettext_of, language_of, render

TIMES_NOTE = N_("Times are Tashkent time (UTC+5).")
BAD_REQUEST = N_("This list cannot be shown that way; the filters were reset.")


@dataclass(frozen=True)
class Column:
    """One column: its header (a catalog message), the sort field it orders by (None: not
    sortable), the cell on the page (may return Markup for a link) and in the CSV."""

    label: str
    sort: str | None
    cell: Callable[[Any, i18n.Formatter, Callable[..., str]], str | Markup]
    csv: Callable[[Any], object] | None  # None: a page-only column (a link), not in the CSV
    mono: bool = False


@dataclass(frozen=True)
class Filter:
    """A filter control: a choice among `options` (value, catalog message), a date, or text."""

    name: str
    label: str
    options: tuple[tuple[str, str], ...] = ()
    kind: str = "choice"  # choice | date | text


def requested(request: Request) -> ListRequest:
    """The list asked for in the query string; a malformed one raises ListRequestError."""
    return ListRequest.parse(dict(request.query_params), zone=i18n.TASHKENT)


async def show(
    request: Request,
    *,
    title: str,
    path: str,
    columns: list[Column],
    filters: list[Filter],
    fetch: Callable[[ListRequest], Any],
    export: Callable[[ListRequest], Any],
    filename: str,
    intro: str | None = None,
    **context: Any,
) -> Response:
    """The list page, or its CSV (`?format=csv`). `fetch` and `export` run the service in a
    transaction (awaitables: the page's `in_transaction`)."""
    problem: str | None = None
    try:
        wanted = requested(request)
    except ListRequestError:
        wanted, problem = ListRequest(zone=i18n.TASHKENT), BAD_REQUEST
    if request.query_params.get("format") == "csv" and problem is None:
        try:
            rows = await export(wanted)
        except ListRequestError:
            pass
        else:
            return csv_response(filename, columns, rows, gettext_of(request))
    try:
        page: Page[Any] = await fetch(wanted)
    except ListRequestError:
        wanted, problem = ListRequest(zone=i18n.TASHKENT), BAD_REQUEST
        page = await fetch(wanted)
    return render(
        request,
        "list.html",
        400 if problem else 200,
        title=title,
        intro=intro,
        path=path,
        columns=columns,
        filters=filters,
        page=page,
        problem=problem,
        times_note=TIMES_NOTE,
        language_code=language_of(request),
        **context,
    )


def csv_response(
    filename: str, columns: list[Column], rows: Iterable[Any], translate: Callable[..., str]
) -> Response:
    """The rows as CSV: headers in the reader's language, times in UTC ISO 8601 (a file is
    read by programs too), cells that a spreadsheet would run as a formula neutralised."""
    buffer = io.StringIO()
    exported = [(c.label, c.csv) for c in columns if c.csv is not None]
    write_csv(
        buffer,
        [translate(label) for label, _value in exported],
        ([value(row) for _label, value in exported] for row in rows),
    )
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}.csv"',
            "Cache-Control": "no-store",
        },
    )


def link(href: str, text: str, *, mono: bool = False) -> Markup:
    # Markup.format escapes every argument: the href and text are data, never markup.
    if mono:
        return Markup('<a href="{}" class="mono">{}</a>').format(href, text)
    return Markup('<a href="{}">{}</a>').format(href, text)


def time_cell(attribute: str) -> Callable[[Any, i18n.Formatter, Callable[..., str]], str]:
    return lambda row, fmt, _: fmt.datetime(getattr(row, attribute))


def text_cell(attribute: str) -> Callable[[Any, i18n.Formatter, Callable[..., str]], str]:
    return lambda row, fmt, _: str(getattr(row, attribute) or "—")


def word_cell(attribute: str) -> Callable[[Any, i18n.Formatter, Callable[..., str]], str]:
    """A stored word people read translated (session states, statuses)."""
    return lambda row, fmt, _: _(str(getattr(row, attribute))) if getattr(row, attribute) else "—"


def raw(attribute: str) -> Callable[[Any], object]:
    return lambda row: getattr(row, attribute)
