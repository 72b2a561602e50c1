"""Progressive web app basics: the manifest, its icons, the page's pointers to them."""

from __future__ import annotations

import json
import struct
from typing import Any


def png_size(data: bytes) -> str:
    """Width x height from a PNG's IHDR chunk (the first, right after the signature)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return f"{width}x{height}"


def test_manifest_and_icons_are_served_and_linked(page: Any) -> None:
    page.goto("/console/login")
    assert page.locator("link[rel=manifest]").get_attribute("href") == (
        "/console/manifest.webmanifest"
    )
    assert "width=device-width" in page.locator("meta[name=viewport]").get_attribute("content")
    answer = page.request.get("/console/manifest.webmanifest")
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("application/manifest+json")
    manifest = json.loads(answer.text())
    assert manifest["start_url"] == "/console/" and manifest["display"] == "standalone"
    sizes = []
    for icon in manifest["icons"]:
        picture = page.request.get(icon["src"])
        assert picture.status == 200, icon["src"]
        assert png_size(picture.body()) == icon["sizes"]
        sizes.append((icon["sizes"], icon.get("purpose", "any")))
    # What install prompts ask for: 192 and 512 pixels, and a maskable one for Android.
    assert sizes == [("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")]


def test_manifest_speaks_the_chosen_language(page: Any) -> None:
    page.goto("/console/lang/ru?next=/console/login")
    manifest = json.loads(page.request.get("/console/manifest.webmanifest").text())
    assert manifest["lang"] == "ru"
    assert manifest["name"].startswith("Консоль зарядной сети")
