"""Several trust worlds at once (issue 15): the product's CPS chain under its own V2G root Y
and, through `sub-ca request` / `sub-ca import`, under an external root X; the car's
ListOfRootCertificateIDs chooses. Authorize with another mobility operator's contract, whose
root was imported, and distrusted, and restored. Real PKI throughout: X is made with openssl,
Josev plays the car, `openssl verify` judges the chains with nothing but the car's root."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from contracts.cps import ISO2_SCHEMA, ISO20_SCHEMAS
from iso15118 import decode_v2g_message
from iso15118.emaid import check_character
from iso15118.messages import CertificateInstallationRes
from pki import der
from pki.authority import fingerprint_of, pem_of
from tests.contracts.car import JosevCar
from tests.contracts.car20 import Car20, make_oem_pki20
from tests.contracts.conftest import OPERATOR, Pnc, Product, contract_domain, handle, trust
from tests.pki.external_ca import ExternalCa, make_external_ca
from tests.pki.foreign import make_foreign_pki
from tests.pki.helpers import openssl

pytestmark = [pytest.mark.interop, pytest.mark.postgres]
PCID20 = "WMIABC1234567890XY"  # [V2G20-2492]: 18 characters in -20


def _b64(cert: x509.Certificate) -> str:
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()


def _put_cps_under(pnc: Pnc, x: ExternalCa) -> None:
    """What the operator does: trust X as a V2G root, export cps-sub1's CSR, have X sign it,
    import the certificate."""
    product = pnc.product
    with product.transaction() as session:
        product.pki.add_trust_bundle(session, OPERATOR, x.root_pem, "v2g-root")
    with product.transaction() as session:
        csr = product.pki.sub_ca_request(session, OPERATOR, "cps-sub1")
    signed = x.sign(csr, "cps-sub1")
    with product.transaction() as session:
        done = product.pki.import_sub_ca_certificate(
            session, OPERATOR, "cps-sub1", signed.read_bytes()
        )
    assert not done.already_known and "Xroot" in done.root_subject


def _install(pnc: Pnc, josev: JosevCar, roots: list[x509.Certificate]) -> tuple[str, dict]:
    request = josev.call(
        "install_req",
        oem_cert=pnc.oem_leaf_der,
        key_pem=pnc.oem_key_pem,
        roots=[_b64(r) for r in roots],
        session_id="0A1B2C3D4E5F6071",
    )
    answer = pnc.handle(ISO2_SCHEMA, "Install", request["exi"])
    return answer.response_code, {"answer": answer, "exi": answer.exi_response}


def _cps_chain(exi: str) -> list[x509.Certificate]:
    body = decode_v2g_message(base64.b64decode(exi)).body
    assert isinstance(body, CertificateInstallationRes)
    chain = body.sa_provisioning_certificate_chain
    return [x509.load_der_x509_certificate(d) for d in (chain.certificate, *chain.sub_certificates)]


def _verify_against(tmp: Path, chain: list[x509.Certificate], root: x509.Certificate) -> str:
    """openssl with only `root` as CAfile, no -partial_chain: the chain must reach it."""
    (tmp / "ca.pem").write_text(pem_of([root]))
    (tmp / "untrusted.pem").write_text(pem_of(chain[1:]))
    (tmp / "leaf.pem").write_text(pem_of(chain[:1]))
    return openssl(
        "verify", "-x509_strict", "-CAfile", str(tmp / "ca.pem"),
        "-untrusted", str(tmp / "untrusted.pem"), str(tmp / "leaf.pem"), check=False,
    )  # fmt: skip


def test_the_car_s_root_list_chooses_the_cps_chain(
    pnc: Pnc, josev: JosevCar, tmp_path: Path
) -> None:
    x = make_external_ca(tmp_path / "x")
    _put_cps_under(pnc, x)
    own_root = pnc.product.ca.authority("v2g-root").certificate  # Y
    stranger = make_external_ca(tmp_path / "z", "Zroot").root

    # A car that trusts only X: a chain to X, which openssl verifies with X alone and Josev
    # accepts (signature checked up to X, contract key decrypted).
    code, only_x = _install(pnc, josev, [x.root])
    assert code == "OK", only_x["answer"].detail
    chain = _cps_chain(only_x["exi"])
    assert chain[-1].issuer == x.root.subject
    assert chain[-1].public_key() == pnc.product.ca.authority("cps-sub1").certificate.public_key()
    assert ": OK" in _verify_against(tmp_path, chain, x.root)
    assert ": OK" not in _verify_against(tmp_path, chain, own_root)
    checked = josev.call(
        "check_res", exi=only_x["exi"], key_pem=pnc.oem_key_pem, v2g_root=_b64(x.root)
    )
    assert checked["signature_ok"] is True and checked["key_matches"] is True

    # A car that trusts only Y gets Y's chain; one listing both gets Y's (the product's own
    # root first).
    for roots in ([own_root], [x.root, own_root]):
        code, result = _install(pnc, josev, roots)
        assert code == "OK", result["answer"].detail
        chain = _cps_chain(result["exi"])
        assert chain[-1].issuer == own_root.subject
        assert ": OK" in _verify_against(tmp_path, chain, own_root)
        assert ": OK" not in _verify_against(tmp_path, chain, x.root)

    # A car that trusts neither: the documented failure, which Josev reads.
    code, neither = _install(pnc, josev, [stranger])
    assert code == "FAILED_NoCertificateAvailable"
    seen = josev.call("check_res", exi=neither["exi"], key_pem=pnc.oem_key_pem, v2g_root="")
    assert seen["response_code"] == "FAILED_NoCertificateAvailable"

    # X distrusted: its chain is no longer offered; restored: it is again.
    with pnc.product.transaction() as session:
        pnc.product.pki.distrust_anchor(
            session, OPERATOR, fingerprint_of(x.root), reason="test: key ceremony failed"
        )
    assert _install(pnc, josev, [x.root])[0] == "FAILED_NoCertificateAvailable"
    with pnc.product.transaction() as session:
        pnc.product.pki.restore_anchor(session, OPERATOR, fingerprint_of(x.root))
    assert _install(pnc, josev, [x.root])[0] == "OK"


def _foreign_emaid() -> str:
    base = "DEXYZC12345678"  # another operator's provider id (DE*XYZ)
    return base + check_character(base)


def test_authorize_follows_the_state_of_another_operator_s_root(pnc: Pnc, tmp_path: Path) -> None:
    emaid = _foreign_emaid()
    other_mo = make_foreign_pki(tmp_path / "other-mo", name="OtherMO", leaf_cn=emaid)
    chain = pem_of([other_mo.leaf, other_mo.sub2, other_mo.sub1])

    def decide() -> tuple[str | None, str]:
        with pnc.product.session_factory() as session:
            decision = pnc.domain.authorizer.authorize(session, emaid, chain)
        return decision.certificate_status, decision.id_token_status

    assert decide() == ("CertChainError", "Invalid")  # its root is not trusted yet
    with pnc.product.transaction() as session:
        pnc.product.pki.add_trust_bundle(
            session, OPERATOR, other_mo.pem("root", "sub1", "sub2"), "mo-root"
        )
    assert decide() == ("Accepted", "Accepted")
    root_fp = fingerprint_of(other_mo.root)
    with pnc.product.transaction() as session:
        pnc.product.pki.distrust_anchor(session, OPERATOR, root_fp, reason="test: compromised")
    assert decide() == ("CertChainError", "Invalid")
    with pnc.product.transaction() as session:
        pnc.product.pki.restore_anchor(session, OPERATOR, root_fp)
    assert decide() == ("Accepted", "Accepted")
    # The product's own contracts are unaffected by the other root's state and still need
    # their contract: an unknown eMAID under the product's root stays refused.
    with pnc.product.transaction() as session:
        pnc.product.pki.distrust_anchor(session, OPERATOR, root_fp, reason="again")
    with pnc.product.session_factory() as session:
        own = pnc.domain.authorizer.authorize(session, pnc.emaid)
    assert own.id_token_status == "Invalid"  # eMAID only, refused by default, as before


def test_a_cross_certificate_of_the_product_s_20_root_serves_a_car_that_trusts_only_x(
    make_product: Callable[..., Product], tmp_path: Path
) -> None:
    """ISO 15118-20: X certifies the product's V2G root 20 key (`trust import-cross`); the
    CPS chain leaf, CPS Sub-CA 2 20, V2G Root CA 20 under X has two sub-CAs and reaches X."""
    product = make_product("postgres-file")
    oem = make_oem_pki20(tmp_path / "oem20", leaf_cn=PCID20)
    trust(product, oem.pem("root", "sub1", "sub2"))
    domain = contract_domain(product)
    with product.transaction() as session:
        domain.service.create(session, OPERATOR, owner="alice", pcid=PCID20)
    x = make_external_ca(tmp_path / "x20", "X20root", curve="secp521r1")
    own_root = product.ca.authority("v2g-root-20").certificate
    with product.transaction() as session:
        product.pki.add_trust_bundle(session, OPERATOR, x.root_pem, "v2g-root")
        done = product.pki.import_cross_certificate(
            session, OPERATOR, x.certify(own_root.subject, own_root.public_key())
        )
    assert done.direction == "own-key"
    car = Car20(oem, PCID20)

    answer = handle(product, domain, ISO20_SCHEMAS[0], "Install", car.request_b64([x.root]))
    assert answer.response_code == "OK", answer.detail
    car.accept(answer.exi_response, x.root)  # the EV's checks, up to X
    cps = car.decode(answer.exi_response)["CPSCertificateChain"]
    chain = [
        x509.load_der_x509_certificate(c)
        for c in [cps["Certificate"], *cps["SubCertificates"]["Certificate"]]
    ]
    assert len(chain) == 3 and chain[-1].issuer == x.root.subject
    assert ": OK" in _verify_against(tmp_path, chain, x.root)

    stranger = make_external_ca(tmp_path / "z20", "Z20root", curve="secp521r1").root
    refused = handle(product, domain, ISO20_SCHEMAS[0], "Install", car.request_b64([stranger]))
    assert refused.response_code == "WARNING_NoCertificateAvailable"


def _signed_by_product_root(
    product: Product, root_name: str, subject: x509.Name, public_key: ec.EllipticCurvePublicKey
) -> bytes:
    """A cross-certificate the product's root signs for another root's key, made the way an
    operator's key ceremony would, with the root's key inside the key store: the to-be-signed
    part built by `cryptography`, the signature from the key store's signer."""
    root = product.ca.authority(root_name).certificate
    throwaway = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    draft = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=2), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
        .sign(throwaway, hashes.SHA256())
    )
    signer = product.ca.signer_for(root_name)
    tbs = draft.tbs_certificate_bytes
    return x509.load_der_x509_certificate(
        der.signed_structure(tbs, signer.signature_algorithm, signer.sign(tbs))
    ).public_bytes(serialization.Encoding.PEM)


def test_a_cross_certificate_from_the_product_s_mo_root_trusts_another_operator(
    pnc: Pnc, tmp_path: Path
) -> None:
    """The product's MO root certifies another operator's root key: that operator's contracts
    authorize without its root being imported; distrusting the cross-certificate ends it."""
    emaid = "DEXYZC11223344" + check_character("DEXYZC11223344")
    other_mo = make_foreign_pki(tmp_path / "crossed-mo", name="CrossedMO", leaf_cn=emaid)
    chain = pem_of([other_mo.leaf, other_mo.sub2, other_mo.sub1])
    key = other_mo.root.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    cross = _signed_by_product_root(pnc.product, "mo-root", other_mo.root.subject, key)

    def decide() -> tuple[str | None, str]:
        with pnc.product.session_factory() as session:
            decision = pnc.domain.authorizer.authorize(session, emaid, chain)
        return decision.certificate_status, decision.id_token_status

    assert decide() == ("CertChainError", "Invalid")
    with pnc.product.transaction() as session:
        done = pnc.product.pki.import_cross_certificate(session, OPERATOR, cross)
    assert done.direction == "their-key"
    assert decide() == ("Accepted", "Accepted")
    with pnc.product.transaction() as session:
        pnc.product.pki.distrust_anchor(session, OPERATOR, done.fingerprint, reason="ended")
    assert decide() == ("CertChainError", "Invalid")


def test_another_operator_s_root_cannot_vouch_for_the_product_s_own_emaids(
    pnc: Pnc, tmp_path: Path
) -> None:
    """A trusted foreign MO root that certifies an eMAID under the product's own provider ID
    (UZ*UPC) gets nothing: that namespace is the product's, its contracts are its own."""
    registry = pnc.domain.service.registry
    base = f"{registry.country}{registry.provider_id}C99999999"
    emaid = base + check_character(base)
    rogue = make_foreign_pki(tmp_path / "rogue-mo", name="RogueMO", leaf_cn=emaid)
    with pnc.product.transaction() as session:
        pnc.product.pki.add_trust_bundle(
            session, OPERATOR, rogue.pem("root", "sub1", "sub2"), "mo-root"
        )
    with pnc.product.session_factory() as session:
        decision = pnc.domain.authorizer.authorize(
            session, emaid, pem_of([rogue.leaf, rogue.sub2, rogue.sub1])
        )
    assert (decision.certificate_status, decision.id_token_status) == ("CertChainError", "Invalid")
    assert "own provider ID" in decision.detail


def test_a_distrusted_sub_ca_is_refused_even_when_the_car_brings_it(
    pnc: Pnc, tmp_path: Path
) -> None:
    """Distrusting one sub-CA of an imported root: the car's chain carries that sub-CA itself,
    and still does not verify; the root's other paths are untouched."""
    emaid = "DEXYZC55667788" + check_character("DEXYZC55667788")
    other_mo = make_foreign_pki(tmp_path / "sub-distrust", name="SubMO", leaf_cn=emaid)
    with pnc.product.transaction() as session:
        pnc.product.pki.add_trust_bundle(
            session, OPERATOR, other_mo.pem("root", "sub1", "sub2"), "mo-root"
        )
        pnc.product.pki.distrust_anchor(
            session, OPERATOR, fingerprint_of(other_mo.sub2), reason="sub-CA key lost"
        )
    with pnc.product.session_factory() as session:
        decision = pnc.domain.authorizer.authorize(
            session, emaid, pem_of([other_mo.leaf, other_mo.sub2, other_mo.sub1])
        )
    assert (decision.certificate_status, decision.id_token_status) == ("CertChainError", "Invalid")
