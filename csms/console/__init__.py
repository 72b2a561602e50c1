"""The web console: operator's, partner's and driver's cabinets, server-rendered, in Uzbek,
Russian and English, on the same services as the REST API (see docs/console.md)."""

from .mount import mount

__all__ = ["mount"]
