from tests.ocpp.client import boot, call, open_station


def test_boot_and_heartbeat(ocpp) -> None:
    ocpp.add("CS1")
    with open_station(ocpp.ws_url("CS1"), "CS1") as ws:
        assert ws.subprotocol == "ocpp2.0.1"
        assert call(ws, "Heartbeat", {})[2] == "SecurityError"
        answer = boot(ws)
        assert answer[0] == 3 and answer[2]["status"] == "Accepted"
        assert call(ws, "Heartbeat", {})[0] == 3
