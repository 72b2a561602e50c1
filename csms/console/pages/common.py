"""Pages every visitor shares: login, logout, the role-aware home, language, manifest,
the public station list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from auth.logins import LOGIN, ME
from auth.myid import MyIdError
from auth.passwords import PasswordHashingBusy
from auth.principal import Principal
from auth.throttle import LoginThrottled

from ...ocpp.service import PUBLIC_STATIONS_READ
from ...web.context import container_of, in_transaction
from ...web.myid import complete_login
from ...web.passwords import client_address, password_login
from .. import i18n
from ..access import begin_session, cabinet_of, check_csrf, current_sid, page
from ..forms import N_, Errors, required, safe_next, see_other
from ..web import PREFIX, render

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@router.get("")
@router.get("/")
async def home(principal: Annotated[Principal, Depends(page(ME))]) -> Response:
    """Each role lands in its own cabinet."""
    cabinet = cabinet_of(principal)
    return see_other(f"{PREFIX}/{cabinet}" if cabinet else f"{PREFIX}/stations")


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
    status, retry_after = 422, None
    if not errors:
        logins = container_of(request).logins
        visitor = Principal.anonymous()  # whoever holds the cookie, they are logging in anew
        client = client_address(request)
        try:
            sid = await password_login(
                request,
                username,
                client,
                lambda s: logins.password_for_web(s, visitor, username, password, client=client),
            )
        except LoginThrottled as exc:
            status, retry_after = 429, exc.retry_after
            errors["password"] = N_("Too many failed logins. Try again in a few minutes.")
        except PasswordHashingBusy as exc:
            status, retry_after = 503, exc.retry_after
            errors["password"] = N_("The server is busy. Try again in a moment.")
        else:
            if sid is not None:
                begin_session(request, sid)
                return see_other(target)
            errors["password"] = N_("Wrong username or password.")
    response = render(
        request, "login.html", status, errors=errors, values={"username": username}, next=target
    )
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await check_csrf(request)
    sid = current_sid(request)
    if sid is not None:
        logins = container_of(request).logins
        await in_transaction(request, lambda s: logins.end_web_session(s, sid))
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
    request: Request, principal: Annotated[Principal, Depends(page(PUBLIC_STATIONS_READ))]
) -> Response:
    """The public list: where to charge and whether a connector is free right now."""
    service = container_of(request).stations
    stations = await in_transaction(request, lambda s: service.public(s, principal, limit=500))
    return render(request, "public_stations.html", stations=stations)


@router.get("/myid/callback")
async def myid_callback(
    request: Request, anyone: Annotated[Principal, Depends(page(LOGIN))]
) -> Response:
    """Where MyID sends a browser back when CSMS_MYID_REDIRECT_URL points here: the same
    login as the API's callback (user, role, session), then the console takes over."""
    try:
        await complete_login(request, anyone)
    except MyIdError:
        return render(
            request,
            "login.html",
            401,
            next=PREFIX + "/",
            myid_failed=N_("MyID login failed. Try again or use a local account."),
        )
    return see_other(PREFIX + "/")
