"""Putting the console together: its pages' routes, static files and error pages.

`mount(app)` is the one call the application assembly makes (csms/app.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from auth.errors import NotFound, ServiceError
from auth.principal import AccessDenied, NotAuthenticated

from .access import Forbidden, LoginRequired
from .pages import admin, client, common, diagnostics, lists, partner, stations, technician
from .web import PREFIX, leaflet_dir, package_dir, render


def mount(app: FastAPI) -> None:
    """Add the console's routes, static files and error pages. The signed session cookie the
    pages log in with is installed by the application (csms/web/cookies.py)."""
    for module in (common, lists, admin, technician, partner, client, diagnostics, stations):
        app.include_router(module.router)
    # Leaflet's own files for the station map, from the xstatic-leaflet package (no CDN);
    # mounted before the console's static files, whose mount would take the path first.
    app.mount(f"{PREFIX}/static/leaflet", StaticFiles(directory=leaflet_dir()), name="leaflet")
    app.mount(f"{PREFIX}/static", StaticFiles(directory=package_dir("static")), name="console")

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        target = quote(exc.next_path, safe="/")
        return RedirectResponse(f"{PREFIX}/login?next={target}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", 403, code=403)

    # A service's refusal inside a page: the same meaning as in the API, as a page.
    previous_denied = app.exception_handlers.get(AccessDenied)

    @app.exception_handler(AccessDenied)
    async def access_denied(request: Request, exc: AccessDenied) -> Response:
        if not request.url.path.startswith(PREFIX) and previous_denied is not None:
            return await _delegate(previous_denied, request, exc)
        if isinstance(exc, NotAuthenticated):
            return await login_required(request, LoginRequired(request.url.path))
        return render(request, "error.html", 403, code=403)

    previous_refusal = app.exception_handlers.get(ServiceError)

    @app.exception_handler(ServiceError)
    async def refused(request: Request, exc: ServiceError) -> Response:
        if not request.url.path.startswith(PREFIX) and previous_refusal is not None:
            return await _delegate(previous_refusal, request, exc)
        code = 404 if isinstance(exc, NotFound) else 400
        return render(request, "error.html", code, code=code)

    previous = app.exception_handlers.get(StarletteHTTPException)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # Console pages get a translated page; the API keeps its JSON errors.
        if request.url.path.startswith(PREFIX) and exc.status_code in (400, 403, 404):
            return render(request, "error.html", exc.status_code, code=exc.status_code)
        if previous is not None:
            return await _delegate(previous, request, exc)
        return await http_exception_handler(request, exc)


async def _delegate(handler: Callable[..., Any], request: Request, exc: Exception) -> Response:
    """Hand an error that is not the console's to the handler installed before (the API's)."""
    answer = handler(request, exc)
    response: Response = await answer if inspect.isawaitable(answer) else answer
    return response
