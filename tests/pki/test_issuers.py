"""A profile is issued only by the CAs of its own hierarchy (issue 12, "Close the trust holes").

Each profile names its issuers in certs/profiles.toml (`issuers`, the first is the default).
Every other (profile, CA) pair is refused with `IssuerNotAllowed` (code `issuer_not_allowed`)
before anything is reserved, at the CA and at `csms pki issue`; every allowed pair still
issues. (The OCPP door, SignCertificate, is held in tests/ocpp/test_sign_issuer.py.)

Written before the fix and run against it: the refusal tests failed there (the CA signed an
SECC certificate under `oem-sub2`, `mo-sub2`, `cpo-sub1` and `v2g-root`, a contract under
`cpo-sub2`, an external sub-CA under `cpo-sub1`, …, and stored a row for each), and so did
the data and validation tests (profiles had no `issuers`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from sqlalchemy import func, select

from csms.container import Container, build_container
from csms.settings import Settings
from pki.db import CertificateRecord
from pki.errors import PkiError
from pki.profiles import load_profiles
from tests.harness.postgres import PostgresServer

from .helpers import in_tx, make_csr, make_key, openssl_verify

pytestmark = pytest.mark.postgres

PASSPHRASE = "issuers-test-passphrase-0123"

# What certs/profiles.toml must say: the CAs allowed to sign each profile, the default first.
# Profiles not listed have no issuer: CA certificates come from `csms pki init` (each from its
# parent in certs/hierarchy.toml), a delegated OCSP responder from `csms pki ocsp-delegate`,
# and this product has no ISO 15118-20 OEM hierarchy for `oem-prov-20`.
EXPECTED_ISSUERS = {
    "secc": ("cpo-sub2",),
    "csms-server": ("cpo-sub2", "csms-tls-*"),
    "charging-station": ("cpo-sub2",),
    "cps-leaf": ("cps-sub2",),
    "contract": ("mo-sub2",),
    "oem-prov": ("oem-sub2",),
    "secc-20": ("cpo-sub2-20",),
    "cps-leaf-20": ("cps-sub2-20",),
    "contract-20": ("mo-sub2-20",),
}
# A family (csms-tls-*) has members only after a CSMS root rotation: its issuance is shown in
# tests/ocpp/test_csms_root_rotation.py, where the server certificate comes from csms-tls-1.
ALLOWED = [
    (profile, ca)
    for profile, cas in EXPECTED_ISSUERS.items()
    for ca in cas
    if not ca.endswith("-*")
]

# profile -> (key, CN, O) of a CSR the profile accepts, so that only the issuer is wrong.
SUBJECTS = {
    "secc": ("ec-p256", "UZ*UPC*E1*1", "UzCharge"),
    "secc-20": ("ec-p521", "UZ*UPC*E1*2", "UzCharge"),
    "csms-server": ("ec-p256", "csms.example.uz", "UzPnC"),
    "charging-station": ("ec-p256", "CS-0001", "UzPnC"),
    "cps-leaf": ("ec-p256", "CPS Leaf 2", None),
    "cps-leaf-20": ("ec-p521", "CPS Leaf 3", None),
    "contract": ("ec-p256", "UZUPCC000012345", None),
    "contract-20": ("ec-p521", "UZUPCC000012346", None),
    "oem-prov": ("ec-p256", "WMI1234567890ABCD", None),
    "oem-prov-20": ("ec-p521", "WMI1234567890ABCE", None),
    "ocsp-responder": ("ec-p256", "Rogue Responder", None),
    "root": ("ec-p256", "Rogue Root", None),
    "sub-ca-1": ("ec-p256", "Rogue Sub-CA 1", None),
    "sub-ca-2": ("ec-p256", "Rogue Sub-CA 2", None),
    "sub-ca-2-20": ("ec-p521", "Rogue Sub-CA 2 20", None),
}

# (profile, CA) pairs that must be refused; None: the profile's default.
REFUSED = [
    # the charger's certificates under the car maker's, the mobility operator's, the CPS's
    # CA, a root, the other sub-CA level or the other generation
    ("secc", "oem-sub2"),
    ("secc", "mo-sub2"),
    ("secc", "cps-sub2"),
    ("secc", "cpo-sub1"),
    ("secc", "v2g-root"),
    ("secc", "cpo-sub2-20"),
    ("csms-server", "mo-sub2"),
    ("charging-station", "oem-sub2"),
    ("charging-station", "v2g-root"),
    # contracts, CPS and OEM leaves outside their hierarchies
    ("contract", "cpo-sub2"),
    ("contract", "mo-sub1"),
    ("contract", "mo-root"),
    ("contract", "mo-sub2-20"),
    ("cps-leaf", "cpo-sub2"),
    ("cps-leaf", "cps-leaf"),  # not even a CA
    ("oem-prov", "cpo-sub2"),
    ("oem-prov", "oem-root"),
    # the -20 variants have their own hierarchies
    ("secc-20", "cpo-sub2"),
    ("secc-20", "v2g-root-20"),
    ("contract-20", "mo-sub2"),
    ("cps-leaf-20", "cps-sub2"),
    ("oem-prov-20", "oem-sub2"),
    ("oem-prov-20", None),
    # a delegated OCSP responder is made by `pki ocsp-delegate`, never from a CSR
    ("ocsp-responder", "cpo-sub2"),
    ("ocsp-responder", None),
    # CA certificates come from `pki init` only: no external sub-CA or cross-certificate
    ("sub-ca-2", "cpo-sub1"),
    ("sub-ca-2", None),
    ("sub-ca-1", "v2g-root"),
    ("root", "v2g-root"),
    ("sub-ca-2-20", "v2g-root-20"),
]


def _csr(profile: str) -> bytes:
    key_kind, cn, o = SUBJECTS[profile]
    return make_csr(make_key(key_kind), cn=cn, o=o)


def _id(pair: tuple[str, str | None]) -> str:
    return f"{pair[0]}@{pair[1] or 'default'}"


@pytest.fixture(scope="module")
def product(
    postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Container]:
    """One product (PostgreSQL, file key store, demo OEM CAs) for the whole table: the CA's
    in-process tests and the command line's subprocesses share it."""
    url = postgres_server.create_database()
    container = build_container(
        Settings(
            data_dir=tmp_path_factory.mktemp("issuers"),
            database_url=url,
            key_passphrase=PASSPHRASE,
            key_label_prefix=f"t{uuid.uuid4().hex[:12]}",
        )
    )
    in_tx(container, container.ca.init, actor="test", include_demo=True)
    yield container
    container.close()
    postgres_server.drop_database(url.rsplit("/", 1)[1])


def _rows(product: Container) -> int:
    with product.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(CertificateRecord)) or 0)


def _cli(product: Container, *args: str, stdin: bytes) -> subprocess.CompletedProcess[str]:
    settings = product.settings
    env = dict(
        os.environ,
        CSMS_DATABASE_URL=settings.resolved_database_url,
        CSMS_DATA_DIR=str(settings.data_dir),
        CSMS_KEY_PASSPHRASE=PASSPHRASE,
        CSMS_KEY_LABEL_PREFIX=settings.key_label_prefix,
    )
    return subprocess.run(
        [sys.executable, "-m", "csms", *args],
        env=env,
        capture_output=True,
        input=stdin.decode(),
        text=True,
        timeout=120,
    )


def test_profiles_name_their_issuers_as_data() -> None:
    """The issuers are data in certs/profiles.toml, one source for the default and the rule."""
    named = {name: profile.issuers for name, profile in load_profiles().items() if profile.issuers}
    assert named == EXPECTED_ISSUERS
    for name, profile in load_profiles().items():
        assert profile.default_issuer == (EXPECTED_ISSUERS[name][0] if profile.issuers else None)


@pytest.mark.parametrize(("profile", "ca"), REFUSED, ids=[_id(p) for p in REFUSED])
def test_the_ca_refuses_a_foreign_issuer_and_stores_nothing(
    product: Container, profile: str, ca: str | None
) -> None:
    before = _rows(product)
    with pytest.raises(PkiError) as refused:
        in_tx(product, product.ca.issue_from_csr, _csr(profile), profile, actor="test", ca_name=ca)
    assert refused.value.code == "issuer_not_allowed", refused.value
    assert type(refused.value).__name__ == "IssuerNotAllowed"
    assert _rows(product) == before  # not even a reservation


@pytest.mark.parametrize(("profile", "ca"), REFUSED, ids=[_id(p) for p in REFUSED])
def test_the_ca_refuses_a_foreign_issuer_for_a_key_too(
    product: Container, profile: str, ca: str | None
) -> None:
    """`sign_for_key` (contracts, demo OEM leaves, the CSMS's TLS certificate) keeps the rule."""
    key_kind, cn, o = SUBJECTS[profile]
    before = _rows(product)
    with pytest.raises(PkiError) as refused:
        product.ca.sign_for_key(
            make_key(key_kind).public_key(),
            profile,
            common_name=cn,
            organization=o,
            actor="test",
            ca_name=ca,
        )
    assert refused.value.code == "issuer_not_allowed", refused.value
    assert _rows(product) == before


@pytest.mark.parametrize(("profile", "ca"), REFUSED, ids=[_id(p) for p in REFUSED])
def test_the_command_line_refuses_a_foreign_issuer_and_stores_nothing(
    product: Container, profile: str, ca: str | None
) -> None:
    before = _rows(product)
    args = ["pki", "issue", "--profile", profile, "--csr", "-"]
    if ca is not None:
        args += ["--ca", ca]
    result = _cli(product, *args, stdin=_csr(profile))
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert lines[0].endswith("[issuer_not_allowed]"), lines[0]
    assert result.stdout == ""
    assert _rows(product) == before


@pytest.mark.parametrize(("profile", "ca"), ALLOWED, ids=[_id(p) for p in ALLOWED])
def test_every_allowed_pair_still_issues(
    product: Container, tmp_path: Path, profile: str, ca: str
) -> None:
    for ca_name in (ca, None):  # named, and as the default
        issued = in_tx(
            product, product.ca.issue_from_csr, _csr(profile), profile, actor="t", ca_name=ca_name
        )
        issuer = product.ca.authority(ca).certificate
        assert issued.certificate.issuer == issuer.subject
        issued.certificate.verify_directly_issued_by(issuer)
    root = product.ca.root_of(ca).certificate
    assert "OK" in openssl_verify(tmp_path, issued.certificate, issued.chain, root)


@pytest.mark.parametrize(("profile", "ca"), ALLOWED, ids=[_id(p) for p in ALLOWED])
def test_every_allowed_pair_still_issues_from_the_command_line(
    product: Container, profile: str, ca: str
) -> None:
    result = _cli(
        product, "pki", "issue", "--profile", profile, "--csr", "-", "--ca", ca, stdin=_csr(profile)
    )
    assert result.returncode == 0, result.stderr
    leaf = x509.load_pem_x509_certificates(result.stdout.encode())[0]
    assert leaf.issuer == product.ca.authority(ca).certificate.subject


def test_a_delegated_responder_is_signed_by_the_ca_it_answers_for(product: Container) -> None:
    delegate = in_tx(product, product.ca.create_ocsp_delegate, "mo-sub2", actor="test")
    assert delegate.parent == "mo-sub2" and delegate.profile.name == "ocsp-responder"
    delegate.certificate.verify_directly_issued_by(product.ca.authority("mo-sub2").certificate)
    before = _rows(product)
    with pytest.raises(PkiError) as refused:  # the CPS leaf is no CA: it answers for nobody
        in_tx(product, product.ca.create_ocsp_delegate, "cps-leaf", actor="test")
    assert refused.value.code == "issuer_not_allowed"
    assert _rows(product) == before


@pytest.mark.parametrize(
    ("profile", "issuers", "complaint"),
    [
        ("secc", ["v2g-root"], "root"),
        ("secc", ["mo-sub2", "nope"], "nope"),
        ("secc", ["cps-leaf"], "not a CA"),
        ("secc", ["cpo-sub2-20"], "-20"),
        ("secc-20", ["cpo-sub2"], "-20"),
        ("sub-ca-2", ["cpo-sub1"], "pki init"),
        ("contract", ["mo-sub2", "mo-sub2"], "twice"),
        ("csms-server", ["cpo-sub2", "cpo-*"], "no family"),
        ("csms-server", ["csms-tls-*"], "default"),
    ],
)
def test_issuers_are_checked_when_the_profiles_load(
    profile: str, issuers: list[str], complaint: str
) -> None:
    """A mistake in the data stops the product at load, not at the first issuance."""
    from pki.profiles import check_issuers, hierarchy_specs

    profiles = dict(load_profiles())
    profiles[profile] = profiles[profile].__class__(
        **{**profiles[profile].__dict__, "issuers": tuple(issuers)}
    )
    with pytest.raises(ValueError, match=complaint):
        check_issuers(profiles, hierarchy_specs())
    check_issuers(load_profiles(), hierarchy_specs())  # the shipped data passes
