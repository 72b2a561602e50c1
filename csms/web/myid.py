"""Browser login with MyID, shared by the API's `/auth/myid/*` and the console's callback.

`/auth/myid/login` sends the person to MyID; the callback exchanges the code (client secret in
the form body), reads `users/me`, and `auth.logins.Logins.myid` creates or updates the user
and opens a cookie session, in one transaction after MyID has answered, so nothing is ever
half-created. Every failure ends in one clear MyIdError and an audit row.
"""

from __future__ import annotations

import warnings
from typing import Any

import httpx
from authlib.deprecate import AuthlibDeprecationWarning
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError

with warnings.catch_warnings():
    # authlib 1.9 warns, on import, that its own httpx integration will move to the
    # `httpx2` package; nothing here can act on that, and every `csms` command would print it.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.starlette_client import OAuth
from fastapi import Request
from fastapi.responses import RedirectResponse

from auth.logins import Logins, MyIdLogin
from auth.myid import MyIdEndpoints, MyIdError, MyIdPerson, person_from_userinfo
from auth.principal import Principal

from ..settings import Settings
from .context import container_of, in_transaction
from .identity import SESSION_COOKIE_KEY


class MyIdNotConfigured(MyIdError):
    """No MyID client id is set: MyID login is off."""


class MyIdFlow:
    """authlib's client for MyID, configured from the settings (MyID login is off until a
    client id is set)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._endpoints = MyIdEndpoints.at(settings.myid_base_url)
        self._client: Any = None
        if settings.myid_client_id:
            oauth = OAuth()
            self._client = oauth.register(
                name="myid",
                client_id=settings.myid_client_id,
                client_secret=settings.myid_client_secret,
                authorize_url=self._endpoints.authorize_url,
                access_token_url=self._endpoints.token_url,
                authorize_params={"method": settings.myid_method},
                client_kwargs={
                    # MyID takes a comma-separated scope and the secret in the form body.
                    "scope": settings.myid_scopes,
                    "token_endpoint_auth_method": "client_secret_post",
                    "timeout": settings.myid_timeout,
                },
            )

    @property
    def configured(self) -> bool:
        return self._client is not None

    def _require(self) -> Any:
        if self._client is None:
            raise MyIdNotConfigured("MyID login is not configured")
        return self._client

    async def redirect(self, request: Request) -> RedirectResponse:
        """To MyID's authorization page (state kept in the signed session cookie)."""
        client = self._require()
        response: RedirectResponse = await client.authorize_redirect(
            request, self._settings.myid_redirect_url
        )
        return response

    async def person(self, request: Request) -> MyIdPerson:
        client = self._require()
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
        try:
            response = await client.get(self._endpoints.userinfo_url, token=token)
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


def myid_of(request: Request) -> MyIdFlow:
    flow = request.app.state.myid
    assert isinstance(flow, MyIdFlow)
    return flow


def upstream_failed(error: MyIdError) -> bool:
    """MyID itself failed or did not answer (502), as opposed to refusing the person (401)."""
    return "answer" in error.reason or "reached" in error.reason


async def complete_login(request: Request, principal: Principal) -> MyIdLogin:
    """The callback's work: the person from MyID, their user and session, the cookie set.
    Raises MyIdError (audited) when the login cannot complete."""
    logins: Logins = container_of(request).logins
    try:
        person = await myid_of(request).person(request)
        login = await in_transaction(request, lambda s: logins.myid(s, principal, person))
    except MyIdError as exc:
        reason = exc.reason
        await in_transaction(request, lambda s: Logins.myid_failed(s, reason))
        raise
    request.session[SESSION_COOKIE_KEY] = login.session_id
    return login
