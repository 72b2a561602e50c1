"""The product's own tokens: short-lived JWT access tokens and rotating refresh tokens.

Access tokens are HS256 JWTs with an explicit issuer and audience, verified with exactly that
algorithm. Each names its login session (`sid`); the session row is checked on every request,
so logging out (or a detected refresh-token theft) ends every token of that login at once.

Refresh tokens are opaque: `<sid>.<generation>.<nonce>.<mac>`, where `mac` is an HMAC of
(sid, generation, nonce) under a key derived from the token key. Each use returns a new one and
makes the old one worthless; the database keeps only a hash of the current one. An earlier
generation coming back is the mark of a stolen token (RFC 9700 §4.14.2) and revokes the whole
session, but only when its MAC proves the product issued it: the sid is in every access token,
so `<sid>.0.<anything>` must be a plain bad token, not a way to end someone's login. The MAC
recognises every earlier generation without storing any of them; it proves issuance, not
possession, which is all reuse detection asks (whoever holds an issued token either is the
client or stole it). Tokens issued before the MAC existed (`<sid>.<generation>.<secret>`) still
work while current; an earlier one of them is a bad token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .audit import record_event
from .models import LoginSession, User

ALGORITHM = "HS256"
AUDIENCE = "uzpnc-csms-api"


class TokenError(Exception):
    """Any reason a token is not accepted; the API answers 401 with `reason`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 type name


def _digest(sid: str, generation: int, secret: str) -> str:
    return hashlib.sha256(f"{sid}.{generation}.{secret}".encode()).hexdigest()


def _derive(key: bytes, purpose: bytes) -> bytes:
    return hmac.new(key, purpose, hashlib.sha256).digest()


class TokenService:
    def __init__(
        self,
        session_factory: Callable[[], Session],
        key: bytes,
        *,
        issuer: str,
        access_ttl: timedelta = timedelta(minutes=15),
        refresh_ttl: timedelta = timedelta(days=14),
        web_ttl: timedelta = timedelta(hours=12),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if len(key) < 32:
            raise ValueError("the token signing key needs at least 32 bytes")
        self._session_factory = session_factory
        self._key = key
        # A key of its own for refresh-token MACs: never the bytes that sign access tokens.
        self._refresh_key = _derive(key, b"uzpnc-csms refresh token issuance")
        self.issuer = issuer
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self.web_ttl = web_ttl
        self._clock = clock

    # --- issuing ----------------------------------------------------------------------------

    def _mac(self, sid: str, generation: int, nonce: str) -> str:
        message = f"{sid}.{generation}.{nonce}".encode()
        digest = hmac.new(self._refresh_key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def _new_secret(self, sid: str, generation: int) -> str:
        """`<nonce>.<mac>`: the part of a refresh token after `<sid>.<generation>.`."""
        nonce = secrets.token_urlsafe(32)
        return f"{nonce}.{self._mac(sid, generation, nonce)}"

    def _was_issued(self, sid: str, generation: int, secret: str) -> bool:
        """Whether this product issued `<sid>.<generation>.<secret>` (its MAC checks out)."""
        nonce, dot, mac = secret.partition(".")
        if not dot or not nonce or "." in mac:
            return False
        return hmac.compare_digest(mac.encode(), self._mac(sid, generation, nonce).encode())

    def open_api_session(self, session: Session, user: User) -> TokenPair:
        """A new token family for `user`, in the caller's transaction."""
        now = self._clock()
        sid = secrets.token_urlsafe(32)
        secret = self._new_secret(sid, 0)
        session.add(
            LoginSession(
                id=sid,
                user_id=user.id,
                kind="api",
                generation=0,
                refresh_hash=_digest(sid, 0, secret),
                created_at=now,
                expires_at=now + self.refresh_ttl,
            )
        )
        return TokenPair(self.access_token(user.username, sid), f"{sid}.0.{secret}", self.ttl)

    def open_web_session(self, session: Session, user: User) -> str:
        """A cookie login (MyID): the session id the signed cookie carries."""
        now = self._clock()
        sid = secrets.token_urlsafe(32)
        session.add(
            LoginSession(
                id=sid,
                user_id=user.id,
                kind="web",
                generation=0,
                refresh_hash=None,
                created_at=now,
                expires_at=now + self.web_ttl,
            )
        )
        return sid

    @property
    def ttl(self) -> int:
        return int(self.access_ttl.total_seconds())

    def access_token(self, username: str, sid: str) -> str:
        now = self._clock()
        claims = {
            "iss": self.issuer,
            "aud": AUDIENCE,
            "sub": username,
            "sid": sid,
            "iat": now,
            "nbf": now,
            "exp": now + self.access_ttl,
            "jti": secrets.token_urlsafe(12),
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)

    # --- checking ---------------------------------------------------------------------------

    def claims(self, token: str) -> dict[str, object]:
        try:
            return jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=self.issuer,
                options={"require": ["exp", "iat", "sub", "sid", "aud", "iss"]},
            )
        except jwt.ExpiredSignatureError:
            raise TokenError("token expired") from None
        except jwt.InvalidAudienceError:
            raise TokenError("token for another audience") from None
        except jwt.InvalidIssuerError:
            raise TokenError("token from another issuer") from None
        except jwt.InvalidSignatureError:
            raise TokenError("bad token signature") from None
        except jwt.PyJWTError:
            raise TokenError("malformed token") from None

    def live_user(self, session: Session, sid: str, username: str | None = None) -> User:
        """The user of a login session that is neither revoked nor expired."""
        row = session.execute(
            select(User, LoginSession.revoked_at, LoginSession.expires_at)
            .join(LoginSession, LoginSession.user_id == User.id)
            .where(LoginSession.id == sid)
        ).first()
        if row is None:
            raise TokenError("unknown session")
        user, revoked_at, expires_at = row
        if revoked_at is not None:
            raise TokenError("session ended")
        if expires_at <= self._clock():
            raise TokenError("session expired")
        if not user.active:
            raise TokenError("account disabled")
        if username is not None and user.username != username:
            raise TokenError("token and session disagree")
        return user

    # --- rotation and revocation ------------------------------------------------------------

    def refresh(self, refresh_token: str) -> TokenPair:
        try:
            sid, generation_text, secret = refresh_token.split(".", 2)
            generation = int(generation_text)
        except ValueError:
            raise TokenError("malformed refresh token") from None
        reused = False
        with self._session_factory() as session, session.begin():
            login = session.get(LoginSession, sid, with_for_update=True)
            if login is None or login.kind != "api":
                raise TokenError("unknown session")
            if login.revoked_at is not None:
                raise TokenError("session ended")
            if login.expires_at <= self._clock():
                raise TokenError("session expired")
            presented = _digest(sid, generation, secret)
            if generation == login.generation and hmac.compare_digest(
                presented, login.refresh_hash or ""
            ):
                user = session.get(User, login.user_id)
                if user is None or not user.active:
                    raise TokenError("account disabled")
                login.generation += 1
                new_secret = self._new_secret(sid, login.generation)
                login.refresh_hash = _digest(sid, login.generation, new_secret)
                return TokenPair(
                    self.access_token(user.username, sid),
                    f"{sid}.{login.generation}.{new_secret}",
                    self.ttl,
                )
            earlier = 0 <= generation < login.generation
            if not (earlier and self._was_issued(sid, generation, secret)):
                # Never issued (a guess, a forgery, a mangled copy): the login is untouched.
                raise TokenError("bad refresh token")
            # An earlier refresh token this product really issued came back: someone kept a
            # copy. End the login for everyone holding any of its tokens.
            self._revoke(session, login, "refresh_reuse")
            owner = session.get(User, login.user_id)
            record_event(
                session,
                actor=f"user:{owner.username}" if owner is not None else "anonymous",
                action="login.refresh_reused",
                generation=generation,
                current=login.generation,
            )
            reused = True
        # Committed above: the revocation must outlive this refusal.
        assert reused
        raise TokenError("refresh token reused; session revoked")

    def revoke(self, session: Session, sid: str, reason: str) -> None:
        login = session.get(LoginSession, sid)
        if login is not None and login.revoked_at is None:
            self._revoke(session, login, reason)

    def revoke_user(
        self, session: Session, user_id: int, reason: str, *, keep: str | None = None
    ) -> None:
        """End every login of a user (but `keep`, the caller's own, when given)."""
        query = update(LoginSession).where(
            LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None)
        )
        if keep is not None:
            query = query.where(LoginSession.id != keep)
        session.execute(query.values(revoked_at=self._clock(), revoked_reason=reason))

    def _revoke(self, session: Session, login: LoginSession, reason: str) -> None:
        login.revoked_at = self._clock()
        login.revoked_reason = reason
