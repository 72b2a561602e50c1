"""Trust-anchor import and path validation with typed reasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from sqlalchemy import select

from auth.audit import AuditEvent
from csms.container import Container
from pki.errors import TrustAnchorRejected, ValidationReason
from pki.validation import PathValidator, RevocationState

from .foreign import make_foreign_pki
from .helpers import in_tx, make_csr


def test_oem_bundle_import_root_first_or_last(container: Container, tmp_path: Path) -> None:
    oem = make_foreign_pki(tmp_path / "oem")
    result = in_tx(
        container,
        container.trust.add_bundle,
        oem.pem("sub2", "sub1", "root"),
        "oem-root",
        actor="ops",
    )
    assert len(result.added) == 3 and not result.already_known
    again = in_tx(
        container,
        container.trust.add_bundle,
        oem.pem("root", "sub1", "sub2"),
        "oem-root",
        actor="ops",
    )
    assert not again.added and len(again.already_known) == 3
    roots = in_tx(container, container.trust.certificates, "oem-root", "root")
    subs = in_tx(container, container.trust.certificates, "oem-root", "sub-ca")
    assert roots == [oem.root] and set(subs) == {oem.sub1, oem.sub2}
    # The car sends only its leaf; the stored sub-CAs complete the path.
    result_path = PathValidator(roots, subs).validate(oem.leaf)
    assert result_path.ok, result_path.detail
    assert result_path.path == (oem.leaf, oem.sub2, oem.sub1, oem.root)
    with container.session_factory() as session:
        actions = list(
            session.scalars(select(AuditEvent.actor).where(AuditEvent.action == "trust.added"))
        )
    assert actions == ["ops"] * 3


@pytest.mark.parametrize(
    ("label", "bundle", "code"),
    [
        ("empty", lambda o: b"", "empty"),
        (
            "garbage",
            lambda o: b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n",
            "malformed",
        ),
        ("no root", lambda o: o.pem("sub1", "sub2"), "root"),
        ("leaf inside", lambda o: o.pem("root", "sub1", "sub2", "leaf"), "not_a_ca"),
        ("orphan sub-CA", lambda o: o.pem("root", "sub2"), "unknown_issuer"),
    ],
)
def test_bad_bundles_are_refused_and_nothing_stored(
    container: Container,
    tmp_path: Path,
    label: str,
    bundle,
    code: str,  # type: ignore[no-untyped-def]
) -> None:
    oem = make_foreign_pki(tmp_path / "oem")
    with pytest.raises(TrustAnchorRejected) as caught:
        in_tx(container, container.trust.add_bundle, bundle(oem), "oem-root", actor="ops")
    assert caught.value.code == code, caught.value.message
    assert in_tx(container, container.trust.list) == []


def test_bundle_with_root_of_another_pki_is_refused(container: Container, tmp_path: Path) -> None:
    a = make_foreign_pki(tmp_path / "a", name="A")
    b = make_foreign_pki(tmp_path / "b", name="B")
    with pytest.raises(TrustAnchorRejected):
        in_tx(
            container,
            container.trust.add_bundle,
            a.pem("root") + b.pem("sub1"),
            "oem-root",
            actor="ops",
        )
    with pytest.raises(TrustAnchorRejected) as caught:
        in_tx(
            container,
            container.trust.add_bundle,
            a.pem("root") + b.pem("root"),
            "oem-root",
            actor="ops",
        )
    assert caught.value.code == "root"
    with pytest.raises(TrustAnchorRejected) as caught:
        in_tx(container, container.trust.add_bundle, a.pem("root"), "car-root", actor="ops")
    assert caught.value.code == "kind"


def _own_validator(container: Container, root: str) -> PathValidator:
    from pki.issuance import serial_to_hex

    def own_revocation(cert: x509.Certificate, issuer: x509.Certificate) -> RevocationState:
        try:
            record = in_tx(container, container.ca.find, cert.serial_number)
        except Exception:
            return RevocationState.UNKNOWN
        assert record.serial_hex == serial_to_hex(cert.serial_number)
        return RevocationState.REVOKED if record.revoked_at else RevocationState.GOOD

    cas = [a.certificate for a in container.ca.authorities().values()]
    return PathValidator(
        [container.ca.authority(root).certificate], cas, revocation=[own_revocation]
    )


def test_validation_reasons(container: Container, tmp_path: Path) -> None:
    validator = _own_validator(container, "v2g-root")
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    assert validator.validate(issued.certificate).reason is ValidationReason.VALID
    later = datetime.now(UTC) + timedelta(days=400)
    assert validator.validate(issued.certificate, at=later).reason is ValidationReason.EXPIRED
    earlier = datetime.now(UTC) - timedelta(days=1)
    assert validator.validate(issued.certificate, at=earlier).reason is (
        ValidationReason.NOT_YET_VALID
    )
    # A contract certificate does not chain to the V2G root.
    contract = in_tx(
        container,
        container.ca.issue_from_csr,
        make_csr(cn="UZUPCC000000002", o=None),
        "contract",
        actor="test",
    )
    only_v2g = PathValidator(
        [container.ca.authority("v2g-root").certificate], container.ca.chain_to_root("cpo-sub2")
    )
    assert only_v2g.validate(contract.certificate).reason is ValidationReason.UNKNOWN_ISSUER
    in_tx(
        container,
        container.ca.revoke,
        issued.certificate.serial_number,
        reason="keyCompromise",
        actor="test",
    )
    assert validator.validate(issued.certificate).reason is ValidationReason.REVOKED


def test_bad_signature_and_constraint_violations(container: Container, tmp_path: Path) -> None:
    oem = make_foreign_pki(tmp_path / "oem")
    # An impostor sub-CA: same name as the real Sub2, different key.
    impostor = make_foreign_pki(tmp_path / "impostor", name="OEM")
    validator = PathValidator([oem.root], [oem.sub1, oem.sub2])
    result = validator.validate(impostor.leaf)
    assert result.reason is ValidationReason.BAD_SIGNATURE, result.detail
    # Three sub-CAs: more than ISO 15118 allows.
    deep = PathValidator([oem.root], [oem.sub1, oem.sub2], max_sub_cas=1)
    assert deep.validate(oem.leaf).reason is ValidationReason.PROFILE_VIOLATION
    # A leaf used as an issuer.
    leaf_as_ca = PathValidator([oem.root], [oem.sub1, oem.sub2, oem.leaf])
    fake_child = _sign_with_leaf(oem)
    assert leaf_as_ca.validate(fake_child).reason is ValidationReason.PROFILE_VIOLATION


def _sign_with_leaf(oem) -> x509.Certificate:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives import hashes, serialization

    from .helpers import make_key

    leaf_key = serialization.load_pem_private_key(oem.leaf_key_pem, None)
    child_key = make_key()
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "child")]))
        .issuer_name(oem.leaf.subject)
        .public_key(child_key.public_key())
        .serial_number(99)
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(leaf_key, hashes.SHA256())  # type: ignore[arg-type]
    )


def test_expired_foreign_leaf(container: Container, tmp_path: Path) -> None:
    oem = make_foreign_pki(tmp_path / "oem", leaf_days=1)
    validator = PathValidator([oem.root], [oem.sub1, oem.sub2])
    result = validator.validate(oem.leaf, at=datetime.now(UTC) + timedelta(days=2))
    assert result.reason is ValidationReason.EXPIRED
