"""The console map's tile settings: one origin, the one the Content-Security-Policy names."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from csms.console.web import content_security_policy
from csms.settings import Settings


def _settings(tmp_path: Path, **values: str) -> Settings:
    return Settings(data_dir=tmp_path, **values)


def test_openstreetmap_is_the_default_and_its_host_the_only_foreign_image_source(
    tmp_path: Path,
) -> None:
    settings = _settings(tmp_path)
    assert settings.map_tile_url == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert settings.map_tile_origin == "https://tile.openstreetmap.org"
    policy = content_security_policy(settings.map_tile_origin)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["img-src"] == "'self' https://tile.openstreetmap.org"
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"


def test_a_tile_server_of_ones_own_with_a_port(tmp_path: Path) -> None:
    settings = _settings(tmp_path, map_tile_url="https://tiles.example.uz:8443/osm/{z}/{x}/{y}.png")
    assert settings.map_tile_origin == "https://tiles.example.uz:8443"
    loopback = _settings(tmp_path, map_tile_url="http://127.0.0.1:9000/t/{z}/{x}/{y}.png")
    assert loopback.map_tile_origin == "http://127.0.0.1:9000"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://tiles.example.uz/{z}/{x}/{y}.png", "must be https"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "no {s} subdomains"),
        ("https://tiles.example.uz/{z}/{x}.png", "must contain {y}"),
        ("https://tiles.example.uz/{z}/{x}/{y}.png; script-src *", "must not contain spaces"),
        ("https://a@tiles.example.uz/{z}/{x}/{y}.png", "no user name"),
        ("/tiles/{z}/{x}/{y}.png", "must name one host"),
        ("javascript:alert(1)//{z}{x}{y}", "must name one host"),
    ],
)
def test_a_tile_url_that_would_widen_the_policy_is_refused(
    tmp_path: Path, url: str, reason: str
) -> None:
    with pytest.raises(ValidationError, match=reason.replace("{", r"\{").replace("}", r"\}")):
        _settings(tmp_path, map_tile_url=url)


def test_the_credit_link_is_a_web_address(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="http"):
        _settings(tmp_path, map_tile_attribution_url="javascript:alert(1)")
