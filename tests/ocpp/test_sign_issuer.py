"""SignCertificate meets the CA's issuer rule like every other door (issue 12).

A station never names a CA: csms/ocpp/certificates.py maps the certificate type to a profile,
and the CA takes that profile's default issuer from certs/profiles.toml. So the rule reaches
this door through the profile. The test wires the door to a profile no request may be issued
under (a delegated OCSP responder, as a careless edit of `PROFILES` would) and expects the
CA's typed refusal to reach the station, with nothing stored.

Written before the fix and run against it: it failed there, because the CA signed an OCSP
responder certificate (id-kp-OCSPSigning, ocsp-nocheck) under cpo-sub2 for the station's key
and answered Accepted.
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import func, select

import csms.ocpp.certificates as station_certificates
from pki.db import CertificateRecord
from tests.ocpp.client import boot, call, open_station
from tests.pki.helpers import make_csr

pytestmark = pytest.mark.postgres


def test_sign_certificate_relays_the_issuer_refusal_and_stores_nothing(
    ocpp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        station_certificates.PROFILES,
        station_certificates.CHARGING_STATION,
        ("ocsp-responder", True),
    )
    ocpp.add("CS-ISSUER")

    def rows() -> int:
        with ocpp.container.session_factory() as session:
            return int(session.scalar(select(func.count()).select_from(CertificateRecord)) or 0)

    before = rows()
    csr = make_csr(
        ec.generate_private_key(ec.SECP256R1()),
        cn="CS-ISSUER",
        o=ocpp.container.settings.organization,
    )
    with open_station(ocpp.ws_url("CS-ISSUER"), "CS-ISSUER") as ws:
        boot(ws)
        answer = call(
            ws,
            "SignCertificate",
            {"csr": csr.decode(), "certificateType": station_certificates.CHARGING_STATION},
        )
        assert answer[2]["status"] == "Rejected", answer
        assert answer[2]["statusInfo"]["reasonCode"] == "issuer_not_allowed"
        assert call(ws, "Heartbeat", {})[0] == 3  # and no CertificateSigned came in between
    assert rows() == before
