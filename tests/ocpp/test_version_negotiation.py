"""One endpoint, three versions: the subprotocol a station offers, against what its
registration allows, decides the version; an offer with none of them is answered without a
subprotocol and closed with 1002 (part 4 §3.1.2). The version chosen is remembered."""

from __future__ import annotations

import pytest
from websockets.exceptions import ConnectionClosed

from csms.ocpp.db import StationRecord
from tests.ocpp.client import open_station

pytestmark = pytest.mark.postgres

# (offer, pinned version or None) → the subprotocol chosen, or None: closed with 1002.
TABLE = [
    (("ocpp1.6",), None, "ocpp1.6"),
    (("ocpp2.0.1",), None, "ocpp2.0.1"),
    (("ocpp2.1", "ocpp2.0.1"), None, "ocpp2.1"),
    (("ocpp2.0.1", "ocpp2.1"), None, "ocpp2.1"),  # the newest, whatever the offer's order
    (("ocpp1.6", "ocpp2.0.1"), None, "ocpp2.0.1"),
    (("ocpp1.5",), None, None),
    ((), None, None),
    (("ocpp2.1", "ocpp2.0.1"), "2.0.1", "ocpp2.0.1"),  # pinned below the newest offered
    (("ocpp2.1", "ocpp2.0.1", "ocpp1.6"), "1.6", "ocpp1.6"),
    (("ocpp2.0.1",), "1.6", None),  # pinned to a version it did not offer
    (("ocpp1.6",), "2.1", None),
    (("ocpp2.1",), "2.1", "ocpp2.1"),
]


@pytest.mark.parametrize(("offer", "pinned", "chosen"), TABLE)
def test_offer_and_registration_decide_the_version(ocpp, offer, pinned, chosen) -> None:  # type: ignore[no-untyped-def]
    station_id = f"NEG-{abs(hash((offer, pinned))) % 10**8}"
    ocpp.add(station_id, ocpp_version=pinned)
    ws = open_station(ocpp.ws_url(station_id), station_id, subprotocols=offer or None)
    try:
        assert ws.subprotocol == chosen
        if chosen is None:
            with pytest.raises(ConnectionClosed):
                ws.recv(timeout=10)
            assert ws.close_code == 1002
    finally:
        ws.close()
    with ocpp.container.transaction() as session:
        record = session.get(StationRecord, station_id)
        assert record is not None
        expected = chosen.removeprefix("ocpp") if chosen else None
        assert record.last_ocpp_version == expected
        assert record.ocpp_version == pinned


def test_an_unknown_version_pin_is_refused_with_its_code(ocpp) -> None:  # type: ignore[no-untyped-def]
    from csms.ocpp.stations import StationError

    with pytest.raises(StationError) as refused:
        ocpp.add("NEG-BAD", ocpp_version="1.5")
    assert refused.value.code == "ocpp_version_unknown"


def test_pin_through_the_cli_and_the_api(ocpp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every door sets the same pin, through the station service; a bad version is a typed
    refusal (CLI exit 2 with the choices; API 422 with the reason)."""
    import httpx
    from click.testing import CliRunner

    from csms.app import create_app
    from csms.cli import main
    from tests.ocpp.conftest import API
    from tests.pki.server import serving

    settings = ocpp.container.settings
    for name in ("database_url", "data_dir", "key_passphrase", "key_label_prefix"):
        monkeypatch.setenv(f"CSMS_{name.upper()}", str(getattr(settings, name)))
    runner = CliRunner()
    added = runner.invoke(
        main, ["station", "add", "PIN-CLI", "--security-profile", "1", "--ocpp-version", "1.6"]
    )
    assert added.exit_code == 0, added.output
    assert (
        runner.invoke(main, ["station", "set", "PIN-CLI", "--ocpp-version", "1.5"]).exit_code == 2
    )
    unpinned = runner.invoke(main, ["station", "set", "PIN-CLI", "--ocpp-version", "any"])
    assert unpinned.exit_code == 0 and "OCPP any version" in unpinned.output
    with serving(create_app(ocpp.container)) as base:
        pinned = httpx.patch(
            f"{base}/api/v1/stations/PIN-CLI", headers=API, json={"ocpp_version": "2.1"}
        )
        assert pinned.status_code == 200, pinned.text
        assert pinned.json()["ocpp_version"] == "2.1"
        bad = httpx.patch(
            f"{base}/api/v1/stations/PIN-CLI", headers=API, json={"ocpp_version": "3.0"}
        )
        # The schema names the versions there are: refused before the service is asked.
        assert bad.status_code == 422 and "'2.0.1'" in bad.text and "ocpp_version" in bad.text
    with ocpp.container.transaction() as session:
        record = session.get(StationRecord, "PIN-CLI")
        assert record is not None and record.ocpp_version == "2.1"


@pytest.mark.parametrize("version", ["1.6", "2.1"])
@pytest.mark.parametrize("profile", [1, 2, 3])
def test_security_profiles_work_the_same_in_every_version(ocpp, tmp_path, version, profile) -> None:  # type: ignore[no-untyped-def]
    """Profiles 1-3 on a 1.6 and a 2.1 connection, as on 2.0.1 (tests/ocpp/
    test_security_profiles.py): the credential the profile asks for lets the station in, the
    connection without it is refused before the WebSocket opens."""
    from websockets.exceptions import InvalidStatus

    from tests.ocpp.tlsutil import own_client_cert

    station_id = f"SP{profile}-{version}"
    ocpp.add(station_id, profile=profile)
    offer = (f"ocpp{version}",)
    if profile == 1:
        good = {"url": ocpp.ws_url(station_id)}
        bad = {"url": ocpp.ws_url(station_id), "password": "wrong-password-0000"}
    else:
        context = ocpp.client_context()
        context.check_hostname = False
        if profile == 2:
            good = {"url": ocpp.wss_url(station_id), "ssl_context": context}
            bad = {"url": ocpp.ws_url(station_id)}  # Basic without TLS
        else:
            cert, key, _ = own_client_cert(ocpp.container, tmp_path, station_id)
            with_cert = ocpp.client_context(cert, key)
            with_cert.check_hostname = False
            good = {"url": ocpp.wss_url(station_id), "ssl_context": with_cert, "password": None}
            bad = {"url": ocpp.wss_url(station_id), "ssl_context": context, "password": None}
    with open_station(good.pop("url"), station_id, subprotocols=offer, **good) as ws:
        assert ws.subprotocol == offer[0]
    with pytest.raises(InvalidStatus) as refused:
        open_station(bad.pop("url"), station_id, subprotocols=offer, **bad)
    assert refused.value.response.status_code in (401, 403)
