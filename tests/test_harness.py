"""The harness's fixtures give real, isolated services; these tests fail if they don't."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pkcs11
import pytest
from asn1crypto.core import OctetString
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass
from pkcs11.util.ec import encode_named_curve_parameters
from sqlalchemy import create_engine, inspect, text

from tests.harness import availability, postgres
from tests.harness.postgres import PostgresServer
from tests.harness.softhsm import SoftHsmToken


@pytest.mark.postgres
def test_postgres_databases_are_distinct_and_writable(postgres_server: PostgresServer) -> None:
    first_url, second_url = postgres_server.create_database(), postgres_server.create_database()
    assert first_url != second_url
    assert first_url.startswith("postgresql+psycopg://")
    first, second = create_engine(first_url), create_engine(second_url)
    try:
        with first.begin() as conn:
            conn.execute(text("CREATE TABLE probe (id integer PRIMARY KEY, note text)"))
            conn.execute(text("INSERT INTO probe VALUES (1, 'one'), (2, 'two')"))
        with first.connect() as conn:
            rows = conn.execute(text("SELECT id, note FROM probe ORDER BY id")).all()
            name_one = conn.execute(text("SELECT current_database()")).scalar_one()
        assert [tuple(row) for row in rows] == [(1, "one"), (2, "two")]

        with second.connect() as conn:
            name_two = conn.execute(text("SELECT current_database()")).scalar_one()
            version = conn.execute(text("SHOW server_version_num")).scalar_one()
        assert name_one != name_two
        assert int(version) >= 150000
        # The second database is empty: nothing written to the first leaks into it.
        assert inspect(second).get_table_names() == []
    finally:
        first.dispose()
        second.dispose()


@pytest.mark.postgres
def test_postgres_server_runs_with_test_settings(postgres_server: PostgresServer) -> None:
    engine = create_engine(postgres_server.admin_url)
    try:
        with engine.connect() as conn:
            settings = {
                name: conn.execute(text(f"SHOW {name}")).scalar_one()
                for name in ("fsync", "synchronous_commit", "full_page_writes", "max_connections")
            }
    finally:
        engine.dispose()
    assert settings == {
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "200",
    }
    # Never the machine's own cluster: a private dir and not the default port.
    assert postgres_server.port != 5432
    assert postgres_server.data_dir.is_relative_to(postgres_server.base_dir)


@pytest.mark.postgres
def test_postgres_url_is_an_empty_database(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        assert inspect(engine).get_table_names() == []
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x int)"))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_create_database_from_template(postgres_server: PostgresServer) -> None:
    template_url = postgres_server.create_database("harness_template")
    engine = create_engine(template_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE migrated (x int)"))
    engine.dispose()  # a template must have no open connections

    clone = create_engine(postgres_server.create_database(template="harness_template"))
    try:
        assert inspect(clone).get_table_names() == ["migrated"]
    finally:
        clone.dispose()


@pytest.mark.postgres
def test_create_database_refuses_unsafe_names(postgres_server: PostgresServer) -> None:
    with pytest.raises(ValueError, match="must match"):
        postgres_server.create_database('x"; DROP DATABASE postgres; --')


def test_stale_server_dirs_of_dead_runs_are_reaped(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()  # its pid is now free: the "owner" of the fake stale dir is gone
    stale = Path(postgres.tempfile.mkdtemp(prefix=postgres.DIR_PREFIX))
    (stale / postgres.OWNER_FILE).write_text(f"{dead.pid}\n")
    alive = Path(postgres.tempfile.mkdtemp(prefix=postgres.DIR_PREFIX))
    (alive / postgres.OWNER_FILE).write_text(f"{os.getpid()}\n")
    try:
        postgres.reap_stale_servers(tmp_path)  # bindir unused: no server runs in them
        assert not stale.exists()
        assert alive.exists()
    finally:
        for path in (stale, alive):
            postgres.shutil.rmtree(path, ignore_errors=True)


@pytest.mark.softhsm
def test_softhsm_token_signs_with_an_ec_p256_key(softhsm_token: SoftHsmToken) -> None:
    assert os.environ["SOFTHSM2_CONF"] == str(softhsm_token.conf_path)
    lib = pkcs11.lib(softhsm_token.module_path)
    token = lib.get_token(token_label=softhsm_token.token_label)
    message = b"CertificateInstallationReq from EVCC 42"

    with _open(token, softhsm_token.pin, rw=True) as session:
        params = session.create_domain_parameters(
            KeyType.EC,
            {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True,
        )
        public, private = params.generate_keypair(store=True, label="harness-probe")
        # SoftHSM 2.6 has no CKM_ECDSA_SHA256: hash here, let the token sign the digest.
        digest = hashes.Hash(hashes.SHA256())
        digest.update(message)
        raw = private.sign(digest.finalize(), mechanism=Mechanism.ECDSA)
        point = OctetString.load(public[Attribute.EC_POINT]).native

    # PKCS#11 returns r||s, 32 bytes each for P-256; X.509/cryptography want DER.
    assert len(raw) == 64
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    verifier = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    verifier.verify(der, message, ec.ECDSA(hashes.SHA256()))
    with pytest.raises(InvalidSignature):
        verifier.verify(der, message + b"!", ec.ECDSA(hashes.SHA256()))

    # The key was stored on the token, so a new session (as a restarted CSMS) finds it.
    with _open(token, softhsm_token.pin) as session:
        found = list(
            session.get_objects(
                {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.LABEL: "harness-probe"}
            )
        )
    assert len(found) == 1


def _open(token, pin: str, rw: bool = False):  # type: ignore[no-untyped-def]
    """A session on the token. PKCS#11 login state belongs to the whole process, so once any
    test (or the product's key store) has logged in, a second login says UserAlreadyLoggedIn
    and a plain session is already logged in."""
    try:
        return token.open(rw=rw, user_pin=pin)
    except pkcs11.exceptions.UserAlreadyLoggedIn:
        return token.open(rw=rw)


def test_softhsm_token_rejects_a_wrong_pin(softhsm_token: SoftHsmToken) -> None:
    # In a fresh process: this one may be logged in already, and then no PIN is checked.
    probe = (
        "import pkcs11, sys\n"
        "token = pkcs11.lib(sys.argv[1]).get_token(token_label=sys.argv[2])\n"
        "try:\n"
        "    token.open(user_pin='0000')\n"
        "except pkcs11.exceptions.PinIncorrect:\n"
        "    print('PinIncorrect')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(softhsm_token.module_path), softhsm_token.token_label],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert result.stdout.strip() == "PinIncorrect", result.stderr


def test_tmp_data_dir_is_empty_and_exported(tmp_data_dir: Path) -> None:
    assert tmp_data_dir.is_dir()
    assert list(tmp_data_dir.iterdir()) == []
    assert os.environ["CSMS_DATA_DIR"] == str(tmp_data_dir)


@pytest.mark.parametrize(("ci", "outcome"), [("true", "fail"), ("", "skip"), ("false", "skip")])
def test_missing_tools_fail_under_ci_and_skip_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: str
) -> None:
    monkeypatch.setenv("CI", ci)
    expected = pytest.fail.Exception if outcome == "fail" else pytest.skip.Exception
    with pytest.raises(expected, match="softhsm2-util"):
        availability.unavailable("softhsm2-util not found")
