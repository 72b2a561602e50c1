"""Typed errors of the PKI. Each carries a short machine `code` and a one-line message.

The edges (CLI, HTTP, OCPP) turn these into a clear line, a 4xx or a CALLERROR; nothing here
ever needs a traceback to be understood.
"""

from __future__ import annotations

from enum import StrEnum

from auth.errors import Conflict, NotFound, ServiceError


class PkiError(ServiceError):
    code = "pki_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)


class CsrRejected(PkiError):
    """The certificate signing request cannot be used: nothing was signed or stored."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class UnknownProfile(PkiError):
    code = "unknown_profile"


class UnknownAuthority(PkiError, NotFound):
    code = "unknown_ca"


class IssuerNotAllowed(PkiError):
    """The CA named (or the profile's default) may not sign this profile: a profile is issued
    only by the CAs its data names (certs/profiles.toml `issuers`); nothing was stored."""

    code = "issuer_not_allowed"


class UnknownCertificate(PkiError, NotFound):
    code = "unknown_serial"


class InvalidSerial(PkiError):
    code = "serial"


class ProfileViolation(PkiError):
    """A built certificate does not match its profile; it was not signed."""

    code = "profile_violation"


class AlreadyRevoked(PkiError, Conflict):
    code = "already_revoked"


class TrustAnchorRejected(PkiError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class UnknownTrustAnchor(PkiError, NotFound):
    code = "unknown_anchor"


class KeyStoreError(PkiError):
    code = "key_store"


class NotInitialised(PkiError):
    code = "not_initialised"


class ValidationReason(StrEnum):
    """Why a certificate path did not validate (or `valid`)."""

    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    UNKNOWN_ISSUER = "unknown_issuer"
    BAD_SIGNATURE = "bad_signature"
    PROFILE_VIOLATION = "profile_violation"
    MALFORMED = "malformed"
