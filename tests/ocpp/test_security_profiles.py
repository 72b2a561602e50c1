"""Security profiles 1-3 at the handshake, mirroring OCTT TC_A_01-A_08 and TC_B_30.

Every refusal happens before the WebSocket opens: an HTTP status (404/401/403) or a failed TLS
handshake; the station never gets a connection to misbehave on.
"""

from __future__ import annotations

import ssl
import subprocess

import pytest
from websockets.exceptions import ConnectionClosed, InvalidMessage, InvalidStatus

from tests.ocpp.client import boot, call, open_station
from tests.ocpp.tlsutil import foreign_client_cert, own_client_cert
from tests.pki.foreign import make_foreign_pki

pytestmark = pytest.mark.postgres


def refused_status(url: str, station_id: str | None, **kwargs) -> int:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidStatus) as info:
        open_station(url, station_id, **kwargs)
    return info.value.response.status_code


def test_unknown_station_is_404_and_wrong_path_too(ocpp) -> None:
    assert refused_status(ocpp.ws_url("NOPE"), "NOPE") == 404
    assert refused_status(ocpp.ws_url("a/b"), "a") == 404


def test_profile1_basic_auth(ocpp) -> None:
    ocpp.add("P1")
    with open_station(ocpp.ws_url("P1"), "P1") as ws:  # TC_A_01-ish: right credentials
        assert boot(ws)[2]["status"] == "Accepted"
    assert refused_status(ocpp.ws_url("P1"), "P1", password="wrong-password-123456") == 401
    assert refused_status(ocpp.ws_url("P1"), None) == 401  # no credentials at all
    ocpp.add("P1B")
    # Username must equal the identity in the URL (A00.FR.203), even with a valid password.
    with pytest.raises(InvalidStatus) as info:
        from websockets.sync.client import connect

        from tests.ocpp.client import basic

        connect(ocpp.ws_url("P1"), subprotocols=["ocpp2.0.1"], additional_headers=basic("P1B"))
    assert info.value.response.status_code == 401
    refusals = [r.reason for r in ocpp.server.refusals if r.station_id == "P1"]
    assert "wrong password" in refusals
    assert "Basic username is not the identity" in refusals


def test_refusals_of_known_stations_are_visible_as_security_events(ocpp) -> None:
    ocpp.add("P1E")
    refused_status(ocpp.ws_url("P1E"), "P1E", password="wrong-password-123456")
    from csms.ocpp.db import SecurityEventRecord

    with ocpp.container.session_factory() as session:
        events = session.query(SecurityEventRecord).filter_by(station_id="P1E").all()
    assert [e.type for e in events] == ["ConnectionRefused"]
    assert events[0].tech_info == "wrong password"


def test_profile2_needs_tls_and_basic(ocpp) -> None:
    ocpp.add("P2", profile=2)
    assert refused_status(ocpp.ws_url("P2"), "P2") == 403  # plain TCP
    context = ocpp.client_context()
    context.check_hostname = False
    with open_station(ocpp.wss_url("P2"), "P2", ssl_context=context) as ws:
        assert boot(ws)[2]["status"] == "Accepted"
        assert ws.socket.version() in ("TLSv1.2", "TLSv1.3")  # type: ignore[union-attr]
    assert (
        refused_status(
            ocpp.wss_url("P2"), "P2", ssl_context=context, password="wrong-password-123456"
        )
        == 401
    )


def test_server_certificate_is_from_the_product_ca_for_the_configured_name(ocpp) -> None:
    ocpp.add("P2H", profile=2)
    context = ocpp.client_context()  # check_hostname on: CN/SAN = ocpp_server_hostname
    url = f"wss://localhost:{ocpp.ports['wss']}/ocpp/P2H"
    with open_station(url, "P2H", ssl_context=context) as ws:
        peer = ws.socket.getpeercert()  # type: ignore[union-attr]
    assert dict(x[0] for x in peer["subject"])["commonName"] == "localhost"
    key_file = ocpp.container.settings.data_dir / "ocpp-tls" / "server-ec.key"
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_tls12_suites_required_by_ocpp_are_offered(ocpp) -> None:
    ocpp.add("P2C", profile=2)
    for cipher in (
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "AES128-GCM-SHA256",
        "AES256-GCM-SHA384",
    ):
        context = ocpp.client_context(maximum_version=ssl.TLSVersion.TLSv1_2)
        context.check_hostname = False
        context.set_ciphers(cipher)
        with open_station(ocpp.wss_url("P2C"), "P2C", ssl_context=context) as ws:
            assert ws.socket.cipher()[0] == cipher  # type: ignore[union-attr]


def _s_client(port: int, *args: str) -> tuple[int, str]:
    result = subprocess.run(
        ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", *args],
        input=b"",
        capture_output=True,
        timeout=30,
    )
    return result.returncode, (result.stdout + result.stderr).decode(errors="replace")


def test_tls11_is_refused(ocpp) -> None:
    """TC_A_08-ish: a client that offers only TLS 1.1 gets no session (A00.FR.416/418);
    the same client offering TLS 1.2 does."""
    status, output = _s_client(ocpp.ports["wss"], "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")
    assert status != 0
    assert "no peer certificate available" in output and "Cipher is (NONE)" in output, output
    status, output = _s_client(ocpp.ports["wss"], "-tls1_2")
    assert status == 0 and "Protocol  : TLSv1.2" in output, output


def test_profile3_own_ca_certificate(ocpp, tmp_path) -> None:
    ocpp.add("P3", profile=3)
    cert, key, _ = own_client_cert(ocpp.container, tmp_path, "P3")
    context = ocpp.client_context(cert, key)
    context.check_hostname = False
    with open_station(ocpp.wss_url("P3"), "P3", ssl_context=context, password=None) as ws:
        assert boot(ws)[2]["status"] == "Accepted"


def test_profile3_without_certificate_or_over_plain_tcp(ocpp) -> None:
    ocpp.add("P3N", profile=3)
    context = ocpp.client_context()
    context.check_hostname = False
    assert refused_status(ocpp.wss_url("P3N"), None, ssl_context=context) == 403
    assert refused_status(ocpp.ws_url("P3N"), None) == 403


def test_profile3_cn_must_be_the_identity(ocpp, tmp_path) -> None:
    ocpp.add("P3A", profile=3)
    ocpp.add("P3B", profile=3)
    cert, key, _ = own_client_cert(ocpp.container, tmp_path, "P3B")
    context = ocpp.client_context(cert, key)
    context.check_hostname = False
    # A valid certificate of another station (TC_A_?? "CN ≠ station identity").
    assert refused_status(ocpp.wss_url("P3A"), None, ssl_context=context) == 403


def test_profile3_organisation_must_be_the_operator(ocpp, tmp_path) -> None:
    ocpp.add("P3O", profile=3)
    cert, key, _ = own_client_cert(ocpp.container, tmp_path, "P3O", o="Someone Else")
    context = ocpp.client_context(cert, key)
    context.check_hostname = False
    assert refused_status(ocpp.wss_url("P3O"), None, ssl_context=context) == 403


def test_profile3_revoked_certificate(ocpp, tmp_path) -> None:
    ocpp.add("P3R", profile=3)
    cert, key, serial = own_client_cert(ocpp.container, tmp_path, "P3R")
    with ocpp.container.transaction() as session:
        ocpp.container.ca.revoke(session, serial, reason="keyCompromise", actor="test")
    context = ocpp.client_context(cert, key)
    context.check_hostname = False
    assert refused_status(ocpp.wss_url("P3R"), None, ssl_context=context) == 403
    assert any("revoked" in r.reason for r in ocpp.server.refusals if r.station_id == "P3R")


def _tls_refused(url: str, context: ssl.SSLContext) -> None:
    """The TLS handshake fails (asyncio's TLS layer closes without flushing the alert, so the
    client sees an EOF rather than a named alert); no HTTP exchange ever happens."""
    for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.MAXIMUM_SUPPORTED):
        context.maximum_version = version
        with pytest.raises(
            (ssl.SSLError, InvalidMessage, ConnectionClosed, ConnectionError, EOFError)
        ):
            open_station(url, None, ssl_context=context)


def test_profile3_unknown_ca_and_expired_fail_the_tls_handshake(start_ocpp, tmp_path) -> None:
    ocpp = start_ocpp()
    ocpp.add("P3F", profile=3)
    org = ocpp.container.settings.organization
    unknown = make_foreign_pki(tmp_path / "unknown", name="Stranger")
    cert, key = foreign_client_cert(unknown.dir, tmp_path / "c", "P3F", org)
    context = ocpp.client_context(cert, key)
    context.check_hostname = False
    _tls_refused(ocpp.wss_url("P3F"), context)

    # A CSO root the operator imported is trusted; a certificate under it works until expired.
    cso = make_foreign_pki(tmp_path / "cso", name="CSO")
    with ocpp.container.transaction() as session:
        ocpp.container.trust.add_bundle(
            session, cso.pem("root", "sub1", "sub2"), "cso-root", actor="test"
        )
    # What the listener's minute tick does after `csms pki trust add` in another process.
    ocpp.background.submit(ocpp.server._refresh_trust_if_changed())
    good_cert, good_key = foreign_client_cert(cso.dir, tmp_path / "c", "P3F", org)
    good = ocpp.client_context(good_cert, good_key)
    good.check_hostname = False
    with open_station(ocpp.wss_url("P3F"), None, ssl_context=good) as ws:
        assert boot(ws)[2]["status"] == "Accepted"
    old_cert, old_key = foreign_client_cert(cso.dir, tmp_path / "c", "P3F", org, expired=True)
    expired = ocpp.client_context(old_cert, old_key)
    expired.check_hostname = False
    _tls_refused(ocpp.wss_url("P3F"), expired)


def test_messages_before_accepted_boot_get_security_error(ocpp) -> None:
    """TC_B_30-ish: nothing but BootNotification before Accepted; Pending stays restricted."""
    ocpp.add("PB", boot_policy="pending")
    with open_station(ocpp.ws_url("PB"), "PB") as ws:
        for action, payload in (
            ("Heartbeat", {}),
            (
                "StatusNotification",
                {
                    "timestamp": "2026-01-01T00:00:00Z",
                    "connectorStatus": "Available",
                    "evseId": 1,
                    "connectorId": 1,
                },
            ),
            ("Authorize", {"idToken": {"idToken": "X", "type": "ISO14443"}}),
        ):
            answer = call(ws, action, payload)
            assert answer[0] == 4 and answer[2] == "SecurityError", answer
        assert boot(ws)[2]["status"] == "Pending"
        assert call(ws, "Heartbeat", {})[2] == "SecurityError"
        with ocpp.container.transaction() as session:
            ocpp.container.ocpp.registry.update(session, "PB", actor="test", boot_policy="accept")
        assert boot(ws)[2]["status"] == "Accepted"
        assert call(ws, "Heartbeat", {})[0] == 3
