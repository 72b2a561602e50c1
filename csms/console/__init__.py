"""The web console: operator's, partner's and driver's cabinets, server-rendered, in Uzbek,
Russian and English, on the REST API's authorization (see docs/console.md)."""

from .web import mount

__all__ = ["mount"]
