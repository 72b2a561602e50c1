"""The car, played by Josev (the `iso15118` PyPI package, Apache-2.0) in its own venv.

Runs under .interop/josev-venv (scripts/josev_setup.sh); reads one JSON request per line on
stdin and answers one JSON line on stdout. Everything ISO 15118 here is Josev's own code:
its message models, its EXIficient codec, `create_signature`, `verify_signature`,
`decrypt_priv_key`, `to_ec_pub_key`, `get_cert_issuer_serial`. Nothing of the product is
imported (the product's `iso15118` package is not on this interpreter's path).
"""

from __future__ import annotations

import base64
import json
import logging
import sys
import tempfile
import traceback

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from iso15118.shared.exi_codec import EXI
from iso15118.shared.exificient_exi_codec import ExificientEXICodec
from iso15118.shared.messages.enums import Namespace
from iso15118.shared.messages.iso15118_2.body import (
    Body,
    CertificateInstallationReq,
    CertificateUpdateReq,
)
from iso15118.shared.messages.iso15118_2.datatypes import (
    EMAID,
    CertificateChain,
    RootCertificateIDList,
    SubCertificates,
    X509IssuerSerial,
)
from iso15118.shared.messages.iso15118_2.header import MessageHeader
from iso15118.shared.messages.iso15118_2.msgdef import V2GMessage
from iso15118.shared.security import (
    create_signature,
    decrypt_priv_key,
    get_cert_issuer_serial,
    to_ec_pub_key,
    verify_signature,
)
from iso15118.shared.settings import SettingKey, shared_settings

logging.disable(logging.CRITICAL)
# What Josev's own start-up (load_shared_settings) would set; no message logging.
shared_settings.update({SettingKey.MESSAGE_LOG_JSON: False, SettingKey.MESSAGE_LOG_EXI: False})
EXI().set_exi_codec(ExificientEXICodec())  # Josev's EXIficient codec (its default)


def _b64(data: bytes) -> str:
    return base64.b64encode(bytes(data)).decode()


def _key(pem: str) -> ec.EllipticCurvePrivateKey:
    return serialization.load_pem_private_key(pem.encode(), None)  # type: ignore[return-value]


def _root_ids(roots_der_b64: list[str]) -> RootCertificateIDList:
    serials = []
    for der in roots_der_b64:
        with tempfile.NamedTemporaryFile(suffix=".der") as handle:
            handle.write(base64.b64decode(der))
            handle.flush()
            issuer, serial = get_cert_issuer_serial(handle.name)
        serials.append(X509IssuerSerial(x509_issuer_name=issuer, x509_serial_number=serial))
    return RootCertificateIDList(x509_issuer_serials=serials)


def _message(session_id: str, body: Body, signature) -> str:  # type: ignore[no-untyped-def]
    message = V2GMessage(
        header=MessageHeader(session_id=session_id, signature=signature), body=body
    )
    return _b64(EXI().to_exi(message, Namespace.ISO_V2_MSG_DEF))


def install_req(request: dict) -> dict:
    req = CertificateInstallationReq(
        id="id1",
        oem_provisioning_cert=base64.b64decode(request["oem_cert"]),
        list_of_root_cert_ids=_root_ids(request["roots"]),
    )
    signature = create_signature(
        [(req.id, EXI().to_exi(req, Namespace.ISO_V2_MSG_DEF))], _key(request["key_pem"])
    )
    body = Body(certificate_installation_req=req)
    return {"exi": _message(request["session_id"], body, signature)}


def update_req(request: dict) -> dict:
    certs = [base64.b64decode(c) for c in request["chain"]]
    req = CertificateUpdateReq(
        id="id1",
        contract_cert_chain=CertificateChain(
            certificate=certs[0], sub_certificates=SubCertificates(certificates=certs[1:])
        ),
        emaid=EMAID(value=request["emaid"]),
        list_of_root_cert_ids=_root_ids(request["roots"]),
    )
    signature = create_signature(
        [(req.id, EXI().to_exi(req, Namespace.ISO_V2_MSG_DEF))], _key(request["key_pem"])
    )
    body = Body(certificate_update_req=req)
    return {"exi": _message(request["session_id"], body, signature)}


def check_res(request: dict) -> dict:
    """What Josev's EVCC does with a CertificateInstallationRes / CertificateUpdateRes."""
    message = EXI().from_exi(base64.b64decode(request["exi"]), Namespace.ISO_V2_MSG_DEF)
    body = message.body
    res = body.certificate_installation_res or body.certificate_update_res
    answer: dict = {
        "message": type(res).__name__,
        "response_code": res.response_code.value,
        "session_id": message.header.session_id,
    }
    if res.response_code.value != "OK":
        return answer
    elements = [
        (
            res.contract_cert_chain.id,
            EXI().to_exi(res.contract_cert_chain, Namespace.ISO_V2_MSG_DEF),
        ),
        (
            res.encrypted_private_key.id,
            EXI().to_exi(res.encrypted_private_key, Namespace.ISO_V2_MSG_DEF),
        ),
        (res.dh_public_key.id, EXI().to_exi(res.dh_public_key, Namespace.ISO_V2_MSG_DEF)),
        (res.emaid.id, EXI().to_exi(res.emaid, Namespace.ISO_V2_MSG_DEF)),
    ]
    answer["signature_ok"] = verify_signature(
        signature=message.header.signature,
        elements_to_sign=elements,
        leaf_cert=res.cps_cert_chain.certificate,
        sub_ca_certs=res.cps_cert_chain.sub_certificates.certificates,
        root_ca_cert=base64.b64decode(request["v2g_root"]),
    )
    scalar = decrypt_priv_key(
        encrypted_priv_key_with_iv=res.encrypted_private_key.value,
        ecdh_priv_key=_key(request["key_pem"]),
        ecdh_pub_key=to_ec_pub_key(res.dh_public_key.value),
    )
    contract_key = ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP256R1())
    leaf = x509.load_der_x509_certificate(res.contract_cert_chain.certificate)
    numbers = contract_key.public_key().public_numbers()
    answer.update(
        emaid=res.emaid.value,
        key_matches=numbers == leaf.public_key().public_numbers(),  # type: ignore[union-attr]
        contract_chain=[_b64(res.contract_cert_chain.certificate)]
        + [_b64(c) for c in res.contract_cert_chain.sub_certificates.certificates],
        contract_key_pem=contract_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
    )
    return answer


def decode20(request: dict) -> dict:
    """Josev's EXIficient decoding of a -20 CommonMessages document into its pydantic -20
    models (field lengths checked there). Josev 0.31.2 cannot go further for -20
    CertificateInstallation: its states raise NotImplementedError and `create_signature` /
    `verify_signature` are P-256 / SHA-256 only."""
    message = EXI().from_exi(base64.b64decode(request["exi"]), Namespace.ISO_V20_COMMON_MSG)
    answer: dict = {"message": type(message).__name__}
    if answer["message"] == "CertificateInstallationReq":
        chain = message.oem_prov_cert_chain
        answer.update(
            oem_chain_id=chain.id,
            oem_leaf=_b64(chain.certificate),
            maximum=message.max_contract_cert_chains,
            signature_references=[r.uri for r in message.header.signature.signed_info.reference],
        )
        return answer
    data = message.signed_installation_data
    answer.update(
        response_code=message.response_code.value,
        evse_processing=message.evse_processing.value,
        remaining=message.remaining_contract_cert_chains,
        signed_data_id=data.id,
        ecdh_curve=data.ecdh_curve.value,
        dh_public_key=_b64(data.dh_public_key),
        encrypted_key=_b64(data.secp521_encrypted_private_key or b""),
        contract_leaf=_b64(data.contract_cert_chain.certificate),
        cps_leaf=_b64(message.cps_certificate_chain.certificate),
        signature_method=(
            message.header.signature.signed_info.signature_method.algorithm
            if message.header.signature
            else None
        ),
    )
    return answer


OPS = {
    "install_req": install_req,
    "update_req": update_req,
    "check_res": check_res,
    "decode20": decode20,
}


def main() -> None:
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = {"ok": True, **OPS[request["op"]](request)}
        except Exception as exc:  # the test sees the reason instead of a dead pipe
            answer = {
                "ok": False,
                "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc(),
            }
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
