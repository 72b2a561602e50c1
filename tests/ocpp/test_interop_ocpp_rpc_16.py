"""A 1.6J station nobody here wrote: the `ocpp-rpc` npm package in strict mode on subprotocol
ocpp1.6 (its bundled 1.6 schemas include the security whitepaper's messages). Boot,
heartbeat, status, a session with meter values, the whitepaper's charge point certificate and
the V2G certificate through the Plug & Charge DataTransfer (both checked by `openssl verify`),
an OCSP answer through the envelope checked by `openssl ocsp`, Authorize with a contract chain
and with hash data, and the envelope's refusals."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from auth.principal import Principal
from auth.users import add_user
from contracts.cps import ISO20_SCHEMAS
from csms.ocpp.db import TransactionRecord
from pki.authority import pem_of
from tests.contracts.car import JosevCar
from tests.contracts.car20 import Car20, make_oem_pki20
from tests.contracts.conftest import josev
from tests.ocpp.test_interop_ocpp_rpc import _pnc_inputs, ocpp_rpc_modules, run_driver
from tests.pki.foreign import make_foreign_pki
from tests.pki.helpers import make_csr, openssl

pytestmark = [pytest.mark.postgres, pytest.mark.interop]

DRIVER16 = Path(__file__).parent / "interop" / "station16.js"
__all__ = ["josev", "ocpp_rpc_modules"]


def _verify_chain(chain_pem: str, ca_file: Path, tmp_path: Path, name: str) -> None:
    chain = x509.load_pem_x509_certificates(chain_pem.encode())
    (tmp_path / f"{name}-leaf.pem").write_text(pem_of(chain[:1]))
    (tmp_path / f"{name}-untrusted.pem").write_text(pem_of(chain[1:]))
    verified = openssl(
        "verify",
        "-CAfile",
        str(ca_file),
        "-untrusted",
        str(tmp_path / f"{name}-untrusted.pem"),
        str(tmp_path / f"{name}-leaf.pem"),
    )
    assert f"{name}-leaf.pem: OK" in verified


def test_ocpp_rpc_strict_1_6_station(  # type: ignore[no-untyped-def]
    ocpp, ocpp_rpc_modules: Path, josev: JosevCar, tmp_path: Path
) -> None:
    ocpp.add("RPC16-1", evse_ids=["UZ*R16*E1"], allow_v2g_without_tls=True)
    container = ocpp.container
    org = container.settings.organization
    inputs = _pnc_inputs(container)
    # A real installation request, written by Josev for a car with a contract here.
    pcid = "ZZTESTCARRPC16001"
    oem = make_foreign_pki(tmp_path / "oem", leaf_cn=pcid)
    with container.transaction() as session:
        container.trust.add_bundle(session, oem.pem("root", "sub1", "sub2"), "oem-root", actor="t")
        add_user(session, container.policy, "rpc16-driver", role="client", actor="test")
        contract = container.contracts.create(
            session, Principal.system("test"), owner="rpc16-driver", pcid=pcid
        )
    v2g_root = base64.b64encode(
        container.ca.authority("v2g-root").certificate.public_bytes(serialization.Encoding.DER)
    ).decode()
    key_pem = oem.leaf_key_pem.decode()
    leaf = base64.b64encode(oem.leaf.public_bytes(serialization.Encoding.DER)).decode()
    josev_request = josev.call(
        "install_req", oem_cert=leaf, key_pem=key_pem, roots=[v2g_root], session_id="AB16"
    )
    inputs["exiRequest"] = josev_request["exi"]
    scenario = {
        "endpoint": f"ws://127.0.0.1:{ocpp.ports['ws']}/ocpp",
        "identity": "RPC16-1",
        "password": "correct-horse-battery-1",
        "csr": make_csr(cn="RPC16-1", o=org).decode(),
        "v2gCsr": make_csr(cn="UZ*R16*E1", o=org).decode(),
        **inputs,
    }
    report = run_driver(ocpp_rpc_modules, scenario, tmp_path, driver=DRIVER16)
    assert report["protocol"] == "ocpp1.6"
    failed = {name: s["error"] for name, s in report["steps"].items() if not s["ok"]}
    assert not failed, failed  # every request and response passed strict 1.6 validation
    assert report["badMessages"] == [] and report["errors"] == []
    steps = {name: s["response"] for name, s in report["steps"].items()}
    inner = {name: s.get("inner") for name, s in report["steps"].items()}

    assert steps["boot"]["status"] == "Accepted"
    assert isinstance(steps["start"]["transactionId"], int)
    with container.transaction() as session:
        record = session.scalar(
            select(TransactionRecord).where(TransactionRecord.station_id == "RPC16-1")
        )
        assert record is not None and record.ocpp_version == "1.6" and record.state == "ended"
        assert (record.meter_start_wh, record.meter_last_wh) == (100.0, 5100.0)

    # The whitepaper's CertificateSigned (no certificateType) and the wrapped V2G one.
    assert steps["sign"] == {"status": "Accepted"}
    (signed,) = report["certificateSigned"]
    assert set(signed) == {"certificateChain"}
    _verify_chain(signed["certificateChain"], ocpp.ca_file(), tmp_path, "cp")
    assert steps["sign_v2g"]["status"] == "Accepted" and inner["sign_v2g"] == {"status": "Accepted"}
    (wrapped,) = [w for w in report["wrapped"] if w["messageId"] == "CertificateSigned"]
    assert wrapped["inner"]["certificateType"] == "V2GCertificate"
    _verify_chain(wrapped["inner"]["certificateChain"], ocpp.ca_file(), tmp_path, "v2g")

    # GetCertificateStatus through the envelope: a real OCSP answer, good per openssl.
    assert inner["certificate_status"]["status"] == "Accepted"
    ocsp_der = base64.b64decode(inner["certificate_status"]["ocspResult"])
    (tmp_path / "resp.der").write_bytes(ocsp_der)
    cpo_sub2 = container.ca.authority("cpo-sub2").certificate
    (tmp_path / "issuer.pem").write_text(pem_of([cpo_sub2]))
    (tmp_path / "cpo.pem").write_text(pem_of(container.ca.chain_to_root("cpo-sub2")))
    checked = openssl(
        "ocsp",
        "-respin",
        str(tmp_path / "resp.der"),
        "-issuer",
        str(tmp_path / "issuer.pem"),
        "-sha256",
        "-serial",
        "0x" + inputs["ocspRequestData"]["serialNumber"],  # type: ignore[index]
        "-CAfile",
        str(tmp_path / "cpo.pem"),
    )
    assert "Response verify OK" in checked and ": good" in checked, checked

    # Refusals of the contract service come back inside a valid envelope.
    assert steps["ev_certificate"]["status"] == "Accepted"
    assert inner["ev_certificate"]["status"] == "Accepted", inner["ev_certificate"]
    checked = josev.call(
        "check_res", exi=inner["ev_certificate"]["exiResponse"], key_pem=key_pem, v2g_root=v2g_root
    )
    assert checked["response_code"] == "OK" and checked["signature_ok"] is True
    assert checked["key_matches"] is True and checked["emaid"] == contract.emaid
    for name in ("authorize_chain", "authorize_hash"):
        assert inner[name]["idTokenInfo"]["status"]
    assert steps["unknown_vendor"] == {"status": "UnknownVendorId"}
    assert steps["not_json"]["status"] == "Rejected"
    assert json.dumps(steps["not_json"]).count("not JSON") == 1


def test_ocpp_rpc_strict_2_1_station(ocpp, ocpp_rpc_modules: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same strict client on ocpp2.1 (the OCA's 2.1 schemas): the 2.0.1 features answered
    on 2.1's schemas, the charging station certificate checked by `openssl verify`."""
    ocpp.add("RPC21-1", evse_ids=["UZ*R21*E1"], allow_v2g_without_tls=True)
    org = ocpp.container.settings.organization
    from cryptography.hazmat.primitives.asymmetric import ec

    inputs = _pnc_inputs(ocpp.container)
    data = inputs["ocspRequestData"]
    assert isinstance(data, dict)
    own = {k: v for k, v in data.items() if k != "responderURL"}
    # A real ISO 15118-20 installation request from the -20 car of tests/contracts.
    pcid = "ZZTESTCARRPC21001"
    oem20 = make_oem_pki20(tmp_path / "oem20", leaf_cn=pcid)
    container = ocpp.container
    with container.transaction() as session:
        container.trust.add_bundle(
            session, oem20.pem("root", "sub1", "sub2"), "oem-root", actor="t"
        )
        add_user(session, container.policy, "rpc21-driver", role="client", actor="test")
        contract = container.contracts.create(
            session, Principal.system("test"), owner="rpc21-driver", pcid=pcid
        )
    car = Car20(oem20, pcid)
    root20_cert = container.ca.authority("v2g-root-20").certificate
    inputs["exiRequest"] = car.request_b64([root20_cert])
    scenario = {
        "endpoint": f"ws://127.0.0.1:{ocpp.ports['ws']}/ocpp",
        "identity": "RPC21-1",
        "password": "correct-horse-battery-1",
        "protocol": "ocpp2.1",
        "evSchema": ISO20_SCHEMAS[0],
        "strictProbe": True,
        "session": "RPC21-TX-1",
        "v2g20Csr": make_csr(
            ec.generate_private_key(ec.SECP521R1()), cn="UZ*R21*E1", o=org
        ).decode(),
        "csr": make_csr(cn="RPC21-1", o=org).decode(),
        "chainStatusRequests": [
            {"certificateHashData": own, "source": "OCSP", "urls": ["http://ocsp.example/"]},
            {"certificateHashData": own, "source": "CRL", "urls": ["http://crl.example/c.crl"]},
        ],
        **inputs,
    }
    report = run_driver(ocpp_rpc_modules, scenario, tmp_path)
    assert report["protocol"] == "ocpp2.1"
    failed = {name: s["error"] for name, s in report["steps"].items() if not s["ok"]}
    # The probe (a Heartbeat with a field 2.1 does not have) was refused by the client's own
    # strict mode; every other request and response passed strict 2.1 validation.
    assert set(failed) == {"strict_probe"}, failed
    assert "notInTheSchema" in failed["strict_probe"] or "additional" in failed["strict_probe"]
    assert report["badMessages"] == [] and report["errors"] == []
    steps = {name: s["response"] for name, s in report["steps"].items() if s["ok"]}
    assert steps["boot"]["status"] == "Accepted"
    station_cert, secc20 = report["certificateSigned"]
    _verify_chain(station_cert["certificateChain"], ocpp.ca_file(), tmp_path, "cs21")
    assert steps["certificate_status"]["status"] == "Accepted"
    assert steps["ev_certificate"]["status"] == "Accepted", steps["ev_certificate"]
    installed = car.accept(steps["ev_certificate"]["exiResponse"], root20_cert)
    assert installed.emaid == contract.emaid
    statuses = steps["chain_status"]["certificateStatus"]
    assert [(c["source"], c["status"]) for c in statuses] == [("OCSP", "Good"), ("CRL", "Good")]
    # GetCertificateStatus on 2.1: a real OCSP answer, good per openssl.
    ocsp_der = base64.b64decode(steps["certificate_status"]["ocspResult"])
    (tmp_path / "resp21.der").write_bytes(ocsp_der)
    cpo_sub2 = ocpp.container.ca.authority("cpo-sub2").certificate
    (tmp_path / "issuer21.pem").write_text(pem_of([cpo_sub2]))
    (tmp_path / "cpo21.pem").write_text(pem_of(ocpp.container.ca.chain_to_root("cpo-sub2")))
    checked = openssl(
        "ocsp",
        "-respin",
        str(tmp_path / "resp21.der"),
        "-issuer",
        str(tmp_path / "issuer21.pem"),
        "-sha256",
        "-serial",
        "0x" + own["serialNumber"],
        "-CAfile",
        str(tmp_path / "cpo21.pem"),
    )
    assert "Response verify OK" in checked and ": good" in checked, checked
    # The -20 SECC certificate: its requestId came back, its chain ends at the -20 root.
    assert steps["sign_v2g20"]["status"] == "Accepted"
    assert secc20["certificateType"] == "V2G20Certificate" and secc20["requestId"] == 2021
    root20 = tmp_path / "root20.pem"
    root20.write_text(pem_of([ocpp.container.ca.authority("v2g-root-20").certificate]))
    _verify_chain(secc20["certificateChain"], root20, tmp_path, "secc20")
    with ocpp.container.transaction() as session:
        record = session.scalar(
            select(TransactionRecord).where(TransactionRecord.station_id == "RPC21-1")
        )
        assert record is not None and record.transaction_id == "RPC21-TX-1"
        assert record.ocpp_version == "2.1"
        assert (record.state, record.meter_start_wh, record.meter_last_wh) == (
            "ended",
            1000.0,
            9000.0,
        )
