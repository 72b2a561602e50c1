"""Form helpers: messages marked for translation, field errors, safe redirects."""

from __future__ import annotations

from typing import Any

from fastapi.responses import RedirectResponse


def N_(message: str) -> str:
    """Mark a message for the catalog; it is translated when the page is rendered."""
    return message


Errors = dict[str, str]

# Words the OCPP core stores as data but people read on the pages: charging session states
# (csms/ocpp/db.py TransactionRecord.state) and OCPP 2.0.1 ConnectorStatusEnumType.
DATA_WORDS = (
    N_("started"),
    N_("updated"),
    N_("ended"),
    N_("Available"),
    N_("Occupied"),
    N_("Reserved"),
    N_("Unavailable"),
    N_("Faulted"),
    # A car's binding to a contract (contracts/models.py BINDING_STATUSES).
    N_("approved"),
    N_("pending"),
    N_("rejected"),
    N_("released"),
)


_CONTROL = dict.fromkeys(range(32))


def text(form: dict[str, Any], name: str, limit: int = 256) -> str:
    """A field's text, trimmed, without control characters (PostgreSQL refuses NUL in text,
    and no field of the console has a use for any of them)."""
    value = form.get(name, "")
    return value.translate(_CONTROL).strip()[:limit] if isinstance(value, str) else ""


def required(form: dict[str, Any], name: str, errors: Errors, limit: int = 256) -> str:
    value = text(form, name, limit)
    if not value:
        errors[name] = N_("This field is required.")
    return value


def safe_next(path: str | None, default: str) -> str:
    """Only a path inside the console: a login link must not send anyone elsewhere."""
    if path and path.startswith("/console") and "//" not in path and "\\" not in path:
        return path
    return default


def see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)
