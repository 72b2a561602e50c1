"""Form helpers: messages marked for translation, field errors, safe redirects."""

from __future__ import annotations

from typing import Any

from fastapi.responses import RedirectResponse


def N_(message: str) -> str:
    """Mark a message for the catalog; it is translated when the page is rendered."""
    return message


Errors = dict[str, str]


def text(form: dict[str, Any], name: str, limit: int = 256) -> str:
    value = form.get(name, "")
    return value.strip()[:limit] if isinstance(value, str) else ""


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
