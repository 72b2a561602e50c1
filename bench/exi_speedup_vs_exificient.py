"""Encode + decode of a CertificateInstallationRes per second: ours vs warm EXIficient.

Run: .venv/bin/python bench/exi_speedup_vs_exificient.py   (sets up the oracle venv if needed)
Prints JSON lines; the headline is {"figure": "exi_speedup_vs_exificient", ...}.
"""

from __future__ import annotations

import base64
import json
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from iso15118.exi.schemas import codec  # noqa: E402
from tests.iso15118.oracle import Oracle  # noqa: E402

VECTOR = REPO / "tests/iso15118/vectors/hubject-opcp/CertificateInstallationRes.exi.b64"


def per_second(function, seconds: float = 2.0) -> float:  # type: ignore[no-untyped-def]
    count = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        function()
        count += 1
    return count / (time.perf_counter() - started)


def main() -> None:
    data = base64.b64decode(VECTOR.read_text())
    ours = codec("iso-2", json_text=True)
    tree = ours.decode(data)

    def ours_round_trip() -> None:
        ours.encode(ours.decode(data))

    ours_rate = per_second(ours_round_trip)
    tracemalloc.start()
    ours.decode(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    oracle = Oracle()
    try:
        for _ in range(50):  # warm the JVM
            oracle.decode_many([(data, "iso-2")])
            oracle.encode_many([(tree, "iso-2")])
        batch = 20
        started = time.perf_counter()
        rounds = 0
        while time.perf_counter() - started < 4.0:
            [decoded] = oracle.decode_many([(data, "iso-2")] * batch)[:1]
            oracle.encode_many([(tree, "iso-2")] * batch)
            rounds += batch
        their_rate = rounds / (time.perf_counter() - started)
        assert decoded == tree
    finally:
        oracle.close()

    print(
        json.dumps(
            {
                "figure": "exi_speedup_vs_exificient",
                "value": round(ours_rate / their_rate, 2),
                "unit": "ratio",
                "baseline": "EXIficient (iso15118 0.31.2 EXICodec.jar), warm, batched calls",
                "message": "CertificateInstallationRes (Hubject, 4416 bytes), encode + decode",
                "ours_per_second": round(ours_rate, 1),
                "exificient_per_second": round(their_rate, 1),
            }
        )
    )
    print(
        json.dumps(
            {
                "figure": "exi_ms_per_message_ours",
                "value": round(1000 / ours_rate, 3),
                "unit": "ms",
                "what": "encode + decode",
            }
        )
    )
    print(
        json.dumps(
            {
                "figure": "exi_ms_per_message_exificient",
                "value": round(1000 / their_rate, 3),
                "unit": "ms",
                "what": "encode + decode, including py4j and pipe overhead",
            }
        )
    )
    print(
        json.dumps(
            {
                "figure": "exi_decode_peak_memory",
                "value": peak,
                "unit": "bytes",
                "what": "tracemalloc peak during one decode",
            }
        )
    )


if __name__ == "__main__":
    main()
