"""Browser login with MyID: `/auth/myid/login` sends the person to MyID, the callback
exchanges the code (client secret in the form body), reads `users/me`, creates or updates the
user, and opens a cookie session that `/api/me` accepts.

Every failure ends in one clear answer and an audit row; the user, its role and the session
are written in one transaction after MyID has answered, so nothing is ever half-created.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import httpx
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from authlib.integrations.starlette_client import OAuth
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from pydantic import BaseModel
from sqlalchemy import select

from auth.audit import record_event
from auth.models import User
from auth.myid import MyIdEndpoints, MyIdError, MyIdPerson, person_from_userinfo
from auth.users import add_user
from auth.wiring import auth_of

from .deps import SESSION_COOKIE_KEY, Principal, authorize, product_of
from .schemas import ERRORS, NOT_FOUND, ErrorOut

router = APIRouter(tags=["auth"], responses={**ERRORS, **NOT_FOUND})
UPSTREAM = {502: {"model": ErrorOut, "description": "MyID failed or did not answer"}}
OAUTH_KEY = "myid_oauth"


class MyIdLoginOut(BaseModel):
    username: str
    created: bool


def _client(request: Request) -> Any:
    """authlib's client for MyID, configured from settings once per product."""
    product = product_of(request)
    settings = product.settings
    if not settings.myid_client_id:
        raise HTTPException(404, "MyID login is not configured")
    client = product.extras.get(OAUTH_KEY)
    if client is None:
        endpoints = MyIdEndpoints.at(settings.myid_base_url)
        oauth = OAuth()
        client = oauth.register(
            name="myid",
            client_id=settings.myid_client_id,
            client_secret=settings.myid_client_secret,
            authorize_url=endpoints.authorize_url,
            access_token_url=endpoints.token_url,
            authorize_params={"method": settings.myid_method},
            client_kwargs={
                # MyID takes a comma-separated scope and the secret in the form body.
                "scope": settings.myid_scopes,
                "token_endpoint_auth_method": "client_secret_post",
                "timeout": settings.myid_timeout,
            },
        )
        product.extras[OAUTH_KEY] = client
    return client


@router.get("/auth/myid/login", status_code=302, response_class=RedirectResponse)
async def myid_login(
    request: Request,
    _anyone: Annotated[Principal, Depends(authorize("login", "read"))],
) -> RedirectResponse:
    """Redirect to MyID's authorization page (state kept in the signed session cookie)."""
    client = _client(request)
    redirect_uri = product_of(request).settings.myid_redirect_url
    response: RedirectResponse = await client.authorize_redirect(request, redirect_uri)
    return response


async def _person(request: Request, client: Any) -> MyIdPerson:
    if "error" in request.query_params:
        # MyID sends the person back with error=access_denied when they refuse consent.
        raise MyIdError(f"MyID refused: {request.query_params['error'][:64]}")
    if not request.query_params.get("code"):
        raise MyIdError("MyID sent no authorization code")
    if not request.query_params.get("state"):
        raise MyIdError("the login has no state; start again")
    try:
        token = await client.authorize_access_token(request)
    except MismatchingStateError:
        raise MyIdError("the login state does not match; start again") from None
    except OAuthError as exc:
        raise MyIdError(f"MyID refused the code: {exc.error or 'error'}") from None
    except httpx.TimeoutException:
        raise MyIdError("MyID did not answer in time") from None
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        # e.g. a text/plain error body where JSON was due
        raise MyIdError("MyID's token answer was not understood") from None
    if not isinstance(token, dict) or not token.get("access_token"):
        raise MyIdError("MyID sent no access token")
    endpoints = MyIdEndpoints.at(product_of(request).settings.myid_base_url)
    try:
        response = await client.get(endpoints.userinfo_url, token=token)
    except httpx.TimeoutException:
        raise MyIdError("MyID did not answer in time") from None
    except (httpx.HTTPError, OAuthError):
        raise MyIdError("MyID could not be reached") from None
    if response.status_code != 200:
        raise MyIdError(f"MyID refused the profile request ({response.status_code})")
    try:
        body = response.json()
    except ValueError:
        raise MyIdError("MyID's profile answer was not JSON") from None
    return person_from_userinfo(body)


def _store_login(request: Request, person: MyIdPerson) -> tuple[str, str, bool]:
    """Create or update the user and open its session, in one transaction."""
    product = product_of(request)
    auth = auth_of(product)
    with product.session_factory() as session, session.begin():
        user = session.scalar(select(User).where(User.pinfl == person.pinfl))
        created = user is None
        if user is None:
            user = add_user(
                session,
                auth.policy,
                f"myid.{person.pinfl}",
                role="client",
                pinfl=person.pinfl,
                full_name=person.full_name,
                actor="system:myid",
            )
        if not user.active:
            raise MyIdError("this account is disabled")
        user.full_name = person.full_name
        user.phone = person.phone or user.phone
        user.email = person.email or user.email
        user.last_login_at = datetime.now(UTC)
        sid = auth.tokens.open_web_session(session, user)
        record_event(
            session, actor=f"user:{user.username}", action="login.succeeded", method="myid"
        )
        username = user.username
    if created:
        auth.policy.load()
    return username, sid, created


def _record_failure(request: Request, reason: str) -> None:
    with product_of(request).session_factory() as session, session.begin():
        record_event(
            session, actor="anonymous", action="login.failed", method="myid", reason=reason
        )


@router.get("/auth/myid/callback", response_model=MyIdLoginOut, responses=UPSTREAM)
async def myid_callback(
    request: Request,
    _anyone: Annotated[Principal, Depends(authorize("login", "read"))],
) -> MyIdLoginOut:
    """Where MyID sends the person back; answers with the logged-in username."""
    client = _client(request)
    try:
        person = await _person(request, client)
        username, sid, created = await run_in_threadpool(_store_login, request, person)
    except MyIdError as exc:
        await run_in_threadpool(_record_failure, request, exc.reason)
        status = 502 if "answer" in exc.reason or "reached" in exc.reason else 401
        raise HTTPException(status, f"MyID login failed: {exc.reason}") from None
    request.session[SESSION_COOKIE_KEY] = sid
    return MyIdLoginOut(username=username, created=created)
