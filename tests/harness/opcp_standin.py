"""A stand-in for Hubject's Open Plug & Charge services, for tests and benchmarks only.

Hubject's services cannot run here, so this plays them on a real HTTP socket, held to the
published API: every request is validated against the OpenAPI files in tests/data/opcp
(copied unchanged from hubject/opcp) with openapi-core before it is served, and one that does
not match gets 400 with the spec's Error shape ({errorMessages, traceId}); every service but
the token endpoint wants a bearer token the token endpoint issued and that has not expired.

Served: the token (accessToken.v1.json), the Root Certificate Pool's root list and single
root (rcp), the Contract Certificate Pool's getSignedContractData (ccp POST) and
addSignedContractData (ccp PUT), the Provisioning Certificate Pool's getProvisioningCertificate
(pcp GET), EST simpleenroll and cacerts (est). Its own PKI: a V2G root ("Stand-in V2G Root
CA") and two CPO sub-CAs that sign EST enrollments.

Deviations, each because the files contradict themselves or leave the format open:
- rcp's RootCertV2 declares maxProperties 1 but its own examples carry a dozen properties;
  the answers here carry the ones the example shows.
- ccp's PUT takes `signedContractDataXML` (the CPS's XML) while its POST answers EXI; the
  conversion is Hubject's own and unpublished. Here the XML is read with ElementTree (by the
  element names of the ISO 15118-2 schemas, nothing of the product's) and encoded with the
  product's EXI codec; the signature inside is not touched, so a car that verifies it over
  its own decoding of that EXI (Josev) checks what was published. A test may also set the
  pool's contents directly (`contracts[pcid]`) as EXI, as the POST returns them.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import uuid
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from openapi_core import Config, OpenAPI
from openapi_core.contrib.starlette import StarletteOpenAPIRequest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from iso15118 import decode_v2g_message, encode_v2g_message
from iso15118.messages import (
    CertificateChain,
    CertificateInstallationReq,
    CertificateInstallationRes,
    Header,
    IdentifiedValue,
    Reference,
    Signature,
    SignedInfo,
    V2GMessage,
)
from tests.pki.server import serving

# The files declare OAuth2 authorization-code flows with empty URLs, which openapi-core cannot
# check and says so on every request; the stand-in checks the bearer token itself.
warnings.filterwarnings("ignore", "Unsupported scheme type", UserWarning)

SPECS = Path(__file__).resolve().parent.parent / "data" / "opcp"
SERVICES = ("accessToken", "rcp", "ccp", "est", "pcp", "webhooks")
MAX_BODY = 64 * 1024


@dataclass
class SeenRequest:
    method: str
    path: str
    status: int
    refused: str | None = None  # why the stand-in refused it, if it did


@dataclass
class StandInPki:
    """The stand-in's own V2G root and the CPO sub-CAs its EST enrolls chargers under."""

    root: x509.Certificate
    cpo_sub1: x509.Certificate
    cpo_sub2: x509.Certificate
    _sub2_key: ec.EllipticCurvePrivateKey

    def enroll(self, csr: x509.CertificateSigningRequest, days: int = 365) -> x509.Certificate:
        now = datetime.now(UTC)
        return (
            x509.CertificateBuilder()
            .subject_name(csr.subject)
            .issuer_name(self.cpo_sub2.subject)
            .public_key(csr.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(True, False, True, False, True, False, False, False, False),
                critical=True,
            )
            .sign(self._sub2_key, hashes.SHA256())
        )


def _ca(
    cn: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Certificate | None,
    issuer_key: ec.EllipticCurvePrivateKey,
    path_length: int | None,
) -> x509.Certificate:
    now = datetime.now(UTC)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "OPCP Stand-in"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
            x509.NameAttribute(NameOID.DOMAIN_COMPONENT, "V2G"),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(issuer_key, hashes.SHA256())
    )


def make_pki() -> StandInPki:
    root_key, sub1_key, sub2_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    root = _ca("Stand-in V2G Root CA", root_key, None, root_key, 2)
    sub1 = _ca("Stand-in CPO Sub1 CA", sub1_key, root, root_key, 1)
    sub2 = _ca("Stand-in CPO Sub2 CA", sub2_key, sub1, sub1_key, 0)
    return StandInPki(root, sub1, sub2, sub2_key)


def der_b64(certificate: x509.Certificate) -> str:
    return base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()


@dataclass
class PoolContract:
    emaid: str
    certificate_installation_res: str  # base64 EXI
    signed_xml: bytes | None = None  # as published with addSignedContractData


@dataclass
class ProvisioningEntry:
    """An OEM's published provisioning certificate (pcp): the car's, then sub-CA 2 and 1,
    and the OEM root that issued sub-CA 1."""

    vehicle: x509.Certificate
    sub2: x509.Certificate | None
    sub1: x509.Certificate
    root: x509.Certificate


@dataclass
class OpcpStandIn:
    """Use as a context manager: `with OpcpStandIn() as pool: pool.base_url ...`."""

    latency_s: float = 0.0
    token_lifetime_s: int = 3600
    client_id: str = "csms-test-client"
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    pki: StandInPki = field(default_factory=make_pki)
    roots: list[dict[str, Any]] = field(default_factory=list)
    contracts: dict[str, list[PoolContract]] = field(default_factory=dict)
    provisioning: dict[str, ProvisioningEntry] = field(default_factory=dict)
    requests: list[SeenRequest] = field(default_factory=list)
    # A test can make the next answers fail: a list of HTTP statuses served (and consumed)
    # before the real answer, e.g. [503, 503].
    fail_next: list[int] = field(default_factory=list)
    tokens_issued: int = 0
    base_url: str = ""

    def __post_init__(self) -> None:
        # The files fail a strict check of the specs themselves (a $ref into cps.v1.json, an
        # empty tokenUrl), so only the requests are held to them. A PKCS#10 body is base64
        # text (est.v1.json: "type: string"); openapi-core needs to be told to read it so.
        config = Config(
            spec_validator_cls=None,
            extra_media_type_deserializers={"application/pkcs10": _ascii},
        )
        self._apis = {
            name: OpenAPI.from_file_path(str(SPECS / f"{name}.v1.json"), config=config)
            for name in SERVICES
        }
        self._tokens: dict[str, float] = {}
        self._lock = threading.Lock()
        self.add_root(self.pki.root, "V2G")

    # --- what the tests set -------------------------------------------------------------

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/oauth/token"

    @property
    def audience(self) -> str:
        return self.base_url

    def add_root(self, certificate: x509.Certificate, root_type: str) -> str:
        root_id = str(uuid.uuid4())
        cn = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        self.roots.append(
            {
                "rootCertificateId": root_id,
                "rootType": root_type,
                "caCertificate": der_b64(certificate),
                "distinguishedName": certificate.subject.rfc4514_string(),
                "commonName": str(cn[0].value) if cn else "",
                "validFrom": certificate.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "validTo": certificate.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        )
        return root_id

    def expire_tokens(self) -> None:
        with self._lock:
            self._tokens.clear()

    def send_webhook(self, url: str, event: dict[str, Any], secret: str) -> httpx.Response:
        """An event as Hubject's webhook service sends it (webhook.payload.v1.json): the
        JSON body, its HMAC-SHA256 with the endpoint's secret in `payload-signature` and in
        `X-Hubject-Signature: sha256=…`."""
        body = json.dumps(event).encode()
        signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        return httpx.post(
            url,
            content=body,
            headers={
                "content-type": "application/json",
                "payload-signature": signature,
                "X-Hubject-Signature": f"sha256={signature}",
            },
            timeout=30,
        )

    def seen(self, path_prefix: str) -> list[SeenRequest]:
        return [r for r in self.requests if r.path.startswith(path_prefix)]

    # --- the server -------------------------------------------------------------------

    def __enter__(self) -> OpcpStandIn:
        self._serving = serving(
            Starlette(
                routes=[
                    Route("/{path:path}", self._endpoint, methods=["GET", "POST", "PUT", "DELETE"])
                ]
            )
        )
        self.base_url = self._serving.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._serving.__exit__(None, None, None)

    async def _endpoint(self, request: Request) -> Response:
        body = await request.body()
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        response = self._answer(request, body)
        self.requests.append(
            SeenRequest(
                request.method,
                request.url.path,
                response.status_code,
                getattr(response, "refused", None),
            )
        )
        return response

    def _answer(self, request: Request, body: bytes) -> Response:
        if len(body) > MAX_BODY:
            return _error(413, "the body is too large")
        service = self._validate(request, body)
        if isinstance(service, Response):
            return service
        if service != "accessToken" and not self._authorized(request):
            return _error(401, "a valid bearer token is required")
        if self.fail_next and service != "accessToken":
            return _error(self.fail_next.pop(0), "the stand-in was told to fail this one")
        path, method = request.url.path, request.method
        if path == "/oauth/token":
            return self._token(request, body)
        if method == "GET" and path == "/v1/root/rootCerts":
            kind = request.query_params.get("rootType")
            roots = [r for r in self.roots if kind is None or r["rootType"].lower() == kind]
            return JSONResponse({"RootCertificateCollection": {"rootCertificates": roots}})
        if method == "GET" and path.startswith("/v1/root/rootCerts/"):
            wanted = path.rsplit("/", 1)[1]
            for root in self.roots:
                if root["rootCertificateId"] == wanted:
                    return JSONResponse({"RootResponse": root})
            return _error(404, "no root with that id")
        if method == "POST" and path == "/v1/ccp/signedContractData":
            return self._signed_contract_data(body)
        if method == "PUT" and path == "/v1/ccp/signedContractData":
            return self._add_signed_contract_data(body)
        if method == "GET" and path.startswith("/v1/oem/provCerts/"):
            return self._provisioning_certificate(path.rsplit("/", 1)[1])
        if method == "POST" and "/simpleenroll/" in path:
            return self._simple_enroll(path, body)
        if method == "GET" and "/cacerts/" in path:
            return _pkcs7([self.pki.cpo_sub2, self.pki.cpo_sub1, self.pki.root])
        return _error(501, f"the stand-in does not serve {method} {path}")

    def _validate(self, request: Request, body: bytes) -> str | Response:
        """The service whose OpenAPI file has this path, once the request matches it."""
        openapi_request = StarletteOpenAPIRequest(request, body)
        for name, api in self._apis.items():
            try:
                api.validate_request(openapi_request)
            except Exception as exc:  # openapi-core's errors have no single base we can name
                if type(exc).__name__ in ("PathNotFound", "OperationNotFound"):
                    continue
                reasons = [str(exc)] + [
                    str(e)
                    for e in (
                        getattr(exc, "__cause__", None)
                        and getattr(exc.__cause__, "schema_errors", [])
                    )
                    or []
                ]
                response = _error(400, *reasons)
                response.refused = "; ".join(reasons)[:500]  # type: ignore[attr-defined]
                return response
            return name
        response = _error(404, f"no OPCP service has {request.method} {request.url.path}")
        response.refused = "unknown path"  # type: ignore[attr-defined]
        return response

    def _authorized(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer "):
            return False
        with self._lock:
            expires = self._tokens.get(header.removeprefix("Bearer "))
        return expires is not None and time.monotonic() < expires

    def _token(self, request: Request, body: bytes) -> Response:
        fields = json.loads(body)
        if (
            fields["client_id"] != self.client_id
            or not secrets.compare_digest(fields["client_secret"], self.client_secret)
            or fields["audience"] != self.audience
            or fields["grant_type"] != "client_credentials"
        ):
            return _error(401, "unknown client or audience")
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = time.monotonic() + self.token_lifetime_s
            self.tokens_issued += 1
        return JSONResponse(
            {
                "access_token": token,
                "scope": "CPO",
                "expires_in": self.token_lifetime_s,
                "token_type": "Bearer",
            }
        )

    def _signed_contract_data(self, body: bytes) -> Response:
        fields = json.loads(body)  # validated above
        try:
            message = decode_v2g_message(base64.b64decode(fields["certificateInstallationReq"]))
        except Exception:
            return _error(400, "certificateInstallationReq is not an ISO 15118-2 request")
        request = message.body
        if not isinstance(request, CertificateInstallationReq):
            return _error(400, "certificateInstallationReq is not a CertificateInstallationReq")
        oem = x509.load_der_x509_certificate(request.oem_provisioning_cert)
        pcid = str(oem.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)
        found = self.contracts.get(pcid) or self.contracts.get(pcid.upper())
        if not found:
            return _error(404, "The contract for the given PCID not found.")
        return JSONResponse(
            {
                "CCPResponse": {
                    "emaidContent": [
                        {
                            "messageDef": {
                                "certificateInstallationRes": c.certificate_installation_res,
                                "emaid": c.emaid,
                            }
                        }
                        for c in found
                    ]
                }
            }
        )

    def _provisioning_certificate(self, pcid: str) -> Response:
        entry = self.provisioning.get(pcid) or self.provisioning.get(pcid.upper())
        if entry is None:
            return _error(404, "No provisioning certificate for the given PCID.")
        message: dict[str, Any] = {
            "vehicleCertificate": der_b64(entry.vehicle),
            "subCA1Certificate": der_b64(entry.sub1),
            "xsdMsgDefNamespace": "urn:iso:15118:2:2013:MsgDef",
            "rootIssuerDistinguishedName": entry.root.subject.rfc4514_string(),
            "rootIssuerSerialNumber": str(entry.root.serial_number),
        }
        if entry.sub2 is not None:
            message["subCA2Certificate"] = der_b64(entry.sub2)
        return JSONResponse({"OEMMessage": message})

    def _add_signed_contract_data(self, body: bytes) -> Response:
        fields = json.loads(body)  # validated above
        try:
            xml = base64.b64decode(fields["signedContractDataXML"], validate=True)
            message = contract_data_from_xml(xml)
        except Exception as exc:  # the pool refuses what it cannot read
            return _error(400, f"signedContractDataXML is not signed contract data: {exc}")
        body_ = message.body
        assert isinstance(body_, CertificateInstallationRes)
        if body_.emaid.value != fields["emaid"]:
            return _error(400, "the eMAID does not match the signed contract data")
        exi = base64.b64encode(encode_v2g_message(message)).decode()
        with self._lock:
            kept = [c for c in self.contracts.get(fields["pcid"], []) if c.emaid != fields["emaid"]]
            self.contracts[fields["pcid"]] = [*kept, PoolContract(fields["emaid"], exi, xml)]
        return Response(status_code=201)

    def _simple_enroll(self, path: str, body: bytes) -> Response:
        try:
            csr = x509.load_der_x509_csr(base64.b64decode(b"".join(body.split()), validate=True))
        except ValueError:
            return _error(400, "the body is not a base64 PKCS#10 request")
        if not csr.is_signature_valid:
            return _error(400, "the request's signature does not verify")
        ca = path.split("/")[3]
        cn = csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        if ca == "cpo" and not (
            cn and re.fullmatch(r"[A-Za-z]{2}[\*]?\w{3}[\*]?[E][\w\*]{1,30}", str(cn[0].value))
        ):
            return _error(400, "the CommonName is not an EVSEID")
        leaf = self.pki.enroll(csr)
        return _pkcs7([leaf, self.pki.cpo_sub2, self.pki.cpo_sub1])


def _ascii(body: bytes) -> str:
    return body.decode("ascii", errors="replace")


def _pkcs7(certificates: list[x509.Certificate]) -> Response:
    data = pkcs7.serialize_certificates(certificates, serialization.Encoding.DER)
    return Response(
        base64.b64encode(data),
        media_type="application/pkcs7-mime; smime-type=certs-only",
        headers={"Content-Transfer-Encoding": "base64"},
    )


def _error(status: int, *messages: str) -> JSONResponse:
    return JSONResponse(
        {"errorMessages": list(messages) or ["error"], "traceId": str(uuid.uuid4())},
        status_code=status,
    )


def started(**kwargs: Any) -> Iterator[OpcpStandIn]:
    with OpcpStandIn(**kwargs) as pool:
        yield pool


# --- the CPS's XML (iso15118 -2 schemas) read without the product's code ----------------------

_NS = {
    "def": "urn:iso:15118:2:2013:MsgDef",
    "hdr": "urn:iso:15118:2:2013:MsgHeader",
    "body": "urn:iso:15118:2:2013:MsgBody",
    "types": "urn:iso:15118:2:2013:MsgDataTypes",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
}
_TYPES_ID = "{urn:iso:15118:2:2013:MsgDataTypes}Id"


def _one(parent: ET.Element, path: str) -> ET.Element:
    found = parent.find(path, _NS)
    if found is None:
        raise ValueError(f"no {path}")
    return found


def _b64_of(element: ET.Element) -> bytes:
    return base64.b64decode((element.text or "").strip(), validate=True)


def _chain_of(element: ET.Element) -> CertificateChain:
    subs = element.findall("types:SubCertificates/types:Certificate", _NS)
    return CertificateChain(
        _b64_of(_one(element, "types:Certificate")),
        [_b64_of(s) for s in subs],
        element.get(_TYPES_ID),
    )


def contract_data_from_xml(xml: bytes) -> V2GMessage:
    """A V2G_Message with a CertificateInstallationRes, from its XML form."""
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise ValueError("no DTDs")
    root = ET.fromstring(xml)  # noqa: S314 - DTDs refused above; test data only
    if root.tag != "{urn:iso:15118:2:2013:MsgDef}V2G_Message":
        raise ValueError(f"root element {root.tag}")
    signature = _one(root, "def:Header/ds:Signature")
    signed_info = _one(signature, "ds:SignedInfo")
    references = signed_info.findall("ds:Reference", _NS)
    first = references[0]
    info = SignedInfo(
        references=[
            Reference(r.get("URI", ""), _b64_of(_one(r, "ds:DigestValue"))) for r in references
        ],
        canonicalization_method=_one(signed_info, "ds:CanonicalizationMethod").get("Algorithm", ""),
        signature_method=_one(signed_info, "ds:SignatureMethod").get("Algorithm", ""),
        transform=_one(first, "ds:Transforms/ds:Transform").get("Algorithm", ""),
        digest_method=_one(first, "ds:DigestMethod").get("Algorithm", ""),
    )
    session = root.find("def:Header/hdr:SessionID", _NS)
    res = _one(root, "def:Body/body:CertificateInstallationRes")

    def identified(name: str, binary: bool = True) -> IdentifiedValue:
        element = _one(res, f"body:{name}")
        value: Any = _b64_of(element) if binary else (element.text or "").strip()
        return IdentifiedValue(element.get(_TYPES_ID, ""), value)

    body = CertificateInstallationRes(
        response_code=(_one(res, "body:ResponseCode").text or "").strip(),
        sa_provisioning_certificate_chain=_chain_of(
            _one(res, "body:SAProvisioningCertificateChain")
        ),
        contract_signature_cert_chain=_chain_of(_one(res, "body:ContractSignatureCertChain")),
        contract_signature_encrypted_private_key=identified("ContractSignatureEncryptedPrivateKey"),
        dh_public_key=identified("DHpublickey"),
        emaid=identified("eMAID", binary=False),
    )
    header = Header(
        bytes.fromhex((session.text or "").strip()) if session is not None else bytes(8),
        Signature(info, _b64_of(_one(signature, "ds:SignatureValue"))),
    )
    return V2GMessage(header, body)
