"""schemathesis over the OCPP core's REST API as served: no 5xx, and every answer's status
code, content type and body as the OpenAPI schema declares them."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from csms.app import create_app
from tests.auth.test_schemathesis import STATION_COMMANDS
from tests.ocpp.conftest import API
from tests.pki.server import serving

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def test_ocpp_api_conforms_to_its_schema(ocpp) -> None:
    """No station is connected, so commands end in 409 or 422 without waiting on one; their
    paths with a connected station are in test_certificates.py."""
    ocpp.add("FUZZ")
    with serving(create_app(ocpp.container)) as base:
        schema = schemathesis.openapi.from_url(f"{base}/openapi.json").include(
            path_regex=STATION_COMMANDS
        )
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 8
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=25,
                deadline=None,
                # The same examples on every run, so a failure reproduces.
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                case.call_and_validate(base_url=base, headers=API, checks=CHECKS)

            run()
