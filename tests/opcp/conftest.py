"""The OPCP tests build products like the PKI tests do."""

from tests.pki.conftest import make_container

__all__ = ["make_container"]
