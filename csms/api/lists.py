"""Lists in the REST API: the same request (auth/listing.py ListRequest) and the same pages as
the console, as one JSON envelope for every collection that can grow with the network.

    GET /api/v1/sessions?q=ST-0&station_id=ST-01&since=2026-12-01&sort=energy_wh&order=desc&page=2

answers `{"items": [...], "total": 1234, "page": 2, "per_page": 50, "pages": 25,
"sort": "energy_wh", "order": "desc"}`. Filters are named query parameters; an unknown one,
an unknown sort field or a malformed value is a 400 with the reason (never silently ignored).
Day filters (`since`, `until`) are UTC days in the API (the console reads them as Tashkent's).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field

from auth.listing import DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_SEARCH, ListRequest, Page

T = TypeVar("T")


class PageOut(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="rows matching the search and filters, on every page")
    page: int
    per_page: int
    pages: int
    sort: str = Field(description="the field the rows are ordered by")
    order: Literal["asc", "desc"]

    @classmethod
    def of(cls, page: Page[Any], convert: Callable[[Any], T]) -> PageOut[T]:
        return cls(
            items=[convert(r) for r in page.rows],
            total=page.total,
            page=page.page,
            per_page=page.per_page,
            pages=page.pages,
            sort=page.sort,
            order="desc" if page.descending else "asc",
        )


def _list_request(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_SEARCH, description="search text")] = "",
    sort: Annotated[str, Query(max_length=64, description="a field to order by")] = "",
    order: Literal["asc", "desc"] | None = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = DEFAULT_PER_PAGE,
) -> ListRequest:
    """The declared parameters document the list; the filters are the other parameters, read
    by the list itself (ListRequestError → 400 for one it does not have)."""
    return ListRequest.parse(dict(request.query_params), zone=UTC)


Listing = Annotated[ListRequest, Depends(_list_request)]
