"""Fixtures shared by the whole suite; implementations live in tests/harness/."""

from tests.harness.fixtures import postgres_server, postgres_url, softhsm_token, tmp_data_dir

__all__ = ["postgres_server", "postgres_url", "softhsm_token", "tmp_data_dir"]
