"""The API's paths before `/api/v1` (issue 16): each answers 308 Permanent Redirect to its
successor, so a client that follows redirects keeps working for the method and body it sent,
and every answer says it is deprecated (`Deprecation`, `Link: rel="successor-version"`).

What changed besides the prefix (docs/api.md, "Moving to /api/v1"): `/api/ocpp/stations` and
`/api/stations` are one resource, `/api/v1/stations`, in snake_case; a station's transactions
are its `sessions`; collections that grow with the network (stations, sessions, security
events, contracts, cars, certificates, audit) answer a page envelope instead of an array.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)

# The renames beyond the prefix, in order; the first match wins.
MOVES = (
    (re.compile(r"^ocpp/stations/([^/]+)/transactions$"), r"stations/\1/sessions"),
    (re.compile(r"^ocpp/(.*)$"), r"\1"),
)


def successor(rest: str) -> str:
    """The /api/v1 path of an old /api/<rest> path."""
    for pattern, replacement in MOVES:
        if pattern.match(rest):
            return "/api/v1/" + pattern.sub(replacement, rest)
    return "/api/v1/" + rest


@router.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def moved(request: Request, rest: str) -> Response:
    if rest == "v1" or rest.startswith("v1/"):
        raise HTTPException(404, "Not Found")  # an unknown /api/v1 path: not a moved one
    target = successor(rest)
    if request.url.query:
        target += "?" + request.url.query
    return Response(
        status_code=308,
        headers={
            "Location": target,
            "Deprecation": "true",
            "Link": f'<{target}>; rel="successor-version"',
        },
    )
