"""A contract installed over OCPP 1.6J's Plug & Charge DataTransfer, checked by a car nobody
here wrote: Josev writes the ISO 15118-2 CertificateInstallationReq (its models, EXI codec and
signature), the `ocpp` package's v16 charge point carries it inside DataTransfer to the
product, and Josev checks the answer (the CPS signature, the contract key it decrypts, the
eMAID)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from ocpp.v16 import call

from auth.principal import Principal
from auth.users import add_user
from contracts.cps import ISO2_SCHEMA
from tests.contracts.car import JosevCar
from tests.contracts.conftest import josev
from tests.harness.aio import run_async
from tests.ocpp.test_v16_core import PNC, boot, station16
from tests.pki.foreign import make_foreign_pki

pytestmark = [pytest.mark.interop, pytest.mark.postgres]
__all__ = ["josev"]

PCID = "ZZTESTCAR16JOSEV1"


def _der_b64(cert: Any) -> str:
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()


def test_josev_installs_a_contract_through_the_1_6_pnc_data_transfer(
    ocpp, josev: JosevCar, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    container = ocpp.container
    oem = make_foreign_pki(tmp_path / "oem16", leaf_cn=PCID)
    with container.transaction() as session:
        container.trust.add_bundle(session, oem.pem("root", "sub1", "sub2"), "oem-root", actor="t")
        add_user(session, container.policy, "josev-driver", role="client", actor="test")
        contract = container.contracts.create(
            session, Principal.system("test"), owner="josev-driver", pcid=PCID
        )
    v2g_root = _der_b64(container.ca.authority("v2g-root").certificate)
    request = josev.call(
        "install_req",
        oem_cert=_der_b64(oem.leaf),
        key_pem=oem.leaf_key_pem.decode(),
        roots=[v2g_root],
        session_id="16A1B2C3D4E5F607",
    )
    ocpp.add("V16-JOSEV")
    inner = {
        "iso15118SchemaVersion": ISO2_SCHEMA,
        "action": "Install",
        "exiRequest": request["exi"],
    }

    async def run() -> Any:
        async with station16(ocpp.ws_url("V16-JOSEV"), "V16-JOSEV") as cp:
            await boot(cp)
            return await cp.call(
                call.DataTransfer(
                    vendor_id=PNC, message_id="Get15118EVCertificate", data=json.dumps(inner)
                )
            )

    envelope = run_async(run())
    assert envelope.status == "Accepted"
    answer = json.loads(envelope.data)
    assert answer["status"] == "Accepted", answer
    checked = josev.call(
        "check_res",
        exi=answer["exiResponse"],
        key_pem=oem.leaf_key_pem.decode(),
        v2g_root=v2g_root,
    )
    assert checked["message"] == "CertificateInstallationRes"
    assert checked["response_code"] == "OK"
    assert checked["signature_ok"] is True and checked["key_matches"] is True
    assert checked["emaid"] == contract.emaid
