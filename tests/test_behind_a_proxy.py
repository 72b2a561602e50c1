"""Behind a balancer every HTTP client arrives from the balancer's address. Failed logins are
counted per client address (auth/throttle.py), so a node that took the balancer's address for
the client's would lock everyone out after CSMS_LOGIN_MAX_FAILURES_PER_ADDRESS failures by
anyone. uvicorn believes X-Forwarded-For only from the addresses in FORWARDED_ALLOW_IPS
(default: loopback); deploy/compose.yaml sets it to haproxy's address. Here a real `csms
serve` trusts 127.0.0.2 (the balancer) and not 127.0.0.3 (a client that reached the node past
the balancer, saying whatever it likes in X-Forwarded-For)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.serve_process import csms_serve

BALANCER = "127.0.0.2"
BYPASSER = "127.0.0.3"


def _failed_logins(port: int, source: str, forwarded_for: list[str]) -> list[int]:
    """One wrong-password login per X-Forwarded-For value, each for another unknown account
    (so only the per-address count can add up), from `source`; their status codes."""
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(
        base_url=f"http://127.0.0.1:{port}", transport=transport, timeout=30
    ) as client:
        return [
            client.post(
                "/api/v1/auth/token",
                data={"username": f"nobody-{source}-{i}", "password": "wrong password"},
                headers={"X-Forwarded-For": address},
            ).status_code
            for i, address in enumerate(forwarded_for)
        ]


def test_login_throttle_counts_the_forwarded_client_only_from_the_trusted_balancer(
    tmp_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", BALANCER)
    with csms_serve(
        tmp_data_dir,
        login_max_failures_per_address=2,
        login_max_failures_per_account=100,
        login_refusal_delay_seconds=0,
    ) as served:
        # Through the balancer: two clients, counted apart.
        first = ["198.51.100.7"] * 3
        assert _failed_logins(served.http, BALANCER, first) == [401, 401, 429]
        assert _failed_logins(served.http, BALANCER, ["198.51.100.8"]) == [401]
        # Past it: the header is not believed, so three "clients" are one address.
        claimed = ["198.51.100.9", "198.51.100.10", "198.51.100.11"]
        assert _failed_logins(served.http, BYPASSER, claimed) == [401, 401, 429]
