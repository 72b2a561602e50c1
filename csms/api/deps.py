"""The API's declaration of who may call an endpoint.

    @router.get("/api/v1/users")
    async def list_users(request: Request, principal: Annotated[Principal, allowed(USERS_READ)]):

`allowed(permission)` identifies the caller (csms.web.identity) and asks the same access
control the service will ask again, so that a caller who may not use an endpoint at all hears
401/403 before anything else about the request is judged (a visitor never learns what a valid
body would look like). The service's own check is the one that counts: it is what the console
and the command line meet too.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import Depends, Request

from auth.principal import Permission, Principal

from ..web.context import container_of
from ..web.identity import principal_of


def allowed(permission: Permission) -> Any:
    async def dependency(request: Request) -> Principal:
        principal = await principal_of(request)
        container_of(request).access.require(principal, permission)
        return principal

    dependency.__name__ = f"allowed_{permission.obj}_{permission.action}"
    return Depends(dependency)


def allowed_or_automation(permission: Permission) -> Any:
    """`allowed`, or the operator's automation token `CSMS_OCPP_API_TOKEN` when one is
    configured: machines act as the system, with full access (and are audited as such)."""

    async def dependency(request: Request) -> Principal:
        token = container_of(request).settings.ocpp_api_token
        given = request.headers.get("authorization", "")
        if token is not None and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return Principal.system("api:automation-token")
        principal = await principal_of(request)
        container_of(request).access.require(principal, permission)
        return principal

    dependency.__name__ = f"allowed_or_automation_{permission.obj}_{permission.action}"
    return Depends(dependency)
