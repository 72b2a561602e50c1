"""The expiry watch: every certificate the network depends on, in its band, alerted once per
crossing, seen by each role as far as it may."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from auth.principal import Forbidden, Principal
from auth.users import add_partner
from csms.container import Container
from csms.metrics import REGISTRY
from csms.ocpp.db import StationCertificateRecord

pytestmark = pytest.mark.postgres

OPERATOR = Principal.system("test")


def _root(cn: str, days: int) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM)


def _station_certificate(product: Container, station: str, partner: str, days: float) -> None:
    with product.transaction() as session:
        product.ocpp.registry.add(
            session, station, security_profile=3, partner=partner, actor="test"
        )
        session.add(
            StationCertificateRecord(
                station_id=station,
                certificate_type="ChargingStationCertificate",
                serial_hex=f"AB{station[-1]}",
                not_after=datetime.now(UTC) + timedelta(days=days),
                pem_chain="",
                status="accepted",
                attempts=1,
                created_at=datetime.now(UTC),
            )
        )


@pytest.fixture
def product(make_container: Callable[..., Container]) -> Container:
    product = make_container("postgres-file")
    with product.transaction() as session:
        add_partner(session, "North", actor="test")
        add_partner(session, "South", actor="test")
        product.trust.add_bundle(session, _root("Soon Root", 5), "mo-root", actor="test")
    _station_certificate(product, "EXP-1", "North", 20)
    _station_certificate(product, "EXP-2", "South", 200)
    return product


def test_bands_alerts_once_and_the_gauge(
    product: Container, caplog: pytest.LogCaptureFixture
) -> None:
    expiry = product.ocpp.expiry
    with product.transaction() as session:
        soon = expiry.items(session, OPERATOR, within_days=90)
    by_name = {(i["kind"], i["name"]): i for i in soon}
    assert by_name[("trust-anchor", "mo-root")]["band"] == "7"
    assert by_name[("station", "EXP-1 ChargingStationCertificate")]["band"] == "30"
    assert ("station", "EXP-2 ChargingStationCertificate") not in by_name  # 200 days: ok
    assert [i["notAfter"] for i in soon] == sorted(i["notAfter"] for i in soon)

    with caplog.at_level(logging.WARNING, logger="csms.expiry"):
        first = expiry.check()
    assert {(w.kind, band) for w, band in first} >= {("trust-anchor", "7"), ("station", "30")}
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("Soon Root" in r.getMessage() for r in errors)
    assert any("EXP-1" in r.getMessage() for r in warnings)
    assert (REGISTRY.get_sample_value("csms_certificates_expiring", {"band": "7"}) or 0) >= 1
    caplog.clear()
    assert expiry.check() == []  # nothing crossed since
    assert not caplog.records


def test_a_partner_sees_its_own_stations_only(product: Container) -> None:
    north = Principal("north-staff", 1, "North", ("partner",))
    client = Principal("driver", 2, None, ("client",))
    with product.transaction() as session:
        seen = product.ocpp.expiry.items(session, north)
        assert [i["name"] for i in seen] == ["EXP-1 ChargingStationCertificate"]
        with pytest.raises(Forbidden):
            product.ocpp.expiry.items(session, client)
        with pytest.raises(ValueError):
            product.ocpp.expiry.items(session, OPERATOR, band="x")


def test_the_command_line(product: Container, monkeypatch: pytest.MonkeyPatch) -> None:
    from csms.cli import main

    settings = product.settings
    monkeypatch.setenv("CSMS_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("CSMS_DATABASE_URL", str(settings.database_url))
    monkeypatch.setenv("CSMS_KEY_PASSPHRASE", str(settings.key_passphrase))
    monkeypatch.setenv("CSMS_KEY_LABEL_PREFIX", settings.key_label_prefix)
    runner = CliRunner()
    table = runner.invoke(main, ["pki", "expiry", "--within", "90"])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split()[:2] == ["band", "days"]
    assert any("EXP-1" in line and line.startswith("30 ") for line in lines[1:])
    bad = runner.invoke(main, ["pki", "expiry", "--within", "-1"])
    assert bad.exit_code == 2 and "--within" in bad.output
