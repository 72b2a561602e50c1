"""OCSP and CRLs checked by openssl against the running server; revocation shows at once."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from csms.app import create_app
from csms.container import Container

from .helpers import in_tx, make_csr, openssl, write_pem
from .server import serving


def _cli_env(container: Container) -> dict[str, str]:
    settings = container.settings
    env = dict(os.environ)
    env.update(
        CSMS_DATABASE_URL=settings.resolved_database_url,
        CSMS_DATA_DIR=str(settings.data_dir),
        CSMS_KEY_PASSPHRASE=settings.key_passphrase or "",
        CSMS_KEY_LABEL_PREFIX=settings.key_label_prefix,
    )
    return env


def csms(container: Container, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csms", *args],
        env=_cli_env(container),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _openssl_ocsp(
    tmp: Path,
    url: str,
    leaf: x509.Certificate,
    issuer: x509.Certificate,
    roots: list[x509.Certificate],
    *extra: str,
) -> str:
    write_pem(tmp / "leaf.pem", [leaf])
    write_pem(tmp / "issuer.pem", [issuer])
    write_pem(tmp / "trust.pem", roots)
    return openssl(
        "ocsp",
        "-issuer",
        str(tmp / "issuer.pem"),
        "-cert",
        str(tmp / "leaf.pem"),
        "-url",
        f"{url}/ocsp",
        "-CAfile",
        str(tmp / "trust.pem"),
        "-resp_text",
        *extra,
    )


@pytest.mark.parametrize("backend", ["postgres-file", "sqlite-file"])
def test_openssl_ocsp_good_then_revoked_after_cli_revoke(
    make_container,
    tmp_path: Path,
    backend: str,  # type: ignore[no-untyped-def]
) -> None:
    container: Container = make_container(backend)
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    issuer = container.ca.authority("cpo-sub2").certificate
    chain = container.ca.chain_to_root("cpo-sub2")
    with serving(create_app(container)) as url:
        out = _openssl_ocsp(tmp_path, url, issued.certificate, issuer, chain)
        assert "Response verify OK" in out
        assert f"{tmp_path / 'leaf.pem'}: good" in out
        assert "This Update" in out and "Next Update" in out
        revoked = csms(container, "pki", "revoke", issued.serial_hex, "--reason", "keyCompromise")
        assert revoked.returncode == 0, revoked.stderr
        out = _openssl_ocsp(tmp_path, url, issued.certificate, issuer, chain)
        assert "Response verify OK" in out
        assert f"{tmp_path / 'leaf.pem'}: revoked" in out
        assert "Reason: keyCompromise" in out


def test_openssl_ocsp_nonce_and_sub_ca_status(container: Container, tmp_path: Path) -> None:
    sub2 = container.ca.authority("cpo-sub2").certificate
    sub1 = container.ca.authority("cpo-sub1").certificate
    root = container.ca.authority("v2g-root").certificate
    with serving(create_app(container)) as url:
        out = _openssl_ocsp(tmp_path, url, sub2, sub1, [sub1, root], "-nonce")
        assert "Response verify OK" in out and ": good" in out
        assert "WARNING: no nonce" not in out and "Nonce Verify error" not in out
        assert "OCSP Nonce" in out


def test_ocsp_get_form_and_unknown_serial(container: Container) -> None:
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    issuer = container.ca.authority("cpo-sub2").certificate
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(issued.certificate, issuer, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    fake = (
        ocsp.OCSPRequestBuilder()
        .add_certificate_by_hash(
            ocsp.load_der_ocsp_request(request).issuer_name_hash,
            ocsp.load_der_ocsp_request(request).issuer_key_hash,
            12345,
            hashes.SHA256(),
        )
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    with serving(create_app(container)) as url:
        encoded = base64.b64encode(request).decode()
        answer = httpx.get(f"{url}/ocsp/{encoded}", timeout=10)
        assert answer.headers["content-type"] == "application/ocsp-response"
        parsed = ocsp.load_der_ocsp_response(answer.content)
        assert parsed.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
        assert parsed.certificate_status == ocsp.OCSPCertStatus.GOOD
        assert parsed.serial_number == issued.certificate.serial_number
        issuer.public_key().verify(  # type: ignore[call-arg]
            parsed.signature,
            parsed.tbs_response_bytes,
            __import__("cryptography.hazmat.primitives.asymmetric.ec", fromlist=["x"]).ECDSA(
                hashes.SHA256()
            ),
        )
        unknown = httpx.post(
            f"{url}/ocsp", content=fake, headers={"content-type": "application/ocsp-request"}
        )
        assert ocsp.load_der_ocsp_response(unknown.content).certificate_status == (
            ocsp.OCSPCertStatus.UNKNOWN
        )
        for body in (b"", b"garbage", request[:-3]):
            bad = httpx.post(f"{url}/ocsp", content=body)
            assert bad.status_code == 200
            assert ocsp.load_der_ocsp_response(bad.content).response_status == (
                ocsp.OCSPResponseStatus.MALFORMED_REQUEST
            )
        wrong_type = httpx.post(
            f"{url}/ocsp", content=request, headers={"content-type": "text/plain"}
        )
        assert wrong_type.status_code == 415


def test_ocsp_for_a_foreign_issuer_is_unauthorized(container: Container) -> None:
    from .helpers import make_key

    key = make_key()
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Stranger")])
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    stranger = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(stranger, stranger, hashes.SHA1())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    answer = container.ocsp.respond(request)
    assert ocsp.load_der_ocsp_response(answer).response_status == (
        ocsp.OCSPResponseStatus.UNAUTHORIZED
    )


def test_delegated_responder_signs_and_openssl_accepts(
    container: Container, tmp_path: Path
) -> None:
    delegate = in_tx(container, container.ca.create_ocsp_delegate, "cpo-sub2", actor="test")
    container.ocsp.forget_issuers()
    eku = delegate.certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert x509.ExtendedKeyUsageOID.OCSP_SIGNING in eku.value
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    with serving(create_app(container)) as url:
        out = _openssl_ocsp(
            tmp_path,
            url,
            issued.certificate,
            container.ca.authority("cpo-sub2").certificate,
            container.ca.chain_to_root("cpo-sub2"),
        )
    assert "Response verify OK" in out and ": good" in out
    parsed = ocsp.load_der_ocsp_response(
        container.ocsp.respond(
            ocsp.OCSPRequestBuilder()
            .add_certificate(
                issued.certificate, container.ca.authority("cpo-sub2").certificate, hashes.SHA1()
            )
            .build()
            .public_bytes(serialization.Encoding.DER)
        )
    )
    assert parsed.certificates == [delegate.certificate]


def test_openssl_parses_each_crl_and_lists_revoked_serials(
    container: Container, tmp_path: Path
) -> None:
    revoked = {}
    for profile, ca in (("secc", "cpo-sub2"), ("charging-station", "cpo-sub2")):
        issued = in_tx(
            container,
            container.ca.issue_from_csr,
            make_csr(cn="CS-9" if profile == "charging-station" else "UZ*UPC*E1*1"),
            profile,
            actor="test",
        )
        in_tx(
            container,
            container.ca.revoke,
            issued.certificate.serial_number,
            reason="superseded",
            actor="test",
        )
        revoked.setdefault(ca, []).append(issued.serial_hex)
    kept = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    with serving(create_app(container)) as url:
        for name, authority in container.ca.authorities().items():
            if not authority.profile.ca:
                continue
            response = httpx.get(f"{url}/pki/crl/{name}.crl", timeout=10)
            assert response.status_code == 200
            crl_file = tmp_path / f"{name}.crl"
            crl_file.write_bytes(response.content)
            ca_file = write_pem(tmp_path / f"{name}.pem", [authority.certificate])
            text = openssl(
                "crl",
                "-inform",
                "DER",
                "-in",
                str(crl_file),
                "-noout",
                "-text",
                "-CAfile",
                str(ca_file),
            )
            assert "verify OK" in text
            for serial in revoked.get(name, []):
                assert f"Serial Number: {serial}" in text
            assert kept.serial_hex not in text
            if name not in revoked:
                assert "No Revoked Certificates" in text
        missing = httpx.get(f"{url}/pki/crl/nope.crl", timeout=10)
        assert missing.status_code == 404


def test_crl_numbers_grow(container: Container) -> None:
    from pki.crl import build_crl

    first = in_tx(container, build_crl, container.ca, "mo-sub2")
    second = in_tx(container, build_crl, container.ca, "mo-sub2")
    number = first.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    assert second.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == number + 1


def test_status_reader_query_matches_the_model() -> None:
    from pki.db import CertificateRecord
    from pki.status_reader import COLUMNS, TABLE

    table = CertificateRecord.__table__
    assert table.name == TABLE
    assert set(COLUMNS) <= set(table.c.keys())


@pytest.mark.parametrize("backend", ["postgres-file", "sqlite-file"])
def test_revocation_from_another_process_is_seen_at_once(make_container, backend: str) -> None:  # type: ignore[no-untyped-def]
    container: Container = make_container(backend)
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    issuer = container.ca.authority("cpo-sub2").certificate
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(issued.certificate, issuer, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    first = ocsp.load_der_ocsp_response(container.ocsp.respond(request))
    assert first.certificate_status == ocsp.OCSPCertStatus.GOOD
    revoked = csms(container, "pki", "revoke", issued.serial_hex, "--reason", "keyCompromise")
    assert revoked.returncode == 0, revoked.stderr
    # The nonce-less response was cached for reuse, but the status changed: signed afresh.
    second = ocsp.load_der_ocsp_response(container.ocsp.respond(request))
    assert second.certificate_status == ocsp.OCSPCertStatus.REVOKED
    assert second.revocation_reason == x509.ReasonFlags.key_compromise
