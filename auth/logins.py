"""Logging in and out: local passwords (API tokens or a web session), refresh tokens, MyID
logins, and who the caller is (`me`).

Every attempt, failed or not, is audited in the caller's transaction. Password checks run
argon2 (tens of milliseconds): call these from a worker thread, never from an event loop.
Before any hash runs, the throttle (auth/throttle.py) may refuse the attempt
(`LoginThrottled`); a hash that waited too long for one of the process's slots raises
`PasswordHashingBusy` (auth/passwords.py). `refuse_early` is the throttle's memory alone, cheap
enough for an event loop, so a door can turn a flood away before it takes a thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .access import AccessControl
from .audit import record_event
from .models import User
from .myid import MyIdError, MyIdPerson
from .passwords import needs_rehash, rehash_password, verify_password
from .principal import GLOBAL_DOMAIN, Permission, Principal
from .throttle import LoginThrottle
from .tokens import TokenError, TokenPair, TokenService
from .users import add_user

LOGIN = Permission("login", "read")
ME = Permission("me", "read")


@dataclass(frozen=True)
class Me:
    username: str
    role: str
    roles: tuple[str, ...]
    partner: str | None
    full_name: str | None
    phone: str | None
    email: str | None
    has_myid: bool


@dataclass(frozen=True)
class MyIdLogin:
    username: str
    session_id: str
    created: bool


class Logins:
    def __init__(
        self,
        access: AccessControl,
        tokens: TokenService,
        throttle: LoginThrottle | None = None,
    ) -> None:
        self._access = access
        self.tokens = tokens
        self.throttle = throttle or LoginThrottle()

    # --- identifying callers -------------------------------------------------------------------

    def principal_of_token(self, session: Session, access_token: str) -> Principal:
        """The principal behind a bearer access token; TokenError if it is not valid (a token
        that is present but invalid is refused, never treated as anonymous)."""
        claims = self.tokens.claims(access_token)
        return self.principal_of_session(session, str(claims["sid"]), str(claims["sub"]))

    def principal_of_session(
        self, session: Session, sid: str, username: str | None = None
    ) -> Principal:
        """The principal of a live login session (cookie or token family); TokenError if it
        ended, expired or belongs to a disabled account."""
        user = self.tokens.live_user(session, sid, username)
        domain = user.partner or GLOBAL_DOMAIN
        roles = self._access.roles_of(user.username, domain)
        return Principal(user.username, user.id, user.partner, roles, session_id=sid)

    def me(self, session: Session, principal: Principal) -> Me:
        self._access.require(principal, ME)
        user = session.get(User, principal.user_id) if principal.user_id is not None else None
        if user is None:
            raise TokenError("no such user")
        return Me(
            username=user.username,
            role=principal.role,
            roles=principal.roles,
            partner=user.partner,
            full_name=user.full_name,
            phone=user.phone,
            email=user.email,
            has_myid=user.pinfl is not None,
        )

    # --- passwords -----------------------------------------------------------------------------

    def refuse_early(self, username: str, client: str | None) -> None:
        """LoginThrottled if this process already knows the attempt would be refused: memory
        only, no query and no hash, so a door may call it on its event loop."""
        self.throttle.refuse_early(username, client)

    def _check_password(
        self,
        session: Session,
        username: str,
        password: str,
        *,
        client: str | None,
        **context: str | None,
    ) -> User | None:
        self.throttle.check(session, username, client)  # LoginThrottled: no hash runs
        user = session.scalar(select(User).where(User.username == username))
        # verify_password runs even for an unknown name: the timing says nothing.
        ok = verify_password(user.password_hash if user else None, password)
        if user is None or not ok or not user.active:
            record_event(
                session, actor=f"user:{username}", action="login.failed", client=client, **context
            )
            self.throttle.failed(session, username, client)
            return None
        rehashed: dict[str, Any] = {}
        if user.password_hash is not None and needs_rehash(user.password_hash):
            # Made with other parameters than today's: store the password's hash anew.
            user.password_hash = rehash_password(password)
            rehashed["rehashed"] = True
        user.last_login_at = datetime.now(UTC)
        record_event(
            session,
            actor=f"user:{username}",
            action="login.succeeded",
            client=client,
            **context,
            **rehashed,
        )
        return user

    def password_for_tokens(
        self,
        session: Session,
        principal: Principal,
        username: str,
        password: str,
        *,
        client: str | None,
    ) -> TokenPair | None:
        """OAuth2 password grant: a token pair, or None for a wrong username or password."""
        self._access.require(principal, LOGIN)
        user = self._check_password(session, username, password, client=client, method="password")
        return self.tokens.open_api_session(session, user) if user is not None else None

    def password_for_web(
        self,
        session: Session,
        principal: Principal,
        username: str,
        password: str,
        *,
        client: str | None = None,
    ) -> str | None:
        """A web login session id for a local account, or None."""
        self._access.require(principal, LOGIN)
        user = self._check_password(session, username, password, client=client, via="console")
        return self.tokens.open_web_session(session, user) if user is not None else None

    def refresh(self, principal: Principal, refresh_token: str) -> TokenPair:
        """A new token pair for a refresh token (in its own transaction: a detected reuse must
        stay revoked even though the caller is refused)."""
        self._access.require(principal, LOGIN)
        return self.tokens.refresh(refresh_token)

    def logout(self, session: Session, principal: Principal) -> None:
        """End this login: its access and refresh tokens (or its cookie) stop working."""
        self._access.require(principal, ME)
        if principal.session_id is None:
            raise TokenError("not logged in")
        self.tokens.revoke(session, principal.session_id, "logout")
        record_event(session, actor=principal.actor, action="logout")

    def end_web_session(self, session: Session, sid: str) -> None:
        """The console's logout: end the cookie's session, whoever it belonged to."""
        self.tokens.revoke(session, sid, "logout")

    # --- MyID ----------------------------------------------------------------------------------

    def myid(self, session: Session, principal: Principal, person: MyIdPerson) -> MyIdLogin:
        """Create or update the person's user (role client on first login) and open a web
        session, in the caller's transaction."""
        self._access.require(principal, LOGIN)
        user = session.scalar(select(User).where(User.pinfl == person.pinfl))
        created = user is None
        if user is None:
            user = add_user(
                session,
                self._access.policy,
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
        sid = self.tokens.open_web_session(session, user)
        record_event(
            session, actor=f"user:{user.username}", action="login.succeeded", method="myid"
        )
        return MyIdLogin(user.username, sid, created)

    @staticmethod
    def myid_failed(session: Session, reason: str) -> None:
        record_event(
            session, actor="anonymous", action="login.failed", method="myid", reason=reason
        )
