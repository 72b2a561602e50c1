"""Reading a whole /api/v1 list in tests: the API answers a page at a time (docs/api.md)."""

from __future__ import annotations

from typing import Any


def every_item(client: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list, following the pages (a small array is returned as is)."""
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        answer = client.get(path, params={**params, "page": page, "per_page": 200})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        if isinstance(body, list):
            return body
        items.extend(body["items"])
        if page >= body["pages"]:
            return items
        page += 1
