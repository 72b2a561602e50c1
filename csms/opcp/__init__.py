"""Hubject's Open Plug & Charge (OPCP) services, as a client: the Root Certificate Pool, the
Contract Certificate Pool and EST enrollment (docs/opcp.md)."""

from .client import OpcpClient, OpcpError, OpcpSettings, RcpRoot

__all__ = ["OpcpClient", "OpcpError", "OpcpSettings", "RcpRoot"]
