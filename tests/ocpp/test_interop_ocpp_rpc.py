"""An OCPP peer nobody here wrote: the `ocpp-rpc` npm package in strict mode, whose every
inbound and outbound message is validated against the official OCA 2.0.1 schemas (which are
stricter than the `ocpp` package's copies in places: exiResponse ≤ 5600, for one).

Installed by scripts/ocpp_rpc_setup.sh; on a machine without node/npm the test skips, except
under CI=true, where it fails (tests.harness.availability).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from pki.authority import pem_of
from pki.ocsp import cert_id_for
from tests.harness.availability import unavailable
from tests.ocpp.tlsutil import own_client_cert
from tests.pki.helpers import make_csr, openssl

pytestmark = [pytest.mark.postgres, pytest.mark.interop]

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).parent / "interop" / "station.js"


@pytest.fixture(scope="session")
def ocpp_rpc_modules() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        unavailable("node/npm not found; scripts/test.sh installs them (Debian nodejs, npm)")
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ocpp_rpc_setup.sh")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        unavailable(f"ocpp-rpc could not be installed: {result.stderr[-500:]}")
    return Path(result.stdout.strip().splitlines()[-1])


def _hash_data(cert: x509.Certificate, issuer: x509.Certificate) -> dict[str, str]:
    cid = cert_id_for(cert, issuer, "sha256")
    return {
        "hashAlgorithm": "SHA256",
        "issuerNameHash": cid.issuer_name_hash.hex(),
        "issuerKeyHash": cid.issuer_key_hash.hex(),
        "serialNumber": f"{cert.serial_number:x}",
        "responderURL": "http://127.0.0.1:9/ocsp",
    }


def run_driver(  # type: ignore[type-arg]
    modules: Path, scenario: dict[str, object], tmp_path: Path, driver: Path = DRIVER
) -> dict:
    scenario_file = tmp_path / "scenario.json"
    scenario_file.write_text(json.dumps(scenario))
    result = subprocess.run(
        ["node", str(driver), str(scenario_file)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NODE_PATH": str(modules)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return report


def _pnc_inputs(container) -> dict[str, object]:  # type: ignore[no-untyped-def]
    org = container.settings.organization
    emaid = "UZUPCC000000017"
    with container.transaction() as session:
        secc = container.ca.issue_from_csr(
            session, make_csr(cn="UZ*UPC*E7*1", o=org), "secc", actor="test"
        )
        contract = container.ca.issue_for_key(
            session,
            ec.generate_private_key(ec.SECP256R1()).public_key(),
            "contract",
            common_name=emaid,
            actor="test",
        )
    return {
        "exiRequest": base64.b64encode(b"\x80\x98\x02\x10" + bytes(40)).decode(),
        "ocspRequestData": _hash_data(
            secc.certificate, container.ca.authority("cpo-sub2").certificate
        ),
        "emaid": emaid,
        "contractChain": contract.pem_chain(),
        "hashData": [
            _hash_data(contract.certificate, container.ca.authority("mo-sub2").certificate)
        ],
    }


def test_ocpp_rpc_strict_station_over_mutual_tls(
    ocpp, ocpp_rpc_modules: Path, tmp_path: Path
) -> None:
    """Security profile 3 with Node's TLS stack: it checks our server certificate (V2G root,
    host name localhost) and presents a client certificate from the product's CA."""
    ocpp.add("RPC-3", profile=3)
    cert, key, _ = own_client_cert(ocpp.container, tmp_path / "client", "RPC-3")
    scenario = {
        "endpoint": f"wss://localhost:{ocpp.ports['wss']}/ocpp",
        "identity": "RPC-3",
        "password": None,
        "tls": {"ca": str(ocpp.ca_file()), "cert": str(cert), "key": str(key)},
        "csr": make_csr(cn="RPC-3", o=ocpp.container.settings.organization).decode(),
        **_pnc_inputs(ocpp.container),
    }
    report = run_driver(ocpp_rpc_modules, scenario, tmp_path)
    assert report.get("tlsVersion") in ("TLSv1.2", "TLSv1.3"), report
    failed = {name: s["error"] for name, s in report["steps"].items() if not s["ok"]}
    assert not failed, failed
    assert report["badMessages"] == [] and report["errors"] == []
    assert report["steps"]["boot"]["response"]["status"] == "Accepted"
    assert len(report["certificateSigned"]) == 1


def test_ocpp_rpc_strict_station(ocpp, ocpp_rpc_modules: Path, tmp_path: Path) -> None:
    ocpp.add("RPC-1")
    container = ocpp.container
    org = container.settings.organization
    cpo_sub2 = container.ca.authority("cpo-sub2").certificate
    emaid = "UZUPCC000000017"
    with container.transaction() as session:
        secc = container.ca.issue_from_csr(
            session, make_csr(cn="UZ*UPC*E7*1", o=org), "secc", actor="test"
        )
        contract = container.ca.issue_for_key(
            session,
            ec.generate_private_key(ec.SECP256R1()).public_key(),
            "contract",
            common_name=emaid,
            actor="test",
        )
    mo_sub2 = container.ca.authority("mo-sub2").certificate
    scenario = {
        "endpoint": f"ws://127.0.0.1:{ocpp.ports['ws']}/ocpp",
        "identity": "RPC-1",
        "password": "correct-horse-battery-1",
        "csr": make_csr(cn="RPC-1", o=org).decode(),
        # Not a real CertificateInstallationReq: the CPS answers Failed (with an EXI answer).
        "exiRequest": base64.b64encode(b"\x80\x98\x02\x10" + bytes(40)).decode(),
        "ocspRequestData": _hash_data(secc.certificate, cpo_sub2),
        "emaid": emaid,
        "contractChain": contract.pem_chain(),
        "hashData": [_hash_data(contract.certificate, mo_sub2)],
    }
    report = run_driver(ocpp_rpc_modules, scenario, tmp_path)
    assert report["protocol"] == "ocpp2.0.1"
    failed = {name: s["error"] for name, s in report["steps"].items() if not s["ok"]}
    assert not failed, failed  # every request and response passed strict validation
    assert report["badMessages"] == [] and report["errors"] == []
    steps = {name: s["response"] for name, s in report["steps"].items()}

    assert steps["boot"]["status"] == "Accepted"
    assert steps["sign"] == {"status": "Accepted"}
    (signed,) = report["certificateSigned"]
    chain = x509.load_pem_x509_certificates(signed["certificateChain"].encode())
    (tmp_path / "leaf.pem").write_text(pem_of(chain[:1]))
    (tmp_path / "untrusted.pem").write_text(pem_of(chain[1:]))
    verified = openssl(
        "verify",
        "-CAfile",
        str(ocpp.ca_file()),
        "-untrusted",
        str(tmp_path / "untrusted.pem"),
        str(tmp_path / "leaf.pem"),
    )
    assert "leaf.pem: OK" in verified

    # M06: the answer is a real OCSP response for the SECC certificate, good per openssl.
    assert steps["certificate_status"]["status"] == "Accepted"
    (tmp_path / "resp.der").write_bytes(base64.b64decode(steps["certificate_status"]["ocspResult"]))
    (tmp_path / "secc.pem").write_text(pem_of([secc.certificate]))
    (tmp_path / "issuer.pem").write_text(pem_of([cpo_sub2]))
    (tmp_path / "cpo.pem").write_text(pem_of(container.ca.chain_to_root("cpo-sub2")))
    checked = openssl(
        "ocsp",
        "-respin",
        str(tmp_path / "resp.der"),
        "-issuer",
        str(tmp_path / "issuer.pem"),
        "-sha256",
        "-cert",
        str(tmp_path / "secc.pem"),
        "-CAfile",
        str(tmp_path / "cpo.pem"),
    )
    assert "Response verify OK" in checked and "secc.pem: good" in checked, checked

    # C07 and M01 are decided by the contract service behind the port (csms/pnc.py); this
    # eMAID has no contract and the EXI request is not one, so both are refusals, which must
    # pass the same strict validation.
    assert steps["ev_certificate"]["status"] == "Failed"
    assert len(steps["ev_certificate"]["exiResponse"]) <= 5600
    for name in ("authorize_chain", "authorize_hash"):
        assert steps[name]["idTokenInfo"]["status"]
    assert steps["security_event"] == {}

    from csms.ocpp.db import SecurityEventRecord

    with container.session_factory() as session:
        types = [e.type for e in session.query(SecurityEventRecord).filter_by(station_id="RPC-1")]
    assert types == ["StartupOfTheDevice"]
