"""Fixtures shared by the whole suite; implementations live in tests/harness/."""

import os

# A server asks every station for its installed certificates right after boot (the fleet's
# trust stores, csms/ocpp/trust_store.py). Most tests drive stations frame by frame and
# expect the server's next CALL to be the one they test, so the suite turns that off (its
# servers and `csms serve` children read it from here); the trust-store tests turn it on.
os.environ.setdefault("CSMS_TRUST_STORE_REFRESH_AFTER_BOOT", "false")

from tests.harness.fixtures import postgres_server, postgres_url, softhsm_token, tmp_data_dir

__all__ = ["postgres_server", "postgres_url", "softhsm_token", "tmp_data_dir"]
