"""The console's plumbing: templates, translations per request, static files, error pages.

`mount(app)` is the one call the composition root makes (csms/app.py).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import i18n
from .access import Forbidden, LoginRequired, cabinet_of, csrf_token

PREFIX = "/console"


def package_dir(name: str) -> Path:
    return Path(str(resources.files("csms.console").joinpath(name)))


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
        errors=context.pop("errors", {}),
        values=context.pop("values", {}),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    # Pages show personal data: never from a shared cache, never framed by another site.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Language"] = language
    return response


def mount(app: FastAPI) -> None:
    """Add the console's routes, static files and error pages. The signed session cookie the
    pages log in with is the API's (`csms.api.mount_api`), which must be mounted too."""
    from .pages import admin, client, common, partner, technician

    for module in (common, admin, technician, partner, client):
        app.include_router(module.router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=package_dir("static")), name="console")

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        target = quote(exc.next_path, safe="/")
        return RedirectResponse(f"{PREFIX}/login?next={target}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", 403, code=403)

    previous = app.exception_handlers.get(StarletteHTTPException)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # Console pages get a translated page; the API keeps its JSON errors.
        if request.url.path.startswith(PREFIX) and exc.status_code in (400, 403, 404):
            return render(request, "error.html", exc.status_code, code=exc.status_code)
        if previous is not None:
            return await previous(request, exc)  # type: ignore[no-any-return]
        from fastapi.exception_handlers import http_exception_handler

        return await http_exception_handler(request, exc)
