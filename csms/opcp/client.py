"""A client of Hubject's Open Plug & Charge services (OPCP 1.0, ../reference/opcp in the docs).

One `OpcpClient` per process, shared by every thread (httpx.Client is thread-safe; the token
is guarded by a lock). What it does for every call:
- an OAuth2 client-credentials token (accessToken.v1.json: a JSON body with client_id,
  client_secret, audience and grant_type), cached until shortly before it expires, fetched
  again once when a service answers 401;
- one deadline for the whole call (token, retries and back-off included), never a timeout
  per attempt that could add up to more than the caller can wait;
- retries with exponential back-off and jitter, only when asked to retry (the caller knows
  whether the operation is safe to repeat) and only on what a retry can fix: no connection,
  a timeout of one attempt with time left, 429, 502, 503, 504;
- a typed `OpcpError` for everything else, never an httpx exception;
- an audit row (operation, method, path, HTTP status, outcome, duration; never a secret or a
  token) and the metrics csms_opcp_calls / csms_opcp_seconds.
"""

from __future__ import annotations

import base64
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs7

from ..metrics import OPCP_CALLS, OPCP_SECONDS

log = logging.getLogger("csms.opcp")

# Answers larger than this are refused unread: a root list of a few hundred roots, a chain of
# four certificates or one signed contract fit many times over.
MAX_ANSWER_BYTES = 1024 * 1024
RETRYABLE_STATUS = frozenset({429, 502, 503, 504})
# A token is fetched again this long before the service would stop honouring it.
TOKEN_MARGIN_SECONDS = 30.0


class _TokenFailed(Exception):
    """Internal: the token could not be had this attempt (the failure is already set)."""


class OpcpError(Exception):
    """An OPCP call that did not give what was asked. `code` is one of: off, unauthorized,
    forbidden, not_found, rejected, unavailable, timeout, bad_answer."""

    def __init__(self, code: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class OpcpSettings:
    base_url: str
    token_url: str
    client_id: str
    client_secret: str
    audience: str
    timeout_seconds: float = 10.0
    max_retries: int = 3
    backoff_seconds: float = 0.1


@dataclass(frozen=True)
class RcpRoot:
    """One root of the Root Certificate Pool (rcp.v1.json RootCertV2)."""

    root_certificate_id: str
    root_type: str | None  # V2G | MO | OEM | PE, when the pool says
    certificate: x509.Certificate


# (operation, method, path, HTTP status or None, outcome, milliseconds)
OpcpAudit = Callable[[str, str, str, int | None, str, float], None]


@dataclass
class _Token:
    value: str
    renew_at: float  # time.monotonic()


class OpcpClient:
    def __init__(
        self,
        settings: OpcpSettings,
        *,
        audit: OpcpAudit | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._settings = settings
        self._audit = audit
        self._http = httpx.Client(
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": "uz-pnc-csms"},
        )
        self._token: _Token | None = None
        self._token_lock = threading.Lock()

    @property
    def settings(self) -> OpcpSettings:
        return self._settings

    def close(self) -> None:
        self._http.close()

    # --- the one way every call goes ---------------------------------------------------------

    def call(
        self,
        operation: str,
        method: str,
        path: str,
        *,
        json: object | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        timeout: float | None = None,
        retries: int | None = None,
    ) -> httpx.Response:
        """Send one request to the OPCP base URL and return a 2xx answer, or raise OpcpError.
        `timeout` is the deadline of the whole call; `retries` how many more attempts a
        retryable failure may get (default: none; pass it for operations safe to repeat)."""
        started = time.monotonic()
        deadline = started + (timeout if timeout is not None else self._settings.timeout_seconds)
        status: int | None = None
        outcome = "ok"
        try:
            response = self._attempts(
                method,
                path,
                json=json,
                content=content,
                headers=headers or {},
                params=params,
                deadline=deadline,
                retries=retries or 0,
            )
            status = response.status_code
            return response
        except OpcpError as exc:
            status, outcome = exc.status, exc.code
            raise
        finally:
            elapsed = time.monotonic() - started
            OPCP_CALLS.labels(operation=operation, outcome=outcome).inc()
            OPCP_SECONDS.labels(operation=operation).observe(elapsed)
            level = logging.INFO if outcome == "ok" else logging.WARNING
            log.log(
                level,
                "opcp %s %s %s -> %s %s in %.0f ms",
                operation,
                method,
                path,
                status,
                outcome,
                elapsed * 1000,
            )
            if self._audit is not None:
                try:
                    self._audit(operation, method, path, status, outcome, elapsed * 1000)
                except Exception:  # the audit must not turn an answer into a failure
                    log.exception("opcp: could not audit %s", operation)

    def _attempts(
        self,
        method: str,
        path: str,
        *,
        json: object | None,
        content: bytes | None,
        headers: dict[str, str],
        params: dict[str, str] | None,
        deadline: float,
        retries: int,
    ) -> httpx.Response:
        url = self._settings.base_url.rstrip("/") + path
        refreshed = False
        attempt = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise OpcpError("timeout", f"{method} {path}: no answer within the deadline")
            failure: OpcpError | None = None
            try:
                token = self._bearer(deadline)
            except OpcpError as exc:
                if exc.code == "unauthorized":
                    raise
                failure, token = exc, ""
            try:
                if failure is not None:
                    raise _TokenFailed
                response = self._http.request(
                    method,
                    url,
                    json=json,
                    content=content,
                    params=params,
                    headers={**headers, "Authorization": f"Bearer {token}"},
                    timeout=deadline - time.monotonic(),
                )
            except _TokenFailed:
                pass
            except httpx.TimeoutException:
                failure = OpcpError("timeout", f"{method} {path}: no answer within the deadline")
            except httpx.HTTPError as exc:
                failure = OpcpError("unavailable", f"{method} {path}: {type(exc).__name__}")
            else:
                if len(response.content) > MAX_ANSWER_BYTES:
                    raise OpcpError("bad_answer", f"{method} {path}: answer too large")
                if response.status_code == 401 and not refreshed:
                    refreshed = True  # the token may have been revoked early: one new token
                    self._forget_token(token)
                    continue
                if response.is_success:
                    return response
                failure = _status_error(method, path, response)
            assert failure is not None
            if failure.code not in ("timeout", "unavailable") or attempt >= retries:
                raise failure
            if failure.status is not None and failure.status not in RETRYABLE_STATUS:
                raise failure
            attempt += 1
            pause = self._settings.backoff_seconds * (2 ** (attempt - 1))
            pause *= 0.5 + random.random()  # noqa: S311 (jitter: nodes retrying together spread out)
            if time.monotonic() + pause >= deadline:
                raise failure
            time.sleep(pause)

    # --- the token ---------------------------------------------------------------------------

    def _bearer(self, deadline: float) -> str:
        with self._token_lock:
            token = self._token
            if token is not None and time.monotonic() < token.renew_at:
                return token.value
            self._token = self._fetch_token(deadline)
            return self._token.value

    def _forget_token(self, value: str) -> None:
        with self._token_lock:
            if self._token is not None and self._token.value == value:
                self._token = None

    def _fetch_token(self, deadline: float) -> _Token:
        s = self._settings
        try:
            response = self._http.post(
                s.token_url,
                json={
                    "client_id": s.client_id,
                    "client_secret": s.client_secret,
                    "audience": s.audience,
                    "grant_type": "client_credentials",
                },
                timeout=max(0.001, deadline - time.monotonic()),
            )
        except httpx.TimeoutException:
            raise OpcpError("timeout", "the token endpoint did not answer in time") from None
        except httpx.HTTPError as exc:
            raise OpcpError("unavailable", f"the token endpoint: {type(exc).__name__}") from None
        if response.status_code in (400, 401, 403):
            raise OpcpError(
                "unauthorized",
                f"the token endpoint refused the client credentials ({response.status_code})",
                status=response.status_code,
            )
        if not response.is_success:
            raise _status_error("POST", "token", response)
        body = _json(response, "the token endpoint")
        value, expires_in = body.get("access_token"), body.get("expires_in")
        if not isinstance(value, str) or not value or not isinstance(expires_in, int | float):
            raise OpcpError("bad_answer", "the token endpoint's answer lacks a token or expiry")
        # Renew shortly before expiry; a very short-lived token is renewed at half its life.
        life = float(expires_in)
        margin = min(TOKEN_MARGIN_SECONDS, life / 2)
        return _Token(value, time.monotonic() + life - margin)

    # --- the operations ----------------------------------------------------------------------

    def root_certificates(self, root_type: str | None = None) -> list[RcpRoot]:
        """Every root of the Root Certificate Pool (GET /v1/root/rootCerts), optionally of one
        type (v2g, mo, oem). Entries whose certificate cannot be read are skipped and logged:
        one bad entry must not keep the others out."""
        params = {"rootType": root_type} if root_type else None
        response = self.call("rcp.roots", "GET", "/v1/root/rootCerts", params=params, retries=2)
        body = _json(response, "the Root Certificate Pool")
        collection = body.get("RootCertificateCollection")
        entries = collection.get("rootCertificates") if isinstance(collection, dict) else None
        if not isinstance(entries, list):
            raise OpcpError("bad_answer", "the Root Certificate Pool's answer has no root list")
        roots: list[RcpRoot] = []
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            try:
                certificate = x509.load_der_x509_certificate(
                    base64.b64decode(str(entry.get("caCertificate", "")), validate=True)
                )
            except ValueError:
                log.warning(
                    "opcp: RCP root %s is not a certificate", entry.get("rootCertificateId")
                )
                continue
            roots.append(
                RcpRoot(
                    str(entry.get("rootCertificateId", "")),
                    entry.get("rootType") if isinstance(entry.get("rootType"), str) else None,
                    certificate,
                )
            )
        return roots

    def simple_enroll(
        self, ca: str, iso_version: str, csr_der: bytes, *, timeout: float | None = None
    ) -> list[x509.Certificate]:
        """EST simpleenroll (est.v1.json): the base64 PKCS#10 in, a base64 PKCS#7 certs-only
        out; returned leaf first, then its CAs as the pool sent them. Not retried here: the
        caller's job retries the whole enrollment with its own back-off."""
        response = self.call(
            "est.simpleenroll",
            "POST",
            f"/.well-known/est/{ca}/simpleenroll/{iso_version}",
            content=base64.b64encode(csr_der),
            headers={"Content-Type": "application/pkcs10"},
            timeout=timeout,
        )
        return _leaf_first(_pkcs7_certificates(response.content, "the EST enrollment"))

    def ca_certs(self, ca: str, iso_version: str, algorithm: str) -> list[x509.Certificate]:
        response = self.call(
            "est.cacerts",
            "GET",
            f"/{ca}/cacerts/{iso_version}/{algorithm}/",
            headers={"Content-Transfer-Encoding": "application/pkcs10"},
            retries=2,
        )
        return _pkcs7_certificates(response.content, "the EST CA certificates")

    def signed_contract_data(
        self, installation_request_b64: str, namespace: str, *, timeout: float
    ) -> list[tuple[str, str | None]]:
        """CCP getSignedContractData (POST /v1/ccp/signedContractData): the car's
        CertificateInstallationReq (base64 EXI) in; the pool's signed contract data out, as
        (certificateInstallationRes base64 EXI, eMAID) pairs; [] when the pool has none."""
        try:
            response = self.call(
                "ccp.get",
                "POST",
                "/v1/ccp/signedContractData",
                json={
                    "certificateInstallationReq": installation_request_b64,
                    "xsdMsgDefNamespace": namespace,
                },
                headers={"alwaysReturnEXI": "false"},
                timeout=timeout,
                retries=1,
            )
        except OpcpError as exc:
            if exc.code == "not_found":
                return []
            raise
        body = _json(response, "the Contract Certificate Pool")
        ccp = body.get("CCPResponse")
        entries = ccp.get("emaidContent") if isinstance(ccp, dict) else None
        if not isinstance(entries, list):
            raise OpcpError("bad_answer", "the Contract Certificate Pool's answer has no content")
        found: list[tuple[str, str | None]] = []
        for entry in entries:
            message = entry.get("messageDef") if isinstance(entry, dict) else None
            if isinstance(message, dict) and isinstance(
                message.get("certificateInstallationRes"), str
            ):
                emaid = message.get("emaid")
                found.append(
                    (
                        message["certificateInstallationRes"],
                        emaid if isinstance(emaid, str) else None,
                    )
                )
        return found

    def provisioning_certificates(self, pcid: str) -> list[x509.Certificate]:
        """PCP getProvisioningCertificate (GET /v1/oem/provCerts/{pcid}): the car's OEM
        provisioning certificate, then the sub-CAs the pool sent (sub-CA 2, sub-CA 1)."""
        # `broadcast` as the spec's default says; sent explicitly because the file declares
        # that default as the string "false" for a boolean (pcp.v1.json).
        response = self.call(
            "pcp.get",
            "GET",
            f"/v1/oem/provCerts/{quote(pcid, safe='')}",
            headers={"broadcast": "false"},
            retries=2,
        )
        body = _json(response, "the Provisioning Certificate Pool")
        message = body.get("OEMMessage")
        if not isinstance(message, dict):
            raise OpcpError("bad_answer", "the Provisioning Certificate Pool sent no OEMMessage")
        found: list[x509.Certificate] = []
        for field in ("vehicleCertificate", "subCA2Certificate", "subCA1Certificate"):
            value = message.get(field)
            if value is None and field == "subCA2Certificate":
                continue  # optional: an OEM hierarchy with one sub-CA
            try:
                found.append(
                    x509.load_der_x509_certificate(base64.b64decode(str(value), validate=True))
                )
            except ValueError:
                raise OpcpError(
                    "bad_answer", f"the Provisioning Certificate Pool's {field} is unreadable"
                ) from None
        return found

    def add_signed_contract_data(
        self, *, emaid: str, pcid: str, namespace: str, signed_xml: bytes
    ) -> None:
        """CCP addSignedContractData (PUT /v1/ccp/signedContractData): the CPS's XML, base64.
        Retried: the pool replaces the data of the same eMAID, so a repeat is harmless."""
        self.call(
            "ccp.add",
            "PUT",
            "/v1/ccp/signedContractData",
            json={
                "xsdMsgDefNamespace": namespace,
                "emaid": emaid,
                "pcid": pcid,
                "signedContractDataXML": base64.b64encode(signed_xml).decode(),
            },
            retries=2,
        )


def _status_error(method: str, path: str, response: httpx.Response) -> OpcpError:
    code = {
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
    }.get(response.status_code)
    if code is None:
        code = (
            "unavailable"
            if response.status_code >= 500 or response.status_code == 429
            else "rejected"
        )
    reason = _reason(response)
    return OpcpError(
        code,
        f"{method} {path}: {response.status_code}{': ' + reason if reason else ''}",
        status=response.status_code,
    )


def _reason(response: httpx.Response) -> str:
    """The pool's own words (errorMessages of its Error schema), cut short; never the body."""
    try:
        body = response.json()
    except ValueError:
        return ""
    messages = body.get("errorMessages") if isinstance(body, dict) else None
    if isinstance(messages, list):
        return "; ".join(str(m) for m in messages)[:300]
    return ""


def _json(response: httpx.Response, what: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        raise OpcpError("bad_answer", f"{what} did not answer with JSON") from None
    if not isinstance(body, dict):
        raise OpcpError("bad_answer", f"{what} answered with JSON that is not an object")
    return body


def _pkcs7_certificates(content: bytes, what: str) -> list[x509.Certificate]:
    try:
        data = base64.b64decode(b"".join(content.split()), validate=True)
        certificates = pkcs7.load_der_pkcs7_certificates(data)
    except ValueError:
        raise OpcpError("bad_answer", f"{what}: not a base64 PKCS#7 certs-only") from None
    if not certificates:
        raise OpcpError("bad_answer", f"{what}: no certificate in the answer")
    return certificates


def _leaf_first(certificates: list[x509.Certificate]) -> list[x509.Certificate]:
    """PKCS#7 is a SET: the order is not guaranteed. The leaf is the one that issued nothing
    else in the set; the rest follow from it upwards, as far as they chain."""
    issuers = {c.issuer for c in certificates if c.issuer != c.subject}
    leaves = [c for c in certificates if c.subject not in issuers]
    if len(leaves) != 1:
        raise OpcpError("bad_answer", "the enrolled chain has no single leaf")
    ordered = [leaves[0]]
    rest = [c for c in certificates if c is not leaves[0]]
    while rest:
        parent = next((c for c in rest if c.subject == ordered[-1].issuer), None)
        if parent is None:
            break
        ordered.append(parent)
        rest.remove(parent)
    return ordered
