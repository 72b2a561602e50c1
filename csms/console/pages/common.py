"""Pages every visitor shares: login, logout, the role-aware home, language, manifest,
the public station list."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from auth.audit import record_event
from auth.models import User
from auth.passwords import verify_password
from auth.wiring import auth_of
from csms.api import myid_routes, resource_routes
from csms.api.deps import Principal, product_of

from .. import i18n
from ..access import begin_session, cabinet_of, check_csrf, current_sid, page
from ..forms import N_, Errors, required, safe_next, see_other
from ..web import PREFIX, render

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@router.get("")
@router.get("/")
async def home(principal: Annotated[Principal, Depends(page("me", "read"))]) -> Response:
    """Each role lands in its own cabinet."""
    cabinet = cabinet_of(principal)
    return see_other(f"{PREFIX}/{cabinet}" if cabinet else f"{PREFIX}/stations")


def _local_login(product: Any, username: str, password: str) -> str | None:
    """A web login session for a local account with this password, else None."""
    auth = auth_of(product)
    with product.session_factory() as session, session.begin():
        user = session.scalar(select(User).where(User.username == username))
        # verify_password runs even for an unknown name: the timing says nothing.
        ok = verify_password(user.password_hash if user else None, password)
        if user is None or not ok or not user.active:
            record_event(session, actor=f"user:{username}", action="login.failed", via="console")
            return None
        user.last_login_at = datetime.now(UTC)
        sid = auth.tokens.open_web_session(session, user)
        record_event(session, actor=f"user:{username}", action="login.succeeded", via="console")
        return sid


@router.get("/login")
async def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", next=safe_next(next, PREFIX + "/"))


@router.post("/login")
async def login(request: Request) -> Response:
    form = await check_csrf(request)
    errors: Errors = {}
    username = required(form, "username", errors, 128)
    password = required(form, "password", errors, 1024)
    target = safe_next(str(form.get("next", "")), PREFIX + "/")
    if not errors:
        sid = await run_in_threadpool(_local_login, product_of(request), username, password)
        if sid is not None:
            begin_session(request, sid)
            return see_other(target)
        errors["password"] = N_("Wrong username or password.")
    return render(
        request, "login.html", 422, errors=errors, values={"username": username}, next=target
    )


@router.post("/logout")
async def logout(request: Request) -> Response:
    await check_csrf(request)
    sid = current_sid(request)
    if sid is not None:
        product = product_of(request)

        def end() -> None:
            with product.session_factory() as session, session.begin():
                auth_of(product).tokens.revoke(session, sid, "logout")

        await run_in_threadpool(end)
    request.session.clear()
    return see_other(f"{PREFIX}/login")


@router.get("/lang/{language}")
async def switch_language(request: Request, language: str, next: str | None = None) -> Response:
    response = RedirectResponse(safe_next(next, PREFIX + "/"), status_code=303)
    if language in i18n.LANGUAGES:
        # A year: the choice outlives the login, as a person's language does.
        response.set_cookie(i18n.COOKIE, language, max_age=365 * 86400, samesite="lax")
    return response


@router.get("/manifest.webmanifest")
async def manifest(request: Request) -> Response:
    response = render(request, "manifest.webmanifest")
    response.media_type = "application/manifest+json"
    response.headers["content-type"] = "application/manifest+json"
    return response


@router.get("/stations")
async def public_stations(
    request: Request, principal: Annotated[Principal, Depends(page("public_stations", "read"))]
) -> Response:
    """The public list: where to charge and whether a connector is free right now."""
    stations = await resource_routes.public_stations(request, principal, limit=500, offset=0)
    return render(request, "public_stations.html", stations=stations)


@router.get("/myid/callback")
async def myid_callback(
    request: Request, anyone: Annotated[Principal, Depends(page("login", "read"))]
) -> Response:
    """Where MyID sends a browser back when CSMS_MYID_REDIRECT_URL points here: the API's
    own callback logs the person in (user, role, session), then the console takes over."""
    try:
        await myid_routes.myid_callback(request, anyone)
    except HTTPException:
        return render(
            request,
            "login.html",
            401,
            next=PREFIX + "/",
            myid_failed=N_("MyID login failed. Try again or use a local account."),
        )
    return see_other(PREFIX + "/")
