"""ISO 15118-20 CertificateInstallation through the CPS (contracts/cps20.py).

The car is tests/contracts/car20.py: an openssl-made P-521 OEM PKI and an EV side written
from the XSD and the xmldsig / AES-GCM specifications (Josev 0.31.2 cannot play it: its -20
CertificateInstallation states raise NotImplementedError on both sides, see
docs/contracts.md). Names ending in `_unverified_kdf` depend on the -20 KDF, which no public
source confirmed; `_unverified_semantics` marks our reading of
MaximumContractCertificateChains / RemainingContractCertificateChains and of the response
codes chosen per failure.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from contracts import ContractCertificate
from contracts.cps import ISO20_SCHEMAS, MAX_EXI_CHARACTERS, CpsAnswer
from contracts.cps20 import Code20
from tests.contracts.car import JosevCar
from tests.contracts.car20 import Car20, OemPki20, make_oem_pki20
from tests.contracts.conftest import (
    OPERATOR,
    Domain,
    Product,
    contract_domain,
    handle,
    linked_certificates,
    trust,
)
from tests.contracts.oem_crl import revoke_leaf_crl

PCID20 = "WMIABC1234567890XY"  # [V2G20-2492]: 18 characters in -20


@dataclass
class Pnc20:
    product: Product
    domain: Domain
    oem: OemPki20
    car: Car20
    emaid: str

    def root(self, name: str = "v2g-root-20") -> x509.Certificate:
        return self.product.ca.authority(name).certificate

    def install(self, exi_b64: str, schema: str = ISO20_SCHEMAS[0]) -> CpsAnswer:
        return handle(self.product, self.domain, schema, "Install", exi_b64)

    def create(self, owner: str = "alice") -> str:
        """A new contract for the car (not its default); its eMAID."""
        with self.product.session_factory.begin() as session:
            return self.domain.service.create(session, OPERATOR, owner=owner, pcid=PCID20).emaid

    def certificates(self, emaid: str | None = None) -> list[ContractCertificate]:
        return linked_certificates(self.product, self.domain, emaid or self.emaid)

    def failed_with(self, answer: CpsAnswer, code: str) -> dict:
        assert answer.status == "Failed"
        assert answer.response_code == code, answer.detail
        response = Car20.decode(answer.exi_response)
        assert response["ResponseCode"] == code
        assert "Signature" not in response["Header"]
        assert self.certificates() == []  # nothing was issued
        return response


@pytest.fixture
def make_pnc20(make_product: Callable[..., Product], tmp_path: Path) -> Callable[..., Pnc20]:
    def factory(*, import_subs: bool = True, pcid: str = PCID20) -> Pnc20:
        product = make_product("sqlite-file")
        oem = make_oem_pki20(tmp_path / f"oem20-{pcid}", leaf_cn=pcid)
        bundle = oem.pem("root", "sub1", "sub2") if import_subs else oem.pem("root")
        trust(product, bundle)
        domain = contract_domain(product)
        with product.session_factory.begin() as session:
            contract = domain.service.create(session, OPERATOR, owner="alice", pcid=pcid)
        return Pnc20(product, domain, oem, Car20(oem, pcid), contract.emaid)

    return factory


@pytest.fixture
def pnc20(make_pnc20: Callable[..., Pnc20]) -> Pnc20:
    return make_pnc20()


# --- success ----------------------------------------------------------------------------------


@pytest.mark.parametrize("schema", ISO20_SCHEMAS)
def test_install_20_signed_verified_and_key_decrypts_unverified_kdf(
    pnc20: Pnc20, schema: str
) -> None:
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()]), schema)
    assert answer.status == "Accepted", answer.detail
    assert answer.response_code == "OK" and answer.emaid == pnc20.emaid
    installed = pnc20.car.accept(answer.exi_response, pnc20.root())
    assert installed.emaid == pnc20.emaid
    assert installed.remaining == 0
    key = installed.certificate.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp521r1"
    ca = pnc20.product.ca
    # The -20 hierarchies have one sub-CA level (certs/hierarchy.toml says why).
    assert installed.sub_certificates == [ca.authority("mo-sub2-20").certificate]
    installed.certificate.verify_directly_issued_by(ca.authority("mo-sub2-20").certificate)
    [record] = pnc20.certificates()
    assert record.schema == "iso-20" and record.pcid == PCID20 and record.action == "install"
    assert record.serial_hex == answer.serial_hex


def test_install_20_response_fits_ocpp_201_limit(pnc20: Pnc20) -> None:
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()]))
    assert answer.status == "Accepted", answer.detail
    assert len(answer.exi_response) <= MAX_EXI_CHARACTERS, len(answer.exi_response)


def test_install_20_car_supplies_sub_cas_unverified_kdf(make_pnc20: Callable[..., Pnc20]) -> None:
    pnc20 = make_pnc20(import_subs=False)  # only the OEM root is imported
    car = pnc20.car
    exi = car.request_b64([pnc20.root()], subs=[pnc20.oem.sub2, pnc20.oem.sub1])
    answer = pnc20.install(exi)
    assert answer.status == "Accepted", answer.detail
    car.accept(answer.exi_response, pnc20.root())


def test_install_20_request_signed_the_2_way_is_accepted_unverified_kdf(pnc20: Pnc20) -> None:
    """ecdsa-sha256 / SHA-256 digests with a P-521 key: what Josev 0.31.2's -20 EV writes."""
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()], hash_name="sha256"))
    assert answer.status == "Accepted", answer.detail
    pnc20.car.accept(answer.exi_response, pnc20.root())


def test_maximum_and_remaining_chains_unverified_semantics_unverified_kdf(pnc20: Pnc20) -> None:
    second = pnc20.create()
    third = pnc20.create()
    car, roots = pnc20.car, [pnc20.root()]

    # the car takes two chains and prefers `third`: third first, then the default contract
    served = []
    for expected_remaining in (1, 0):
        answer = pnc20.install(car.request_b64(roots, maximum=2, prioritized=[third]))
        installed = car.accept(answer.exi_response, pnc20.root())
        assert installed.remaining == expected_remaining
        served.append(installed.emaid)
    assert served == [third, pnc20.emaid]
    # both served: asking again re-serves the one served longest ago, nothing remains
    answer = pnc20.install(car.request_b64(roots, maximum=2, prioritized=[third]))
    again = car.accept(answer.exi_response, pnc20.root())
    assert (again.emaid, again.remaining) == (third, 0)
    assert pnc20.certificates(second) == []  # beyond MaximumContractCertificateChains

    # a car taking all three gets the one it has not got yet, and then nothing remains
    answer = pnc20.install(car.request_b64(roots, maximum=3))
    last = car.accept(answer.exi_response, pnc20.root())
    assert (last.emaid, last.remaining) == (second, 0)


def test_prioritized_emaid_with_separators_and_without_check_character(pnc20: Pnc20) -> None:
    other = pnc20.create()
    written = f"{other[:2]}-{other[2:5]}-{other[5:14]}"
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()], prioritized=[written]))
    installed = pnc20.car.accept(answer.exi_response, pnc20.root())
    assert (installed.emaid, installed.remaining) == (other, 0)


# --- failures ---------------------------------------------------------------------------------


def test_unsigned_request_fails_with_signature_error(pnc20: Pnc20) -> None:
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()], sign=False))
    response = pnc20.failed_with(answer, Code20.SIGNATURE)
    assert response["Header"]["SessionID"] == pnc20.car.session_id


def test_request_changed_after_signing_fails_with_signature_error(pnc20: Pnc20) -> None:
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()], tamper=True))
    pnc20.failed_with(answer, Code20.SIGNATURE)


def test_request_signed_by_another_key_fails_with_signature_error(pnc20: Pnc20) -> None:
    stranger = ec.generate_private_key(ec.SECP521R1())
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()], key=stranger))
    pnc20.failed_with(answer, Code20.SIGNATURE)


def test_oem_not_imported_fails_with_certificate_validation_error_unverified_semantics(
    pnc20: Pnc20, tmp_path: Path
) -> None:
    stranger = make_oem_pki20(tmp_path / "stranger", name="OEMX", leaf_cn=PCID20)
    car = Car20(stranger, PCID20)
    answer = pnc20.install(car.request_b64([pnc20.root()], subs=[stranger.sub2, stranger.sub1]))
    pnc20.failed_with(answer, Code20.CHAIN)


def test_p256_provisioning_certificate_is_refused_unverified_semantics(
    make_product: Callable[..., Product], tmp_path: Path
) -> None:
    product = make_product("sqlite-file")
    oem = make_oem_pki20(tmp_path / "p256", leaf_cn=PCID20, curve="prime256v1")
    trust(product, oem.pem("root", "sub1", "sub2"))
    domain = contract_domain(product)
    with product.session_factory.begin() as session:
        domain.service.create(session, OPERATOR, owner="alice", pcid=PCID20)
    root = product.ca.authority("v2g-root-20").certificate
    answer = handle(
        product,
        domain,
        ISO20_SCHEMAS[0],
        "Install",
        Car20(oem, PCID20).request_b64([root], hash_name="sha256"),
    )
    assert answer.status == "Failed"
    assert answer.response_code == Code20.CHAIN and "secp256r1" in answer.detail


def test_revoked_provisioning_certificate_unverified_semantics(pnc20: Pnc20) -> None:
    crl = revoke_leaf_crl(pnc20.oem)  # type: ignore[arg-type]
    with pnc20.product.session_factory.begin() as session:
        pnc20.domain.revocation.import_crl(session, crl, actor="test")
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()]))
    pnc20.failed_with(answer, Code20.REVOKED)


def test_v2g_root_not_listed_fails_with_no_certificate_available(pnc20: Pnc20) -> None:
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root("v2g-root")]))  # the -2 root
    pnc20.failed_with(answer, Code20.NO_CERTIFICATE)


def test_maximum_zero_fails_with_no_certificate_available_unverified_semantics(
    pnc20: Pnc20,
) -> None:
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()], maximum=0))
    pnc20.failed_with(answer, Code20.NO_CERTIFICATE)


def test_unknown_pcid_fails_with_no_contract_matching_pcid(pnc20: Pnc20, tmp_path: Path) -> None:
    other_pcid = "WMIZZZ0000000001QQ"
    oem = make_oem_pki20(tmp_path / "unknown", name="OEMU", leaf_cn=other_pcid)
    trust(pnc20.product, oem.pem("root", "sub1", "sub2"))
    answer = pnc20.install(Car20(oem, other_pcid).request_b64([pnc20.root()]))
    pnc20.failed_with(answer, Code20.NO_CONTRACT)


@pytest.mark.parametrize("action", ["suspend", "terminate"])
def test_no_usable_contract_fails_with_no_contract_matching_pcid_unverified_semantics(
    pnc20: Pnc20, action: str
) -> None:
    with pnc20.product.session_factory.begin() as session:
        getattr(pnc20.domain.service, action)(session, OPERATOR, pnc20.emaid)
    answer = pnc20.install(pnc20.car.request_b64([pnc20.root()]))
    pnc20.failed_with(answer, Code20.NO_CONTRACT)


@pytest.mark.parametrize(
    ("action", "exi"),
    [
        ("Install", "not base64!"),
        ("Install", base64.b64encode(b"\x80\x00garbage").decode()),
        ("Install", "A" * (MAX_EXI_CHARACTERS + 4)),
        ("Update", None),  # -20 has no CertificateUpdate
    ],
)
def test_malformed_or_unsupported_requests_fail_with_failed(
    pnc20: Pnc20, action: str, exi: str | None
) -> None:
    exi = exi or pnc20.car.request_b64([pnc20.root()])
    answer = handle(pnc20.product, pnc20.domain, ISO20_SCHEMAS[1], action, exi)
    pnc20.failed_with(answer, Code20.FAILED)


# --- Josev (EXIficient) as an independent decoder -------------------------------------------


@pytest.mark.interop
def test_josev_decodes_our_20_request_and_response_unverified_kdf(
    pnc20: Pnc20, josev: JosevCar
) -> None:
    """Josev 0.31.2 cannot sign or check -20 CertificateInstallation (P-256/SHA-256 only,
    states not implemented), but its EXIficient codec and -20 models read both messages."""
    request = pnc20.car.request_b64([pnc20.root()], maximum=2)
    seen_request = josev.call("decode20", exi=request)
    assert seen_request["message"] == "CertificateInstallationReq"
    assert (seen_request["oem_chain_id"], seen_request["maximum"]) == ("id1", 2)
    assert seen_request["signature_references"] == ["#id1"]

    answer = pnc20.install(request)
    installed = pnc20.car.accept(answer.exi_response, pnc20.root())
    seen = josev.call("decode20", exi=answer.exi_response)
    response = Car20.decode(answer.exi_response)
    data = response["SignedInstallationData"]
    assert seen["message"] == "CertificateInstallationRes"
    assert (seen["response_code"], seen["evse_processing"]) == ("OK", "Finished")
    assert seen["remaining"] == installed.remaining == 0
    assert (seen["signed_data_id"], seen["ecdh_curve"]) == (data["Id"], "SECP521")
    assert base64.b64decode(seen["encrypted_key"]) == data["SECP521_EncryptedPrivateKey"]
    assert base64.b64decode(seen["dh_public_key"]) == data["DHPublicKey"]
    assert (
        base64.b64decode(seen["contract_leaf"]) == data["ContractCertificateChain"]["Certificate"]
    )
    assert seen["signature_method"].endswith("#ecdsa-sha512")

    failed = pnc20.install(pnc20.car.request_b64([pnc20.root()], sign=False))
    seen_failed = josev.call("decode20", exi=failed.exi_response)
    assert seen_failed["response_code"] == Code20.SIGNATURE
