"""Plug & Charge diagnostics through the product's OCPP path on PostgreSQL: real
Get15118EVCertificate installations (a simulated car's signed EXI) and Authorize with the
contract chain leave records an operator can read (decoded messages, each certificate's
verdict, status and reason, timings), never the contract's private key; the REST API finds
them by PCID, eMAID and station, each role within its scope."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from auth.principal import Principal
from auth.users import add_partner, add_user
from csms.app import create_app
from csms.console import catalog
from csms.ocpp.db import PncDiagnosticRecord
from csms.ocpp.diagnostics_service import DiagnosticsQuery, all_reason_words
from csms.simulator.car import InstalledContract, SimulatedCar
from iso15118.exi.schemas import codec
from pki.authority import pem_of
from tests.ocpp.client import boot, call, open_station
from tests.ocpp.conftest import Running
from tests.pki.server import serving

pytestmark = pytest.mark.postgres

ISO2 = "urn:iso:15118:2:2013:MsgDef"
OPERATOR = Principal.system("test")
PASSWORD = "correct horse battery staple"
STATION = "CS-DIAG-1"
OTHER_STATION = "CS-DIAG-B"
GOOD_PCID = "ZZDIAGCAR00000001"
UNANCHORED_PCID = "ZZDIAGCAR00000002"
UNKNOWN_PCID = "ZZDIAGCAR00000003"
USERS = {
    "admin": ("admin-d", "admin", None),
    "partner_a": ("staff-da", "partner", "Diag A"),
    "partner_b": ("staff-db", "partner", "Diag B"),
    "owner": ("driver-d1", "client", None),
    "stranger": ("driver-d2", "client", None),
}


def _car(running: Running, pcid: str) -> SimulatedCar:
    ca = running.container.ca
    key = ec.generate_private_key(ec.SECP256R1())
    with running.container.transaction() as session:
        oem = ca.issue_for_key(session, key.public_key(), "oem-prov", common_name=pcid, actor="t")
    return SimulatedCar(pcid, oem.certificate, key, [ca.authority("v2g-root").certificate])


def _trust_oem_root(running: Running) -> None:
    ca = running.container.ca
    with running.container.transaction() as session:
        running.container.trust.add_bundle(
            session, pem_of(ca.chain_to_root("oem-sub2")).encode(), "oem-root", actor="t"
        )


def _install(ws: Any, car: SimulatedCar) -> dict[str, Any]:
    answer = call(
        ws,
        "Get15118EVCertificate",
        {
            "iso15118SchemaVersion": ISO2,
            "action": "Install",
            "exiRequest": car.installation_request(),
        },
    )
    assert answer[0] == 3, answer
    return answer[2]  # type: ignore[no-any-return]


@dataclass
class Story:
    running: Running
    installed: InstalledContract
    exi_response: str  # the accepted installation's, as the station received it
    emaid: str
    url: str
    tokens: dict[str, str]

    def api(self, role: str) -> httpx.Client:
        return httpx.Client(
            base_url=self.url,
            headers={"Authorization": f"Bearer {self.tokens[role]}"},
            timeout=30,
        )

    def records(self) -> list[PncDiagnosticRecord]:
        with self.running.container.session_factory() as session:
            return list(
                session.scalars(select(PncDiagnosticRecord).order_by(PncDiagnosticRecord.id))
            )


@pytest.fixture
def story(ocpp: Running) -> Iterator[Story]:
    """At Diag A's station: a car whose maker's root is not trusted yet (refused), the same
    network then trusting it: an unknown car (refused) and the owner's car (installed), which
    then authorizes with its contract chain (accepted) and with another eMAID (refused)."""
    container = ocpp.container
    with container.transaction() as session:
        add_partner(session, "Diag A", actor="t")
        add_partner(session, "Diag B", actor="t")
        for username, role, partner in USERS.values():
            add_user(
                session,
                container.policy,
                username,
                role=role,
                partner=partner,
                password=PASSWORD,
                actor="t",
            )
        contract = container.contracts.create(session, OPERATOR, owner="driver-d1", pcid=GOOD_PCID)
        container.contracts.bind_vehicle(session, OPERATOR, contract.emaid, UNANCHORED_PCID)
        other = container.contracts.create(
            session, OPERATOR, owner="driver-d2", pcid="ZZDIAGCAR00000009"
        )
    ocpp.add(STATION, partner="Diag A")
    ocpp.add(OTHER_STATION, partner="Diag B")
    unanchored, unknown, good = (
        _car(ocpp, UNANCHORED_PCID),
        _car(ocpp, UNKNOWN_PCID),
        _car(ocpp, GOOD_PCID),
    )
    with open_station(ocpp.ws_url(STATION), STATION) as ws:
        boot(ws)
        assert _install(ws, unanchored)["status"] == "Failed"
        _trust_oem_root(ocpp)
        assert _install(ws, unknown)["status"] == "Failed"
        accepted = _install(ws, good)
        assert accepted["status"] == "Accepted", accepted
        installed = good.accept_installation(accepted["exiResponse"])
        token = {"idToken": installed.emaid, "type": "eMAID"}
        by_chain = call(ws, "Authorize", {"idToken": token, "certificate": installed.pem_chain()})
        assert by_chain[2]["idTokenInfo"]["status"] == "Accepted"
        wrong = {"idToken": other.emaid, "type": "eMAID"}
        refused = call(ws, "Authorize", {"idToken": wrong, "certificate": installed.pem_chain()})
        assert refused[2]["certificateStatus"] == "CertChainError"
    with serving(create_app(container)) as url:
        tokens = {}
        for role, (username, _r, _p) in USERS.items():
            with httpx.Client(base_url=url, timeout=30) as client:
                answer = client.post(
                    "/api/v1/auth/token", data={"username": username, "password": PASSWORD}
                )
            assert answer.status_code == 200, answer.text
            tokens[role] = answer.json()["access_token"]
        yield Story(ocpp, installed, accepted["exiResponse"], contract.emaid, url, tokens)


def test_installations_and_authorizations_leave_readable_records(story: Story) -> None:
    records = story.records()
    kinds = [(r.kind, r.pcid, r.outcome, r.reason_code) for r in records]
    assert kinds == [
        ("installation", UNANCHORED_PCID, "refused", "FAILED_CertChainError"),
        ("installation", UNKNOWN_PCID, "refused", "FAILED_NoCertificateAvailable"),
        ("installation", GOOD_PCID, "accepted", "OK"),
        ("authorize", None, "accepted", "Accepted"),
        ("authorize", None, "refused", "CertChainError"),
    ]
    unanchored, unknown, good, authorized, wrong_emaid = records
    for record in records:
        assert record.station_id == STATION and record.ocpp_version == "2.0.1"
        assert record.request_id  # the CALL's message id
        assert record.timings and all(ms >= 0 for ms in record.timings.values())
        assert record.timings["total"] >= max(
            [0.0, *(v for k, v in record.timings.items() if k != "total")]
        )

    # The refused car's chain: its OEM leaf is valid and within the rules, but leads to no
    # trusted root; the operator reads why, the car got the ISO code.
    assert unanchored.status == "Failed" and unanchored.root is None
    assert "no trusted issuer" in (unanchored.detail or "")
    leaf = unanchored.certificates[0]
    assert UNANCHORED_PCID in leaf["subject"]
    assert leaf["validity"] == "valid" and leaf["profile"] is None and not leaf["anchor"]
    assert UNANCHORED_PCID in (unanchored.request_text or "")
    assert (
        json.loads(unanchored.response_text or "")["V2G_Message"]["Body"][
            "CertificateInstallationRes"
        ]["ResponseCode"]
        == "FAILED_CertChainError"
    )
    for step in ("decode", "chain", "encode"):
        assert step in unanchored.timings, step

    # The unknown car's chain is anchored now; the refusal is about the contract.
    assert unknown.root is not None
    assert [c["anchor"] for c in unknown.certificates][-1] is True
    assert unknown.emaid is None and "no contract for PCID" in (unknown.detail or "")

    # The installed one: every certificate valid, the leaf's revocation from the imported
    # CRLs or unknown, the anchor the OEM root; eMAID and PCID in the decoded messages.
    assert good.status == "Accepted" and good.emaid == story.emaid
    assert all(c["validity"] == "valid" and c["profile"] is None for c in good.certificates)
    assert GOOD_PCID in (good.request_text or "")
    response = json.loads(good.response_text or "")
    body = response["V2G_Message"]["Body"]["CertificateInstallationRes"]
    assert body["eMAID"]["value"] == story.emaid
    assert body["ContractSignatureEncryptedPrivateKey"].startswith("encrypted private key, ")
    for step in ("decode", "chain", "signature", "signing", "encode"):
        assert step in good.timings, step

    # No private key material anywhere in the records: neither the encrypted contract key
    # the car received nor the key itself.
    exi = base64.b64decode(story.exi_response)
    sent = codec("iso-2").decode(exi)["V2G_Message"]["Body"]["CertificateInstallationRes"]
    encrypted = sent["ContractSignatureEncryptedPrivateKey"]["value"]
    assert f"encrypted private key, {len(encrypted)} bytes" in (good.response_text or "")
    key = story.installed.private_key
    scalar = key.private_numbers().private_value.to_bytes(32, "big")
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    for record in records:
        stored = json.dumps(
            [record.request_text, record.response_text, record.detail, record.certificates]
        )
        for secret in (encrypted, scalar, der):
            assert base64.b64encode(secret).decode() not in stored
            assert secret.hex() not in stored.lower()

    # Authorize: the contract chain judged certificate by certificate, anchored at mo-root.
    assert authorized.emaid == story.emaid and authorized.status == "Accepted"
    assert authorized.root is not None and len(authorized.certificates) >= 3
    assert authorized.certificates[0]["revocation"] == "good"
    assert authorized.certificates[0]["revocation_source"] == "own_records"
    assert "chain" in authorized.timings
    assert wrong_emaid.status == "Invalid" and "CN is not" in (wrong_emaid.detail or "")


def test_the_api_searches_and_scopes_the_records(story: Story) -> None:
    with story.api("admin") as admin:
        by_pcid = admin.get("/api/v1/pnc-diagnostics", params={"pcid": UNANCHORED_PCID.lower()})
        assert by_pcid.status_code == 200
        (refused,) = by_pcid.json()["items"]
        assert refused["full"] and refused["reason_code"] == "FAILED_CertChainError"
        assert refused["reason"].startswith("The car's certificate does not lead")
        assert refused["certificates"] and refused["timings_ms"]["total"] >= 0
        by_emaid = admin.get("/api/v1/pnc-diagnostics", params={"emaid": story.emaid}).json()[
            "items"
        ]
        assert [r["kind"] for r in by_emaid] == ["authorize", "installation"]  # newest first
        at_station = admin.get("/api/v1/pnc-diagnostics", params={"station_id": STATION}).json()[
            "items"
        ]
        assert len(at_station) == 5
        failed = admin.get(
            "/api/v1/pnc-diagnostics", params={"station_id": STATION, "outcome": "refused"}
        ).json()["items"]
        assert len(failed) == 3
        page = admin.get("/api/v1/pnc-diagnostics", params={"per_page": 2, "page": 2}).json()
        assert page["total"] == 5 and page["pages"] == 3
        assert [r["id"] for r in page["items"]] == [r["id"] for r in at_station[2:4]]
        one = admin.get(f"/api/v1/pnc-diagnostics/{refused['id']}").json()
        assert one["request"] and UNANCHORED_PCID in one["request"]
        assert admin.get("/api/v1/pnc-diagnostics", params={"per_page": 1000}).status_code == 422
        # A filter the list does not know, or a value it does not take: 400 with the reason.
        assert admin.get("/api/v1/pnc-diagnostics", params={"kind": "other"}).status_code == 400
        assert admin.get("/api/v1/pnc-diagnostics", params={"limit": 2}).status_code == 400

    with story.api("partner_a") as partner:
        assert partner.get("/api/v1/pnc-diagnostics").json()["total"] == 5
        assert partner.get(f"/api/v1/pnc-diagnostics/{refused['id']}").json()["full"] is True
    with story.api("partner_b") as partner:
        assert partner.get("/api/v1/pnc-diagnostics").json()["items"] == []
        assert partner.get(f"/api/v1/pnc-diagnostics/{refused['id']}").status_code == 404

    with story.api("owner") as owner:
        mine = owner.get("/api/v1/pnc-diagnostics").json()["items"]
        # Their cars' installations (not the unknown car's) and their contract's authorization;
        # the refused Authorize named another driver's eMAID with this car's chain.
        assert sorted(r["pcid"] or r["emaid"] for r in mine) == sorted(
            [UNANCHORED_PCID, GOOD_PCID, story.emaid]
        )
        shown = owner.get(f"/api/v1/pnc-diagnostics/{refused['id']}").json()
        assert shown["full"] is False and shown["reason"] == refused["reason"]
        for internal in ("detail", "request", "response", "root", "request_id"):
            assert shown[internal] is None, internal
        assert shown["certificates"] == [] and shown["timings_ms"] == {}
    with story.api("stranger") as stranger:
        assert stranger.get(f"/api/v1/pnc-diagnostics/{refused['id']}").status_code == 404
        assert all(
            r["emaid"] != story.emaid
            for r in stranger.get("/api/v1/pnc-diagnostics").json()["items"]
        )
    assert httpx.get(f"{story.url}/api/v1/pnc-diagnostics", timeout=30).status_code == 401


def test_records_are_pruned_after_their_days(story: Story) -> None:
    from datetime import UTC, datetime, timedelta

    container = story.running.container
    recorder = container.ocpp.diagnostics
    with container.transaction() as session:
        assert recorder.prune(session) == 0
        later = datetime.now(UTC) + timedelta(days=container.settings.pnc_diagnostics_days + 1)
        assert recorder.prune(session, now=later) == 5
    with container.session_factory() as session:
        assert container.pnc_diagnostics.search(session, OPERATOR, DiagnosticsQuery()) == []


@pytest.mark.parametrize("language", ["uz", "ru"])
def test_every_plain_reason_is_translated(language: str) -> None:
    po = catalog.load(language)
    for words in all_reason_words():
        found = po.get(words)
        assert found is not None and found.string and found.string != words, (language, words)


def test_a_record_that_cannot_be_written_costs_the_station_nothing(ocpp: Running) -> None:
    from sqlalchemy import text

    from csms import metrics

    with ocpp.container.transaction() as session:
        session.execute(text("DROP TABLE ocpp_pnc_diagnostics"))  # a database that refuses
    ocpp.add(STATION)
    failures = "csms_pnc_diagnostics_failures_total"
    before = metrics.REGISTRY.get_sample_value(failures) or 0.0
    with open_station(ocpp.ws_url(STATION), STATION) as ws:
        boot(ws)
        token = {"idToken": "UZUPCC000000017", "type": "eMAID"}
        answer = call(ws, "Authorize", {"idToken": token})
        assert answer[0] == 3 and answer[2]["idTokenInfo"]["status"] in ("Unknown", "Invalid")
        assert call(ws, "Heartbeat", {})[0] == 3  # the connection carries on
    assert (metrics.REGISTRY.get_sample_value(failures) or 0.0) == before + 1


def test_record_numbers_that_cannot_exist_are_not_found(story: Story) -> None:
    with story.api("admin") as admin:
        assert admin.get("/api/v1/pnc-diagnostics/99999999").status_code == 404
        assert admin.get(f"/api/v1/pnc-diagnostics/{2**40}").status_code == 422
    with httpx.Client(base_url=story.url, timeout=30) as browser:
        form = browser.get("/console/login").text
        csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        browser.post(
            "/console/login", data={"username": "admin-d", "password": PASSWORD, "csrf": csrf}
        )
        for path in ("abc", str(2**40), "0"):
            page = browser.get(f"/console/diagnostics/{path}")
            assert page.status_code == 404 and "text/html" in page.headers["content-type"], path
