"""The console's rendering: templates, translations per request, response headers.
(The routes, static files and error pages are put together in `mount.py`.)"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..web.context import container_of
from . import i18n
from .access import cabinet_of, csrf_token

PREFIX = "/console"


def package_dir(name: str) -> Path:
    return Path(str(resources.files("csms.console").joinpath(name)))


def leaflet_dir() -> Path:
    """Leaflet's distribution (leaflet.js, leaflet.css, images/) as the xstatic-leaflet
    package installs it."""
    return Path(str(resources.files("xstatic.pkg.leaflet").joinpath("data")))


def content_security_policy(tile_origin: str) -> str:
    """Only the product's own scripts, styles and requests; images also from the map's tile
    server, that one origin and no other (csms/settings.py map_tile_url)."""
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src 'self' {tile_origin}; connect-src 'self'; font-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


ENV = Environment(
    loader=FileSystemLoader(package_dir("templates")),
    autoescape=select_autoescape(["html", "webmanifest"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def language_of(request: Request) -> str:
    cached = getattr(request.state, "language", None)
    if cached is None:
        cookie = request.cookies.get(i18n.COOKIE)
        cached = i18n.choose(cookie, request.headers.get("accept-language"))
        request.state.language = cached
    return cached


def gettext_of(request: Request) -> Any:
    translations = i18n.translations(language_of(request))

    def translate(message: str, **values: Any) -> str:
        text = translations.gettext(message)
        return text % values if values else text

    return translate


def _myid_enabled(request: Request) -> bool:
    flow = getattr(request.app.state, "myid", None)
    return bool(flow is not None and flow.configured)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    language = language_of(request)
    principal = getattr(request.state, "principal", None)
    html = ENV.get_template(template).render(
        request=request,
        _=gettext_of(request),
        fmt=i18n.Formatter(language),
        language=language,
        languages=i18n.LANGUAGES,
        principal=principal,
        cabinet=cabinet_of(principal) if principal is not None else None,
        csrf=csrf_token(request),
        prefix=PREFIX,
        # The MyID button only where MyID is set up (it would lead to a 404 otherwise).
        myid_enabled=_myid_enabled(request),
        errors=context.pop("errors", {}),
        values=context.pop("values", {}),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    # Pages show personal data: never from a shared cache, never framed by another site.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = content_security_policy(
        container_of(request).settings.map_tile_origin
    )
    response.headers["Content-Language"] = language
    return response
