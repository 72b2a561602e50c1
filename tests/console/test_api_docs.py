"""The API's documentation works with no network: Swagger UI and ReDoc render in Chromium from
the product's own files while every request to any other host is refused and recorded, and
the OpenAPI document validates and declares how to authenticate."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from openapi_spec_validator import validate
from playwright.sync_api import expect

from tests.console.conftest import Console, screenshot

pytestmark = [pytest.mark.postgres, pytest.mark.interop]


def _offline(page: Any, console: Console) -> list[str]:
    """Refuse (and record) every request that leaves the product's own address."""
    own = urlsplit(console.url).netloc
    elsewhere: list[str] = []

    def route(route: Any) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return elsewhere


def test_swagger_ui_works_offline_and_offers_the_login(page: Any, console: Console) -> None:
    elsewhere = _offline(page, console)
    page.goto("/docs")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    assert operations.count() > 50  # the whole API, read from /openapi.json
    authorize = page.get_by_role("button", name="Authorize")
    expect(authorize.first).to_be_visible()
    authorize.first.click()
    dialog = page.locator(".dialog-ux")
    expect(dialog).to_be_visible()
    # The password flow against the token endpoint, and the plain bearer token.
    expect(dialog.locator("code", has_text="/api/v1/auth/token")).to_be_visible()
    expect(dialog.locator("input#oauth_username")).to_be_visible()
    expect(dialog.get_by_text("bearer", exact=False).first).to_be_visible()
    screenshot(page, "api-docs-swagger")
    assert elsewhere == []


def test_redoc_works_offline(page: Any, console: Console) -> None:
    elsewhere = _offline(page, console)
    page.goto("/redoc")
    expect(page.get_by_role("heading", name="UzPnC CSMS (0.1.0)")).to_be_visible()
    # Each protected operation names its ways in.
    expect(page.get_by_role("heading", name="Authorizations:").first).to_be_visible()
    assert "password or bearer" in page.locator("body").aria_snapshot()
    assert page.locator("[data-section-id^='tag/']").count() > 3
    assert elsewhere == []


def test_the_openapi_document_validates_and_declares_its_security(console: Console) -> None:
    spec = httpx.get(f"{console.url}/openapi.json", timeout=30).json()
    validate(spec)  # openapi-spec-validator: raises on any violation of OpenAPI 3.1
    schemes = spec["components"]["securitySchemes"]
    assert schemes["password"]["flows"]["password"]["tokenUrl"] == "/api/v1/auth/token"
    assert schemes["bearer"] == {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    assert {"password": []} in spec["security"] and {"bearer": []} in spec["security"]
    # The pages and their assets are not API operations.
    assert not any(path.startswith(("/docs", "/redoc")) for path in spec["paths"])
    # The token URL the document names does log a person in.
    assert "/api/v1/auth/token" in spec["paths"]
