"""Lists that scale: server-side search, filters, sorting and pagination, one way for every
list a person reads (stations, sessions, contracts, cars, certificates, audit, security
events).

A service owns each list: it builds the query of what the principal may see (its scope rule),
describes the list once as a `ListSpec` (which fields sort, which filter and how, what the
search looks at), and hands both to `ListSpec.page` with the caller's `ListRequest`. The doors
(console, REST, CSV export) parse the request from query parameters with `ListRequest.parse`
and render the `Page`; none of them touches SQL. It lives in `auth`, the bottom domain layer,
because every list is a grant-scoped query and every domain service may import it.

Bounds, because a list is a public door: a page holds at most `MAX_PER_PAGE` rows, the search
text is cut to `MAX_SEARCH` characters, an export stops at `MAX_EXPORT` rows, and an unknown
sort field or filter is a `ListRequestError` (HTTP 400 / `error: … [list_request]`), not
silently ignored: a person who filtered must not read an unfiltered list as the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Generic, Literal, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from .errors import ServiceError

T = TypeVar("T")
R = TypeVar("R")

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
MAX_SEARCH = 100
MAX_FILTER = 128
MAX_EXPORT = 100_000
# Query parameters the list itself reads; every other one names a filter.
RESERVED = frozenset({"q", "sort", "order", "page", "per_page", "format", "tz", "lang", "next"})

# A column of a mapped class or any SQL expression over columns.
Expr = ColumnElement[Any] | InstrumentedAttribute[Any]
FilterKind = Literal["exact", "choice", "prefix", "contains", "bool", "since", "until"]


class ListRequestError(ServiceError):
    """A list asked for in a way the list does not support (an unknown sort field, a filter
    it does not have, a malformed value): bad input, so 400 at the API and `error: …
    [list_request]` at the command line."""

    code = "list_request"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ListRequest:
    """What a person asked of a list: search text, filters by name, sort field and order,
    the page. Built by the doors with `parse`; services never see raw query strings."""

    search: str = ""
    filters: Mapping[str, str] = field(default_factory=dict)
    sort: str = ""
    descending: bool | None = None  # None: the field's natural order (times newest first)
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    zone: tzinfo = UTC  # how day filters ("since 2026-12-01") are read: the viewer's days

    @classmethod
    def parse(cls, params: Mapping[str, str], *, zone: tzinfo = UTC) -> ListRequest:
        """From query parameters: q, sort, order (asc|desc), page, per_page, and filters by
        name. Malformed numbers are a ListRequestError; sizes are clamped to the bounds."""
        order = params.get("order", "")
        if order not in ("", "asc", "desc"):
            raise ListRequestError("order", "order must be asc or desc")
        filters = {
            key: value.strip()[:MAX_FILTER]
            for key, value in params.items()
            if key not in RESERVED and value.strip()
        }
        return cls(
            search=params.get("q", "").strip()[:MAX_SEARCH],
            filters=filters,
            sort=params.get("sort", "").strip(),
            descending=None if not order else order == "desc",
            page=_positive(params, "page", 1, 1_000_000),
            per_page=_positive(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
            zone=zone,
        )

    def params(self, **changes: Any) -> dict[str, str]:
        """This request as query parameters, with `changes` applied (for links: next page,
        another sort); empty values left out."""
        values: dict[str, Any] = {
            "q": self.search,
            "sort": self.sort,
            "order": "" if self.descending is None else ("desc" if self.descending else "asc"),
            "page": self.page if self.page != 1 else "",
            "per_page": self.per_page if self.per_page != DEFAULT_PER_PAGE else "",
            **self.filters,
        }
        values.update(changes)
        return {k: str(v) for k, v in values.items() if v not in ("", None)}


def _positive(params: Mapping[str, str], name: str, default: int, most: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or len(raw) > 9:
        raise ListRequestError(name, f"{name} must be a positive whole number")
    return max(1, min(int(raw), most))


@dataclass(frozen=True)
class Field:
    """One field of a list: the SQL it reads, whether it sorts, how it filters.
    `choices` bounds a "choice" filter; `natural_descending` is the order a click on the
    column header gives first (newest first for times)."""

    column: Expr
    sortable: bool = True
    filter: FilterKind | None = None
    choices: tuple[str, ...] = ()
    natural_descending: bool = False
    convert: Callable[[str], Any] | None = None  # text → the column's type ("2" → 2)


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    total: int
    request: ListRequest
    sort: str
    descending: bool

    @property
    def page(self) -> int:
        return self.request.page

    @property
    def per_page(self) -> int:
        return self.request.per_page

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first_row(self) -> int:
        return 0 if not self.rows else (self.page - 1) * self.per_page + 1

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.rows) - 1 if self.rows else 0

    def map(self, convert: Callable[[T], R]) -> Page[R]:
        return self.map_all([convert(r) for r in self.rows])

    def map_all(self, rows: list[R]) -> Page[R]:
        """The same page holding `rows` (this page's rows converted in one go)."""
        return Page(rows, self.total, self.request, self.sort, self.descending)


# A filter built by the service itself (state "online" needs the hub, not a column).
CustomFilter = Callable[[Select[Any], str], Select[Any]]


@dataclass(frozen=True)
class ListSpec:
    """A list described once: its fields, what the search box looks at, the default order
    and the column that makes any order total (so pages never repeat or skip a row)."""

    fields: Mapping[str, Field]
    search: tuple[Expr, ...]
    default_sort: str
    tiebreak: Expr
    # Filters the service applies itself: by name, the allowed values (None: free text,
    # bounded by MAX_FILTER) and how.
    custom_filters: Mapping[str, tuple[tuple[str, ...] | None, CustomFilter]] = field(
        default_factory=dict
    )

    def filter_names(self) -> list[str]:
        return [n for n, f in self.fields.items() if f.filter] + list(self.custom_filters)

    def sort_names(self) -> list[str]:
        return [n for n, f in self.fields.items() if f.sortable]

    def choices(self, name: str) -> tuple[str, ...]:
        if name in self.custom_filters:
            return self.custom_filters[name][0] or ()
        return self.fields[name].choices

    def narrowed(self, query: Select[Any], wanted: ListRequest) -> Select[Any]:
        """`query` with the request's search and filters applied (no order, no page)."""
        for name, value in wanted.filters.items():
            if name in self.custom_filters:
                allowed, apply = self.custom_filters[name]
                if allowed is not None and value not in allowed:
                    raise ListRequestError(name, f"{name} must be one of {', '.join(allowed)}")
                query = apply(query, value)
                continue
            spec = self.fields.get(name)
            if spec is None or spec.filter is None:
                raise ListRequestError(
                    name,
                    f"this list has no filter {name[:40]!r} "
                    f"(its filters: {', '.join(self.filter_names())})",
                )
            query = query.where(_condition(name, spec, value, wanted.zone))
        if wanted.search:
            pattern = f"%{_like_escaped(wanted.search)}%"
            query = query.where(or_(*(c.ilike(pattern, escape="\\") for c in self.search)))
        return query

    def ordered(self, query: Select[Any], wanted: ListRequest) -> tuple[Select[Any], str, bool]:
        sort = wanted.sort or self.default_sort
        spec = self.fields.get(sort)
        if spec is None or not spec.sortable:
            raise ListRequestError(
                "sort",
                f"this list cannot be sorted by {sort[:40]!r} "
                f"(it sorts by: {', '.join(self.sort_names())})",
            )
        descending = spec.natural_descending if wanted.descending is None else wanted.descending
        column = spec.column.desc() if descending else spec.column.asc()
        tiebreak = self.tiebreak.desc() if descending else self.tiebreak.asc()
        return query.order_by(column.nulls_last(), tiebreak), sort, descending

    def page(self, session: Session, query: Select[Any], wanted: ListRequest) -> Page[Any]:
        """One page of `query` (the principal's scope, built by the service) as asked: the
        rows, and how many there are in all."""
        narrowed = self.narrowed(query, wanted)
        total = session.scalar(select(func.count()).select_from(narrowed.order_by(None).subquery()))
        ordered, sort, descending = self.ordered(narrowed, wanted)
        offset = (wanted.page - 1) * wanted.per_page
        rows = list(_rows(session, ordered.limit(wanted.per_page).offset(offset)))
        return Page(rows, int(total or 0), wanted, sort, descending)

    def every(self, session: Session, query: Select[Any], wanted: ListRequest) -> Iterator[Any]:
        """Every row as asked, in order, for an export: at most MAX_EXPORT, read in batches
        (an export of a national network's sessions must not hold them all in memory)."""
        ordered, _sort, _descending = self.ordered(self.narrowed(query, wanted), wanted)
        yield from _rows(session, ordered.limit(MAX_EXPORT).execution_options(yield_per=1000))


def _rows(session: Session, query: Select[Any]) -> Iterator[Any]:
    """Entities for a one-entity query, tuples for a join that selects several."""
    if len(query.selected_columns) > 1 and len(query.column_descriptions) > 1:
        return iter(session.execute(query).tuples())
    return iter(session.scalars(query))


def _condition(name: str, spec: Field, value: str, zone: tzinfo) -> ColumnElement[bool]:
    column = spec.column
    if spec.filter == "choice":
        if value not in spec.choices:
            raise ListRequestError(name, f"{name} must be one of {', '.join(spec.choices)}")
        return column == (spec.convert(value) if spec.convert else value)
    if spec.filter == "exact":
        return column == value
    if spec.filter == "prefix":
        return column.like(f"{_like_escaped(value)}%", escape="\\")
    if spec.filter == "contains":
        return column.ilike(f"%{_like_escaped(value)}%", escape="\\")
    if spec.filter == "bool":
        if value not in ("yes", "no"):
            raise ListRequestError(name, f"{name} must be yes or no")
        return column.is_(value == "yes")
    moment = _moment(name, value, zone, end_of_day=spec.filter == "until")
    return column < moment if spec.filter == "until" else column >= moment


def _moment(name: str, value: str, zone: tzinfo, *, end_of_day: bool) -> datetime:
    """A day (in the viewer's zone: "until 2026-12-04" includes that whole Tashkent day) or
    an ISO time with its offset, as UTC."""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            if end_of_day:
                day += timedelta(days=1)
            return datetime.combine(day, time(), zone).astimezone(UTC)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ListRequestError(name, f"{name} must be a date like 2026-01-31") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def zone_named(name: str | None, default: str = "Asia/Tashkent") -> tzinfo:
    """The viewer's zone by IANA name (the console's `tz`), or the default when unknown."""
    for candidate in (name, default):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ValueError, KeyError, OSError):
                continue
    return UTC
