"""A connected charging station for the technician's actions: boots, then answers every CALL
of the CSMS with Accepted (and a certificate list for GetInstalledCertificateIds)."""

from __future__ import annotations

import json
import threading
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection

from tests.ocpp.client import boot, open_station

INSTALLED_SERIAL = "5A17C0FFEE"


def answer_for(action: str) -> dict[str, Any]:
    if action == "GetInstalledCertificateIds":
        return {
            "status": "Accepted",
            "certificateHashDataChain": [
                {
                    "certificateType": "V2GRootCertificate",
                    "certificateHashData": {
                        "hashAlgorithm": "SHA256",
                        "issuerNameHash": "00" * 32,
                        "issuerKeyHash": "11" * 32,
                        "serialNumber": INSTALLED_SERIAL,
                    },
                }
            ],
        }
    return {"status": "Accepted"}


class StationPeer:
    def __init__(self, url: str, station_id: str, password: str) -> None:
        self.ws: ClientConnection = open_station(url, station_id, password=password)
        self.received: list[str] = []
        boot(self.ws)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            while True:
                frame = json.loads(self.ws.recv())
                if frame[0] == 2:  # a CALL from the CSMS
                    self.received.append(frame[2])
                    self.ws.send(json.dumps([3, frame[1], answer_for(frame[2])]))
        except (ConnectionClosed, OSError):
            return

    def close(self) -> None:
        self.ws.close()
        self._thread.join(timeout=10)
