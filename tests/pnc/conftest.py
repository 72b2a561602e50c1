"""The OCPP server fixtures, reused for the end-to-end Plug & Charge tests."""

from tests.ocpp.conftest import ocpp, start_ocpp
from tests.pki.conftest import make_container

__all__ = ["make_container", "ocpp", "start_ocpp"]
