"""The profile check and the DER pieces issuance is built from, held to `cryptography`.

The certificates here are built by `cryptography`'s CertificateBuilder, not by pki.tbs, so the
reader and the check are tried on an encoder nobody here wrote: a certificate made to the SECC
profile passes, and each single deviation from the profile is named.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from pki import der
from pki.certificate_profile import IssuerFacts, check_certificate
from pki.errors import ProfileViolation
from pki.profiles import get_profile
from pki.tbs import encode_name, key_identifier, subject_public_key_info
from pki.tbs_reader import read_request_info, read_tbs_certificate

from .helpers import make_csr, make_key

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
# Uzbek Latin with its turned-comma letter, a dash and a Cyrillic city name: non-ASCII UTF-8.
_UZBEK_CYRILLIC = "O\u02bbzbekiston Energiya \u2014 \u0422\u043e\u0448\u043a\u0435\u043d\u0442"


def _name(*attributes: tuple[x509.ObjectIdentifier, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attributes])


@dataclass
class Ca:
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: make_key("ec-p256"))
    name: x509.Name = field(
        default_factory=lambda: _name(
            (NameOID.COMMON_NAME, "Test CPO Sub2"), (NameOID.DOMAIN_COMPONENT, "V2G")
        )
    )
    not_after: datetime = NOW + timedelta(days=700)

    def certificate(self) -> x509.Certificate:
        return (
            x509.CertificateBuilder()
            .subject_name(self.name)
            .issuer_name(self.name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - timedelta(days=1))
            .not_valid_after(self.not_after)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )


_SECC_KEY_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=False,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=True,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)


@dataclass
class Secc:
    """A certificate as the SECC profile makes it; each test case changes one thing."""

    key: object = field(default_factory=lambda: make_key("ec-p256").public_key())
    subject: x509.Name = field(
        default_factory=lambda: _name(
            (NameOID.COMMON_NAME, "UZ*UPC*E1*1"),
            (NameOID.ORGANIZATION_NAME, "UzCharge"),
            (NameOID.DOMAIN_COMPONENT, "CPO"),
        )
    )
    issuer_name: x509.Name | None = None
    days: int = 60
    basic_constraints: x509.BasicConstraints = field(
        default_factory=lambda: x509.BasicConstraints(ca=False, path_length=None)
    )
    key_usage: x509.KeyUsage = field(default_factory=lambda: _SECC_KEY_USAGE)
    key_usage_critical: bool = True
    ski: bytes | None = None
    aki: bytes | None = None
    extra: list[x509.ExtensionType] = field(default_factory=list)

    def certificate(self, ca: Ca) -> x509.Certificate:
        access = x509.AccessDescription(
            AuthorityInformationAccessOID.OCSP,
            x509.UniformResourceIdentifier("http://127.0.0.1:8000/ocsp"),
        )
        ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca.key.public_key()).digest
        builder = (
            x509.CertificateBuilder()
            .subject_name(self.subject)
            .issuer_name(self.issuer_name or ca.name)
            .public_key(self.key)  # type: ignore[arg-type]
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - timedelta(minutes=5))
            .not_valid_after(NOW + timedelta(days=self.days))
            .add_extension(self.basic_constraints, critical=True)
            .add_extension(self.key_usage, critical=self.key_usage_critical)
            .add_extension(
                x509.SubjectKeyIdentifier(
                    self.ski or x509.SubjectKeyIdentifier.from_public_key(self.key).digest  # type: ignore[arg-type]
                ),
                critical=False,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier(self.aki or ca_ski, None, None), critical=False
            )
            .add_extension(x509.AuthorityInformationAccess([access]), critical=False)
        )
        for extension in self.extra:
            builder = builder.add_extension(extension, critical=False)
        return builder.sign(ca.key, hashes.SHA256())


def _check(cert: x509.Certificate, ca: Ca, profile: str = "secc") -> None:
    check_certificate(
        read_tbs_certificate(cert.tbs_certificate_bytes),
        get_profile(profile),
        issuer=IssuerFacts.of(ca.certificate()),
    )


def test_a_certificate_made_to_the_profile_by_cryptography_passes() -> None:
    ca = Ca()
    _check(Secc().certificate(ca), ca)


DEVIATIONS: list[tuple[str, Callable[[], Secc], str]] = [
    (
        "an extra extension",
        lambda: Secc(extra=[x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH])]),
        "extensions differ",
    ),
    ("keyUsage not critical", lambda: Secc(key_usage_critical=False), "keyUsage"),
    (
        "keyUsage with keyEncipherment",
        lambda: Secc(
            key_usage=x509.KeyUsage(True, False, True, False, True, False, False, False, False)
        ),
        "keyUsage",
    ),
    (
        "a leaf that is a CA",
        lambda: Secc(basic_constraints=x509.BasicConstraints(ca=True, path_length=None)),
        "basicConstraints",
    ),
    ("a foreign authority key id", lambda: Secc(aki=b"\x01" * 20), "authorityKeyIdentifier"),
    ("a subject key id of another key", lambda: Secc(ski=b"\x02" * 20), "subjectKeyIdentifier"),
    (
        "another issuer name",
        lambda: Secc(issuer_name=_name((NameOID.COMMON_NAME, "Someone Else"))),
        "issuer name",
    ),
    ("validity beyond the profile", lambda: Secc(days=200), "exceeds the profile's 92"),
    (
        "a CN outside the pattern",
        lambda: Secc(
            subject=_name(
                (NameOID.COMMON_NAME, "evil cn"),
                (NameOID.ORGANIZATION_NAME, "UzCharge"),
                (NameOID.DOMAIN_COMPONENT, "CPO"),
            )
        ),
        "does not match the profile's pattern",
    ),
    (
        "two CNs",
        lambda: Secc(
            subject=_name(
                (NameOID.COMMON_NAME, "UZ*UPC*E1*1"),
                (NameOID.COMMON_NAME, "UZ*UPC*E1*2"),
                (NameOID.DOMAIN_COMPONENT, "CPO"),
            )
        ),
        "exactly one CN",
    ),
    (
        "no DC",
        lambda: Secc(subject=_name((NameOID.COMMON_NAME, "UZ*UPC*E1*1"))),
        "DC=CPO",
    ),
    (
        "a P-384 key",
        lambda: Secc(key=make_key("ec-p384").public_key()),
        "algorithm is not one the profile allows",
    ),
]


@pytest.mark.parametrize(("label", "make", "named"), DEVIATIONS, ids=[d[0] for d in DEVIATIONS])
def test_each_deviation_from_the_profile_is_named(
    label: str, make: Callable[[], Secc], named: str
) -> None:
    ca = Ca()
    with pytest.raises(ProfileViolation) as caught:
        _check(make().certificate(ca), ca)
    assert named in str(caught.value), str(caught.value)
    assert str(caught.value).count(";") == 0, f"{label} broke more than one rule: {caught.value}"


def test_validity_past_the_issuer_is_named() -> None:
    ca = Ca(not_after=NOW + timedelta(days=30))
    with pytest.raises(ProfileViolation, match="ends after the issuer's"):
        _check(Secc().certificate(ca), ca)


def test_a_sub_ca_with_the_wrong_path_length_is_named() -> None:
    ca = Ca()
    key = make_key("ec-p256").public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name((NameOID.COMMON_NAME, "Sub"), (NameOID.DOMAIN_COMPONENT, "V2G")))
        .issuer_name(ca.name)
        .public_key(key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW)
        .not_valid_after(NOW + timedelta(days=300))
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.OCSP,
                        x509.UniformResourceIdentifier("http://127.0.0.1:8000/ocsp"),
                    )
                ]
            ),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    with pytest.raises(ProfileViolation, match="pathLen 1 != 0"):
        _check(cert, ca, "sub-ca-2")


def test_the_reader_agrees_with_cryptography_on_every_field() -> None:
    ca = Ca()
    for days in (60, 92):
        cert = Secc(days=days).certificate(ca)
        fields = read_tbs_certificate(cert.tbs_certificate_bytes)
        assert fields.serial == cert.serial_number
        assert fields.not_before == cert.not_valid_before_utc
        assert fields.not_after == cert.not_valid_after_utc
        assert fields.issuer_der == cert.issuer.public_bytes()
        assert fields.subject_der == cert.subject.public_bytes()
        assert fields.subject == tuple((a.oid.dotted_string, a.value) for a in cert.subject)
        assert fields.spki_der == subject_public_key_info(cert.public_key())  # type: ignore[arg-type]
        assert set(fields.extensions) == {e.oid.dotted_string for e in cert.extensions}
        for extension in cert.extensions:
            read = fields.extensions[extension.oid.dotted_string]
            assert read.critical == extension.critical
            assert read.value == extension.value.public_bytes()


def test_generalized_time_after_2049_is_read() -> None:
    ca = Ca(not_after=datetime(2061, 1, 1, tzinfo=UTC))
    cert = (
        x509.CertificateBuilder()
        .subject_name(ca.name)
        .issuer_name(ca.name)
        .public_key(ca.key.public_key())
        .serial_number(1)
        .not_valid_before(datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC))
        .not_valid_after(datetime(2060, 2, 29, 8, 0, 1, tzinfo=UTC))
        .sign(ca.key, hashes.SHA256())
    )
    fields = read_tbs_certificate(cert.tbs_certificate_bytes)
    assert fields.not_before == cert.not_valid_before_utc
    assert fields.not_after == cert.not_valid_after_utc


@pytest.mark.parametrize(
    "attributes",
    [
        [("CN", "UZ*UPC*E1*1"), ("O", "UzCharge"), ("DC", "CPO")],
        [("CN", "UZUPCC0000000A1")],
        [("CN", "cs-0001"), ("O", _UZBEK_CYRILLIC), ("C", "UZ")],
        [("CN", "x" * 64), ("O", "o" * 200), ("C", "DE"), ("DC", "V2G")],
    ],
)
def test_names_are_encoded_exactly_as_cryptography_encodes_them(
    attributes: list[tuple[str, str]],
) -> None:
    oids = {
        "CN": NameOID.COMMON_NAME,
        "O": NameOID.ORGANIZATION_NAME,
        "C": NameOID.COUNTRY_NAME,
        "DC": NameOID.DOMAIN_COMPONENT,
    }
    expected = _name(*((oids[kind], value) for kind, value in attributes)).public_bytes()
    assert encode_name(attributes) == expected


@pytest.mark.parametrize("kind", ["ec-p256", "ec-p384", "ec-p521", "ed448", "rsa-2048"])
def test_key_identifiers_equal_cryptographys(kind: str) -> None:
    public_key = make_key(kind).public_key()
    spki = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert key_identifier(spki) == x509.SubjectKeyIdentifier.from_public_key(public_key).digest


def test_a_csr_subject_and_key_are_read_as_cryptography_reads_them() -> None:
    pem = make_csr(cn="CS-0001", o="O\u02bbzbek Energiya", c="UZ")
    csr = x509.load_pem_x509_csr(pem)
    subject, spki = read_request_info(csr.tbs_certrequest_bytes)
    assert subject == tuple((a.oid.dotted_string, a.value) for a in csr.subject)
    assert spki == subject_public_key_info(csr.public_key())  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["ec-p256", "ec-p521", "ed448", "rsa-2048"])
def test_a_key_as_received_is_kept_only_in_the_form_the_ca_writes(kind: str) -> None:
    public_key = make_key(kind).public_key()
    canonical = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert subject_public_key_info(public_key, as_received=canonical) is canonical
    if kind.startswith("ec-"):
        # The same key with a compressed point: valid, but not what certificates carry.
        point = public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
        )
        _, start, _ = der.read_tlv(canonical)
        algorithm = canonical[start : der.read_tlv(canonical, start)[2]]
        compressed = der.sequence(algorithm, der.bit_string(point))
        assert serialization.load_der_public_key(compressed).public_numbers() == (
            public_key.public_numbers()  # type: ignore[union-attr]
        )
        assert subject_public_key_info(public_key, as_received=compressed) == canonical


def test_damaged_bytes_give_der_errors_only() -> None:
    """The reader meets only DER that cryptography has parsed, but damaged input still ends in
    a DerError (or a clean read), never another exception."""
    ca = Ca()
    tbs = Secc().certificate(ca).tbs_certificate_bytes
    info = x509.load_pem_x509_csr(make_csr()).tbs_certrequest_bytes
    rng = random.Random(15118)
    outcomes = {"read": 0, "refused": 0}
    for sample, reader in ((tbs, read_tbs_certificate), (info, read_request_info)):
        for _ in range(3000):
            damaged = bytearray(sample)
            for _ in range(rng.randint(1, 4)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            cut = bytes(damaged[: rng.randint(0, len(damaged))] if rng.random() < 0.3 else damaged)
            try:
                reader(cut)
                outcomes["read"] += 1
            except der.DerError:
                outcomes["refused"] += 1
    assert outcomes["refused"] > 1000 and outcomes["read"] > 100, outcomes
