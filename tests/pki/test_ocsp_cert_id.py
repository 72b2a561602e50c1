"""An OCSP response carries the CertID its requester sent (issue 12, "Close the trust holes").

A CertID's AlgorithmIdentifier for SHA-1 may come with NULL parameters (openssl, cryptography)
or without them (RFC 5754's preferred form for SHA-2, and what some ISO 15118 stacks send for
SHA-1 too). Both name the same certificate, and responses to nonce-less requests are reused for
up to 60 s; the reused response must still echo each requester's own CertID bytes, because
strict clients compare the whole CertID.

Written before the fix and run against it: it failed there, because the responder's cache was
keyed by the CertID's values and handed the second requester the first requester's response,
whose CertID lacked (or had) the NULL the second one sent.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from asn1crypto import ocsp as asn1_ocsp
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from csms.app import create_app
from csms.container import Container
from pki import der

from .helpers import in_tx, make_csr, openssl, write_pem
from .server import serving

_SHA1 = bytes.fromhex("06052b0e03021a")  # OBJECT IDENTIFIER 1.3.14.3.2.26
_NULL = b"\x05\x00"


def without_null_parameters(data: bytes) -> bytes:
    """`data` (DER) with the NULL parameters of its SHA-1 AlgorithmIdentifier left out and every
    enclosing length re-encoded: the same CertID, in the other encoding RFC 5280 allows."""
    tag, start, end = der.read_tlv(data)
    if not tag & 0x20:  # primitive: kept as it is
        return data[:end]
    kids = der.children(data, start, end)
    parts = []
    for index, (kid_tag, kid_start, _value_start, kid_end) in enumerate(kids):
        previous = data[kids[index - 1][1] : kids[index - 1][3]] if index else b""
        if tag == 0x30 and index == 1 and previous == _SHA1 and data[kid_start:kid_end] == _NULL:
            continue
        parts.append(
            without_null_parameters(data[kid_start:kid_end])
            if kid_tag & 0x20
            else data[kid_start:kid_end]
        )
    return der.tlv(tag, b"".join(parts))


def request_cert_id(request: bytes) -> bytes:
    """The DER of the request's CertID, as sent (asn1crypto keeps the bytes it parsed)."""
    parsed = asn1_ocsp.OCSPRequest.load(request)
    return parsed["tbs_request"]["request_list"][0]["req_cert"].dump()


def response_cert_id(response: bytes) -> bytes:
    parsed = asn1_ocsp.OCSPResponse.load(response)
    basic = parsed["response_bytes"]["response"].parsed
    return basic["tbs_response_data"]["responses"][0]["cert_id"].dump()


def test_each_requester_gets_its_own_cert_id_back(container: Container, tmp_path: Path) -> None:
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    issuer = container.ca.authority("cpo-sub2").certificate
    standard = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(issued.certificate, issuer, hashes.SHA1())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    bare = without_null_parameters(standard)
    # The same question: only the AlgorithmIdentifier's NULL is gone.
    assert len(bare) == len(standard) - 2
    assert _SHA1 + _NULL in request_cert_id(standard)
    assert _SHA1 + _NULL not in request_cert_id(bare) and _SHA1 in request_cert_id(bare)
    same = ocsp.load_der_ocsp_request(bare)
    assert same.serial_number == issued.certificate.serial_number
    assert isinstance(same.hash_algorithm, hashes.SHA1)

    # Either encoding first, then the other, while the first answer is still reusable.
    for request in (bare, standard, bare, standard):
        answer = container.ocsp.respond(request)
        assert response_cert_id(answer) == request_cert_id(request)
        assert ocsp.load_der_ocsp_response(answer).certificate_status == ocsp.OCSPCertStatus.GOOD

    # Over HTTP the same; and openssl, asking without a nonce (so the cache answers), accepts
    # the standard one after the bare one was asked.
    write_pem(tmp_path / "leaf.pem", [issued.certificate])
    write_pem(tmp_path / "issuer.pem", [issuer])
    write_pem(tmp_path / "trust.pem", container.ca.chain_to_root("cpo-sub2"))
    with serving(create_app(container)) as url:
        for request in (bare, standard):
            answer = httpx.post(
                f"{url}/ocsp",
                content=request,
                headers={"content-type": "application/ocsp-request"},
                timeout=10,
            )
            assert answer.status_code == 200
            assert response_cert_id(answer.content) == request_cert_id(request)
        httpx.post(
            f"{url}/ocsp",
            content=bare,
            headers={"content-type": "application/ocsp-request"},
            timeout=10,
        )
        out = openssl(
            "ocsp",
            "-issuer",
            str(tmp_path / "issuer.pem"),
            "-cert",
            str(tmp_path / "leaf.pem"),
            "-url",
            f"{url}/ocsp",
            "-CAfile",
            str(tmp_path / "trust.pem"),
            "-no_nonce",
            "-reqout",
            str(tmp_path / "req.der"),
            "-respout",
            str(tmp_path / "resp.der"),
        )
    assert "Response verify OK" in out and ": good" in out, out
    sent = (tmp_path / "req.der").read_bytes()
    assert request_cert_id(sent) == request_cert_id(standard)  # openssl sends the NULL
    assert response_cert_id((tmp_path / "resp.der").read_bytes()) == request_cert_id(sent)


def test_a_response_for_one_certificate_is_never_another_ones(container: Container) -> None:
    """The cache's key is the requester's CertID, so each certificate still gets its own."""
    issuer = container.ca.authority("cpo-sub2").certificate
    certificates = [
        in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test").certificate
        for _ in range(2)
    ]
    for _ in range(2):
        for certificate in certificates:
            answer = ocsp.load_der_ocsp_response(
                container.ocsp.respond(
                    ocsp.OCSPRequestBuilder()
                    .add_certificate(certificate, issuer, hashes.SHA1())
                    .build()
                    .public_bytes(serialization.Encoding.DER)
                )
            )
            assert answer.serial_number == certificate.serial_number
            assert answer.certificate_status == ocsp.OCSPCertStatus.GOOD
