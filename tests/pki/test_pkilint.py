"""pkilint (RFC 5280 / RFC 6960 linters, independent of this project) on every profile, every
CA certificate, every CRL and the OCSP responses.

One finding is allowed, and only that one: pkilint reads the ISO 15118 subject attribute
`DC=V2G` (also CPO, MO, OEM, CPS) as an internet domain component and calls it an invalid
domain name (`pkix.name_domain_components_invalid_domain_name`). ISO 15118-2 requires exactly
these values, so the finding is expected.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from pkilint.bin import lint_crl, lint_ocsp_response, lint_pkix_cert

from csms.container import Container
from pki.crl import build_crl

from .helpers import in_tx, make_csr, make_key

ALLOWED = {"pkix.name_domain_components_invalid_domain_name"}


def _findings(tool, args: list[str], path: Path) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        tool.main(["lint", *args, "-s", "WARNING", "-f", "JSON", str(path)])
    text = out.getvalue().strip()
    assert text, f"pkilint printed nothing for {path}"
    results = json.loads(text)["results"]
    return [(f["severity"], f["code"]) for r in results for f in r["finding_descriptions"]]


def _errors(findings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [f for f in findings if f[0] in ("ERROR", "FATAL") and f[1] not in ALLOWED]


LEAVES = [
    ("secc", "ec-p256", "UZ*UPC*E123*1", "UzCharge"),
    ("contract", "ec-p256", "UZUPCC000012345", None),
    ("cps-leaf", "ec-p256", "CPS Leaf 2", None),
    ("oem-prov", "ec-p256", "WMI1234567890ABCD", None),
    ("csms-server", "ec-p256", "csms.example.uz", "UzPnC"),
    ("charging-station", "ec-p256", "CS-0001", "UzPnC"),
    ("secc-20", "ec-p521", "UZ*UPC*E123*2", "UzCharge"),
    ("contract-20", "ed448", "UZUPCC000012347", None),
]


@pytest.fixture(scope="module")
def linted_product(request: pytest.FixtureRequest, tmp_path_factory):  # type: ignore[no-untyped-def]
    # One container for the module: linting is read-only.
    from csms.container import build_container
    from csms.settings import Settings

    tmp = tmp_path_factory.mktemp("lint")
    container = build_container(Settings(data_dir=tmp, key_passphrase="test-passphrase-not-secret"))
    in_tx(container, container.ca.init, actor="test", include_demo=True)
    yield container
    container.close()


@pytest.mark.parametrize(("profile", "key", "cn", "o"), LEAVES, ids=[c[0] for c in LEAVES])
def test_leaf_profiles_lint_clean(
    linted_product: Container, tmp_path: Path, profile: str, key: str, cn: str, o: str | None
) -> None:
    issued = in_tx(
        linted_product,
        linted_product.ca.issue_from_csr,
        make_csr(make_key(key), cn=cn, o=o),
        profile,
        actor="test",
    )
    path = tmp_path / "leaf.der"
    path.write_bytes(issued.certificate.public_bytes(serialization.Encoding.DER))
    findings = _findings(lint_pkix_cert, [], path)
    assert _errors(findings) == [], findings


def test_ca_certificates_and_delegate_lint_clean(linted_product: Container, tmp_path: Path) -> None:
    in_tx(linted_product, linted_product.ca.create_ocsp_delegate, "mo-sub2", actor="test")
    seen_allowed = False
    for name, authority in linted_product.ca.authorities().items():
        path = tmp_path / f"{name}.der"
        path.write_bytes(authority.certificate.public_bytes(serialization.Encoding.DER))
        findings = _findings(lint_pkix_cert, [], path)
        assert _errors(findings) == [], (name, findings)
        seen_allowed |= any(code in ALLOWED for _, code in findings)
    # The allowance is not vacuous: pkilint does flag the ISO 15118 DC values.
    assert seen_allowed


def test_crls_lint_clean(linted_product: Container, tmp_path: Path) -> None:
    issued = in_tx(
        linted_product, linted_product.ca.issue_from_csr, make_csr(), "secc", actor="test"
    )
    in_tx(
        linted_product,
        linted_product.ca.revoke,
        issued.certificate.serial_number,
        reason="keyCompromise",
        actor="test",
    )
    other = in_tx(
        linted_product, linted_product.ca.issue_from_csr, make_csr(), "secc", actor="test"
    )
    in_tx(
        linted_product,
        linted_product.ca.revoke,
        other.certificate.serial_number,
        reason=None,
        actor="test",
    )
    for name, authority in linted_product.ca.authorities().items():
        if not authority.profile.ca:
            continue
        crl = in_tx(linted_product, build_crl, linted_product.ca, name)
        path = tmp_path / f"{name}.crl"
        path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
        findings = _findings(lint_crl, ["-t", "CRL", "-p", "PKIX"], path)
        assert _errors(findings) == [], (name, findings)


def test_ocsp_responses_lint_clean(linted_product: Container, tmp_path: Path) -> None:
    good = in_tx(linted_product, linted_product.ca.issue_from_csr, make_csr(), "secc", actor="test")
    revoked = in_tx(
        linted_product, linted_product.ca.issue_from_csr, make_csr(), "secc", actor="test"
    )
    in_tx(
        linted_product,
        linted_product.ca.revoke,
        revoked.certificate.serial_number,
        reason="superseded",
        actor="test",
    )
    issuer = linted_product.ca.authority("cpo-sub2").certificate
    in_tx(linted_product, linted_product.ca.create_ocsp_delegate, "mo-sub2", actor="test")
    linted_product.ocsp.forget_issuers()
    contract = in_tx(
        linted_product,
        linted_product.ca.issue_from_csr,
        make_csr(cn="UZUPCC000000001", o=None),
        "contract",
        actor="test",
    )
    requests = []
    for cert, iss, nonce in (
        (good.certificate, issuer, False),
        (good.certificate, issuer, True),
        (revoked.certificate, issuer, False),
        (contract.certificate, linted_product.ca.authority("mo-sub2").certificate, True),
    ):
        builder = ocsp.OCSPRequestBuilder().add_certificate(cert, iss, hashes.SHA256())
        if nonce:
            builder = builder.add_extension(x509.OCSPNonce(b"0123456789abcdef"), critical=False)
        requests.append(builder.build().public_bytes(serialization.Encoding.DER))
    for index, request in enumerate(requests):
        path = tmp_path / f"response-{index}.der"
        path.write_bytes(linted_product.ocsp.respond(request))
        findings = _findings(lint_ocsp_response, [], path)
        assert _errors(findings) == [], (index, findings)


def test_a_csms_root_rotation_lints_clean(linted_product: Container, tmp_path: Path) -> None:
    """The rotation's new root, its issuing CA, the link certificate the old root signed, and
    a server certificate from the new issuing CA; `openssl verify` builds the server's path
    to the old root through the link, and to the new root without it."""
    import subprocess

    from pki.authority import pem_of
    from pki.csms_root import CsmsRootRotation

    rotation = CsmsRootRotation(linted_product.ca)
    made = in_tx(linted_product, rotation.begin, actor="test")
    server = in_tx(
        linted_product,
        linted_product.ca.issue_from_csr,
        make_csr(make_key("ec-p256"), cn="csms.example.uz", o="UzPnC"),
        "csms-server",
        actor="test",
        ca_name=made.issuing_ca,
    )
    issuing = linted_product.ca.authority(made.issuing_ca).certificate
    assert made.link is not None
    for name, certificate in (
        ("root", made.root),
        ("issuing", issuing),
        ("link", made.link),
        ("server", server.certificate),
    ):
        path = tmp_path / f"{name}.der"
        path.write_bytes(certificate.public_bytes(serialization.Encoding.DER))
        findings = _findings(lint_pkix_cert, [], path)
        assert _errors(findings) == [], (name, findings)
    old_root = linted_product.ca.authority("v2g-root").certificate
    files = {}
    for name, certificates in (
        ("old", [old_root]),
        ("new", [made.root]),
        ("via-link", [issuing, made.link]),
        ("direct", [issuing]),
        ("leaf", [server.certificate]),
    ):
        files[name] = tmp_path / f"{name}.pem"
        files[name].write_text(pem_of(certificates))

    def verify(root: str, untrusted: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["openssl", "verify", "-x509_strict", "-CAfile", str(files[root]),
             "-untrusted", str(files[untrusted]), str(files["leaf"])],
            capture_output=True, text=True, check=False,
        )  # fmt: skip

    assert verify("old", "via-link").returncode == 0, verify("old", "via-link").stderr
    assert verify("new", "direct").returncode == 0, verify("new", "direct").stderr
    assert verify("old", "direct").returncode != 0  # without the link, the old root is no path
