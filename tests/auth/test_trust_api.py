"""The REST doors of issue 15's trust worlds, over a real server: a product sub-CA's CSR
exported and its certificate under an external root imported, an anchor distrusted and
restored with its state visible, each refusal a 4xx with a reason, and admins only."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509

from pki.authority import fingerprint_of
from tests.auth.conftest import World
from tests.pki.external_ca import make_external_ca

pytestmark = pytest.mark.postgres


def test_sub_ca_import_distrust_and_restore_through_the_api(world: World, tmp_path: Path) -> None:
    x = make_external_ca(tmp_path / "x", "ApiXroot")
    fp = fingerprint_of(x.root)
    with world.client("admin") as admin, world.client("technician") as technician:
        added = admin.post("/api/v1/trust", json={"kind": "v2g-root", "pem": x.root_pem.decode()})
        assert added.status_code == 201, added.text

        csr = admin.get("/api/v1/pki/sub-ca/cpo-sub1/csr")
        assert csr.status_code == 200 and csr.headers["content-type"] == "application/pkcs10"
        request = x509.load_pem_x509_csr(csr.content)
        own = world.container.ca.authority("cpo-sub1").certificate
        assert request.is_signature_valid and request.public_key() == own.public_key()
        assert technician.get("/api/v1/pki/sub-ca/cpo-sub1/csr").status_code == 403

        signed = x.sign(csr.content, "cpo-sub1").read_text()
        wrong = admin.post("/api/v1/pki/sub-ca/cps-sub1/certificates", json={"pem": signed})
        assert wrong.status_code == 400 and "key" in wrong.json()["detail"]
        imported = admin.post("/api/v1/pki/sub-ca/cpo-sub1/certificates", json={"pem": signed})
        assert imported.status_code == 201, imported.text
        assert imported.json()["ca"] == "cpo-sub1" and not imported.json()["already_known"]

        assert admin.post(f"/api/v1/trust/{fp}/distrust", json={}).status_code == 422
        denied = technician.post(f"/api/v1/trust/{fp}/distrust", json={"reason": "no"})
        assert denied.status_code == 403
        distrusted = admin.post(f"/api/v1/trust/{fp}/distrust", json={"reason": "compromised"})
        assert distrusted.status_code == 200, distrusted.text
        body = distrusted.json()
        assert (body["state"], body["state_reason"], body["source"]) == (
            "distrusted",
            "compromised",
            "file",
        )
        (listed,) = [a for a in admin.get("/api/v1/trust").json() if a["fingerprint"] == fp]
        assert listed["state"] == "distrusted" and listed["state_by"] and listed["not_before"]
        again = admin.post(f"/api/v1/trust/{fp}/distrust", json={"reason": "again"})
        assert again.status_code == 400 and "already" in again.json()["detail"]
        # Under a distrusted root nothing new is imported.
        second = x.sign(csr.content, "cpo-sub1-second").read_text()
        refused = admin.post("/api/v1/pki/sub-ca/cpo-sub1/certificates", json={"pem": second})
        assert refused.status_code == 400 and "active" in refused.json()["detail"]

        restored = admin.post(f"/api/v1/trust/{fp}/restore")
        assert restored.status_code == 200 and restored.json()["state"] == "active"
        assert admin.post("/api/v1/trust/cross", json={"pem": "junk"}).status_code == 400
