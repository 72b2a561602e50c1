"""What one Plug & Charge exchange leaves for an operator to read: the trace that the OCPP
handler opens and the contract service fills as it decides (Get15118EVCertificate,
Authorize with a contract, GetCertificateStatus, SignCertificate).

The trace travels in a context variable rather than through every signature of the CPS and
the authorizer: the OCPP handler activates it before it hands the work to a worker thread
(`asyncio.to_thread` copies the context), and code that has something to say asks
`current_trace()`, which is None when nobody is listening (the CLI, publishing, tests of
the contract service alone). Filling a trace never changes a decision and never raises into
the flow that fills it.

Never recorded: private keys. An installation's response carries the contract key encrypted
to the car; the readable form keeps only "encrypted private key, N bytes".
"""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from iso15118.exi.errors import ExiError
from iso15118.exi.schemas import codec
from pki.validation import ChainExamination, PathValidator

log = logging.getLogger(__name__)

INSTALLATION = "installation"
AUTHORIZE = "authorize"
CERTIFICATE_STATUS = "certificate-status"
SIGN_CERTIFICATE = "sign-certificate"
KINDS = (INSTALLATION, AUTHORIZE, CERTIFICATE_STATUS, SIGN_CERTIFICATE)

# A decoded message is a few kB; a hostile one may be anything its OCPP bound allows. What is
# kept is cut here, with a marker saying how much was left out.
MAX_TEXT = 16_000
MAX_DETAIL = 1_000
MAX_CERTIFICATES = 8
TRUNCATED = "\n… [truncated: {n} more characters]"

_active: ContextVar[PncTrace | None] = ContextVar("pnc_trace", default=None)


def bounded(text: str, limit: int = MAX_TEXT) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + TRUNCATED.format(n=len(text) - limit)


@dataclass
class PncTrace:
    """One exchange as it happened. Filled by whoever handles it; written by the OCPP core
    (csms/ocpp/diagnostics.py)."""

    kind: str
    station_id: str
    ocpp_version: str
    request_id: str | None = None
    action: str | None = None  # Install | Update for installations
    pcid: str | None = None
    emaid: str | None = None
    request_text: str | None = None  # readable: JSON of the decoded EXI, or the OCPP fields
    response_text: str | None = None
    certificates: list[dict[str, Any]] = field(default_factory=list)
    root: str | None = None
    status: str | None = None  # what the station was told (OCPP status / ISO response code)
    reason_code: str | None = None
    detail: str | None = None  # for operators: the internal why
    timings: dict[str, float] = field(default_factory=dict)  # step -> milliseconds
    started: float = field(default_factory=time.perf_counter)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Times one step (decode, chain, ocsp, signing, encode, …); repeated steps add up."""
        begun = time.perf_counter()
        try:
            yield
        finally:
            spent = (time.perf_counter() - begun) * 1000
            self.timings[name] = round(self.timings.get(name, 0.0) + spent, 3)

    def finish(self) -> None:
        self.timings["total"] = round((time.perf_counter() - self.started) * 1000, 3)

    def outcome(self, status: str, reason_code: str | None, detail: str | None) -> None:
        self.status = status
        self.reason_code = reason_code
        self.detail = bounded(detail, MAX_DETAIL) if detail else None

    def examine(
        self,
        validator: PathValidator,
        leaf: x509.Certificate,
        chain: Sequence[x509.Certificate] = (),
    ) -> None:
        """Each certificate's verdict on the chain `validator` judged."""
        try:
            with self.step("diagnosis"):
                found = validator.examine(leaf, chain)
        except Exception:  # the diagnosis must never break the decision it describes
            log.exception("examining a chain for diagnostics failed")
            return
        self.chain_examined(found)

    def chain_examined(self, found: ChainExamination) -> None:
        self.root = found.root
        self.certificates = [
            {
                "subject": v.subject,
                "issuer": v.issuer,
                "serial": v.serial,
                "not_before": v.not_before.isoformat(),
                "not_after": v.not_after.isoformat(),
                "validity": v.validity,
                "profile": v.profile,
                "revocation": v.revocation,
                "revocation_source": v.revocation_source,
                "anchor": v.anchor,
            }
            for v in found.certificates[:MAX_CERTIFICATES]
        ]

    def exi(self, which: str, schema: str, data: bytes) -> None:
        """The readable form of an EXI message, `which` is request or response."""
        text = readable_exi(schema, data)
        if which == "request":
            self.request_text = text
        else:
            self.response_text = text

    def fields(self, which: str, payload: dict[str, Any]) -> None:
        """The readable form of an OCPP payload (messages without EXI)."""
        text = bounded(json.dumps(_redacted(payload), indent=2, ensure_ascii=False, default=str))
        if which == "request":
            self.request_text = text
        else:
            self.response_text = text


def current_trace() -> PncTrace | None:
    return _active.get()


def step(name: str) -> AbstractContextManager[None]:
    """Times a step of the active trace; nothing when none is active."""
    trace = _active.get()
    return trace.step(name) if trace is not None else nullcontext()


def note(*, pcid: str | None = None, emaid: str | None = None) -> None:
    """What the handling learnt about the car and its contract, for the active trace."""
    trace = _active.get()
    if trace is None:
        return
    if pcid is not None:
        trace.pcid = pcid
    if emaid is not None:
        trace.emaid = emaid


def examine(
    validator: PathValidator, leaf: x509.Certificate, chain: Sequence[x509.Certificate] = ()
) -> None:
    """Each certificate's verdict, for the active trace (timed as `diagnosis`: the decision's
    own check is timed as `chain`)."""
    trace = _active.get()
    if trace is not None:
        trace.examine(validator, leaf, chain)


def exi(which: str, schema: str, data: bytes) -> None:
    trace = _active.get()
    if trace is not None:
        with trace.step("diagnosis"):
            trace.exi(which, schema, data)


@contextmanager
def activated(trace: PncTrace) -> Iterator[PncTrace]:
    token = _active.set(trace)
    try:
        yield trace
    finally:
        _active.reset(token)


def readable_exi(schema: str, data: bytes) -> str:
    """An ISO 15118 message as indented JSON (binary values base64, private keys only their
    size); what cannot be decoded is said so, with its size."""
    try:
        tree = codec(schema).decode(data)
    except (ExiError, ValueError, KeyError) as exc:
        return f"(not a decodable {schema} message, {len(data)} bytes: {exc})"
    return bounded(json.dumps(_redacted(tree), indent=2, ensure_ascii=False))


CERTIFICATE_FIELDS = frozenset({"Certificate", "OEMProvisioningCert"})


def _redacted(value: Any, key: str = "") -> Any:
    if "privatekey" in key.lower().replace("_", ""):
        return f"encrypted private key, {_size(value)} bytes"
    if isinstance(value, dict):
        return {k: _redacted(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v, key) for v in value]
    if isinstance(value, bytes):
        if key in CERTIFICATE_FIELDS:
            return _certificate(value)
        return base64.b64encode(value).decode("ascii")
    return value


def _certificate(der: bytes) -> Any:
    """A certificate a message carries, as a person reads it (and its DER, base64)."""
    text = base64.b64encode(der).decode("ascii")
    try:
        certificate = x509.load_der_x509_certificate(der)
        return {
            "subject": certificate.subject.rfc4514_string(),
            "issuer": certificate.issuer.rfc4514_string(),
            "serial": f"{certificate.serial_number:X}",
            "notBefore": certificate.not_valid_before_utc.isoformat(),
            "notAfter": certificate.not_valid_after_utc.isoformat(),
            "der": text,
        }
    except ValueError:
        return text


def _size(value: Any) -> int:
    if isinstance(value, bytes):
        return len(value)
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_size(v) for k, v in value.items() if k != "Id")
    if isinstance(value, list):
        return sum(_size(v) for v in value)
    return 0
