"""Typed ISO 15118-2 messages for Plug & Charge, mapped to and from the codec's tree.

Only the certificate messages are typed; any other body message stays a `GenericBody`
holding the codec's tree, so every -2 message still decodes and re-encodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iso15118.xmldsig import signed_elements_of


@dataclass
class Reference:
    uri: str
    digest_value: bytes
    id: str | None = None  # optional xmldsig attributes, kept for byte-exact round trips
    type: str | None = None


@dataclass
class SignedInfo:
    references: list[Reference]
    canonicalization_method: str = "http://www.w3.org/TR/canonical-exi/"
    signature_method: str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
    transform: str = "http://www.w3.org/TR/canonical-exi/"
    digest_method: str = "http://www.w3.org/2001/04/xmlenc#sha256"
    id: str | None = None

    def to_tree(self) -> dict[str, Any]:
        tree: dict[str, Any] = {
            "CanonicalizationMethod": {"Algorithm": self.canonicalization_method},
            "SignatureMethod": {"Algorithm": self.signature_method},
            "Reference": [self._reference_tree(r) for r in self.references],
        }
        if self.id is not None:
            tree["Id"] = self.id
        return tree

    def _reference_tree(self, reference: Reference) -> dict[str, Any]:
        tree: dict[str, Any] = {
            "URI": reference.uri,
            "Transforms": {"Transform": [{"Algorithm": self.transform}]},
            "DigestMethod": {"Algorithm": self.digest_method},
            "DigestValue": reference.digest_value,
        }
        if reference.id is not None:
            tree["Id"] = reference.id
        if reference.type is not None:
            tree["Type"] = reference.type
        return tree

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> SignedInfo:
        references = tree.get("Reference", [])
        first = references[0] if references else {}
        transforms = first.get("Transforms", {}).get("Transform", [{}])
        return cls(
            references=[
                Reference(r.get("URI", ""), r["DigestValue"], r.get("Id"), r.get("Type"))
                for r in references
            ],
            canonicalization_method=tree["CanonicalizationMethod"]["Algorithm"],
            signature_method=tree["SignatureMethod"]["Algorithm"],
            transform=transforms[0].get("Algorithm", "") if transforms else "",
            digest_method=first.get("DigestMethod", {}).get("Algorithm", ""),
            id=tree.get("Id"),
        )


@dataclass
class Signature:
    signed_info: SignedInfo
    signature_value: bytes
    id: str | None = None  # the optional Id attributes of Signature and SignatureValue
    signature_value_id: str | None = None

    def to_tree(self) -> dict[str, Any]:
        value: dict[str, Any] = {"value": self.signature_value}
        if self.signature_value_id is not None:
            value["Id"] = self.signature_value_id
        tree: dict[str, Any] = {"SignedInfo": self.signed_info.to_tree(), "SignatureValue": value}
        if self.id is not None:
            tree["Id"] = self.id
        return tree

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> Signature:
        value = tree["SignatureValue"]
        return cls(
            SignedInfo.from_tree(tree["SignedInfo"]),
            value["value"],
            tree.get("Id"),
            value.get("Id"),
        )


@dataclass
class Header:
    session_id: bytes
    signature: Signature | None = None
    notification: dict[str, Any] | None = None

    def to_tree(self) -> dict[str, Any]:
        tree: dict[str, Any] = {"SessionID": self.session_id}
        if self.notification is not None:
            tree["Notification"] = self.notification
        if self.signature is not None:
            tree["Signature"] = self.signature.to_tree()
        return tree

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> Header:
        signature = tree.get("Signature")
        return cls(
            session_id=tree["SessionID"],
            signature=Signature.from_tree(signature) if signature else None,
            notification=tree.get("Notification"),
        )


@dataclass
class RootCertificateID:
    issuer_name: str
    serial_number: int


def _root_ids_to_tree(ids: list[RootCertificateID]) -> dict[str, Any]:
    return {
        "RootCertificateID": [
            {"X509IssuerName": r.issuer_name, "X509SerialNumber": r.serial_number} for r in ids
        ]
    }


def _root_ids_from_tree(tree: dict[str, Any]) -> list[RootCertificateID]:
    return [
        RootCertificateID(r["X509IssuerName"], r["X509SerialNumber"])
        for r in tree.get("RootCertificateID", [])
    ]


@dataclass
class CertificateChain:
    certificate: bytes
    sub_certificates: list[bytes] = field(default_factory=list)
    id: str | None = None

    def to_tree(self) -> dict[str, Any]:
        tree: dict[str, Any] = {}
        if self.id is not None:
            tree["Id"] = self.id
        tree["Certificate"] = self.certificate
        if self.sub_certificates:
            tree["SubCertificates"] = {"Certificate": list(self.sub_certificates)}
        return tree

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> CertificateChain:
        subs = tree.get("SubCertificates", {}).get("Certificate", [])
        return cls(tree["Certificate"], list(subs), tree.get("Id"))


@dataclass
class IdentifiedValue:
    """An element with an Id attribute and simple content (encrypted key, DH key, eMAID)."""

    id: str
    value: Any

    def to_tree(self) -> dict[str, Any]:
        return {"Id": self.id, "value": self.value}

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> IdentifiedValue:
        return cls(tree["Id"], tree["value"])


@dataclass
class CertificateInstallationReq:
    id: str
    oem_provisioning_cert: bytes
    root_certificate_ids: list[RootCertificateID]

    NAME = "CertificateInstallationReq"

    def to_tree(self) -> dict[str, Any]:
        return {
            "Id": self.id,
            "OEMProvisioningCert": self.oem_provisioning_cert,
            "ListOfRootCertificateIDs": _root_ids_to_tree(self.root_certificate_ids),
        }

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> CertificateInstallationReq:
        return cls(
            tree["Id"],
            tree["OEMProvisioningCert"],
            _root_ids_from_tree(tree["ListOfRootCertificateIDs"]),
        )


@dataclass
class CertificateUpdateReq:
    id: str
    contract_signature_cert_chain: CertificateChain
    emaid: str
    root_certificate_ids: list[RootCertificateID]

    NAME = "CertificateUpdateReq"

    def to_tree(self) -> dict[str, Any]:
        return {
            "Id": self.id,
            "ContractSignatureCertChain": self.contract_signature_cert_chain.to_tree(),
            "eMAID": self.emaid,
            "ListOfRootCertificateIDs": _root_ids_to_tree(self.root_certificate_ids),
        }

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> CertificateUpdateReq:
        return cls(
            tree["Id"],
            CertificateChain.from_tree(tree["ContractSignatureCertChain"]),
            tree["eMAID"],
            _root_ids_from_tree(tree["ListOfRootCertificateIDs"]),
        )


@dataclass
class CertificateInstallationRes:
    response_code: str
    sa_provisioning_certificate_chain: CertificateChain
    contract_signature_cert_chain: CertificateChain
    contract_signature_encrypted_private_key: IdentifiedValue
    dh_public_key: IdentifiedValue
    emaid: IdentifiedValue

    NAME = "CertificateInstallationRes"

    def to_tree(self) -> dict[str, Any]:
        return {
            "ResponseCode": self.response_code,
            "SAProvisioningCertificateChain": self.sa_provisioning_certificate_chain.to_tree(),
            "ContractSignatureCertChain": self.contract_signature_cert_chain.to_tree(),
            "ContractSignatureEncryptedPrivateKey": (
                self.contract_signature_encrypted_private_key.to_tree()
            ),
            "DHpublickey": self.dh_public_key.to_tree(),
            "eMAID": self.emaid.to_tree(),
        }

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> CertificateInstallationRes:
        return cls(
            tree["ResponseCode"],
            CertificateChain.from_tree(tree["SAProvisioningCertificateChain"]),
            CertificateChain.from_tree(tree["ContractSignatureCertChain"]),
            IdentifiedValue.from_tree(tree["ContractSignatureEncryptedPrivateKey"]),
            IdentifiedValue.from_tree(tree["DHpublickey"]),
            IdentifiedValue.from_tree(tree["eMAID"]),
        )


@dataclass
class CertificateUpdateRes(CertificateInstallationRes):
    retry_counter: int | None = None

    NAME = "CertificateUpdateRes"

    def to_tree(self) -> dict[str, Any]:
        tree = super().to_tree()
        if self.retry_counter is not None:
            tree["RetryCounter"] = self.retry_counter
        return tree

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> CertificateUpdateRes:
        base = CertificateInstallationRes.from_tree(tree)
        return cls(**vars(base), retry_counter=tree.get("RetryCounter"))


@dataclass
class GenericBody:
    """Any other body message: its element name and the codec's tree."""

    name: str
    content: Any

    def to_tree(self) -> Any:
        return self.content


TYPED_BODIES: dict[str, Any] = {
    cls.NAME: cls
    for cls in (
        CertificateInstallationReq,
        CertificateInstallationRes,
        CertificateUpdateReq,
        CertificateUpdateRes,
    )
}

Body = (
    CertificateInstallationReq
    | CertificateInstallationRes
    | CertificateUpdateReq
    | CertificateUpdateRes
    | GenericBody
)


@dataclass
class V2GMessage:
    header: Header
    body: Body | None

    def to_tree(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.body is not None:
            name = self.body.name if isinstance(self.body, GenericBody) else self.body.NAME
            body[name] = self.body.to_tree()
        return {"V2G_Message": {"Header": self.header.to_tree(), "Body": body}}

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> V2GMessage:
        message = tree["V2G_Message"]
        body_tree = message.get("Body", {})
        body: Body | None = None
        for name, content in body_tree.items():
            typed = TYPED_BODIES.get(name)
            body = typed.from_tree(content) if typed else GenericBody(name, content)
        return cls(Header.from_tree(message["Header"]), body)

    def signed_elements(self) -> dict[str, tuple[str, Any]]:
        """{Id: (element name, content)} of the body elements a header Signature may cover."""
        return signed_elements_of(self.to_tree()["V2G_Message"]["Body"])


# -- ISO 15118-20 CommonMessages: certificate installation ---------------------------------
# A -20 document's root element is the message itself (no V2G_Message wrapper); the header
# is a MessageHeaderType inside it. Certificate chains reuse CertificateChain (the -20
# SignedCertificateChainType carries an Id, CertificateChainType does not) and root
# certificate IDs reuse RootCertificateID.


@dataclass
class MessageHeader20:
    """-20 MessageHeaderType. The optional header Signature stays the codec's tree: in -20
    Signature and SignatureValue may carry Id attributes, which the typed -2 Signature
    does not model, and the tree keeps decode -> encode byte-exact."""

    session_id: bytes
    timestamp: int
    signature: dict[str, Any] | None = None

    def to_tree(self) -> dict[str, Any]:
        tree: dict[str, Any] = {"SessionID": self.session_id, "TimeStamp": self.timestamp}
        if self.signature is not None:
            tree["Signature"] = self.signature
        return tree

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> MessageHeader20:
        return cls(tree["SessionID"], tree["TimeStamp"], tree.get("Signature"))


@dataclass
class CertificateInstallationReq20:
    header: MessageHeader20
    oem_provisioning_certificate_chain: CertificateChain
    root_certificate_ids: list[RootCertificateID]
    maximum_contract_certificate_chains: int
    prioritized_emaids: list[str] | None = None

    NAME = "CertificateInstallationReq"

    def to_tree(self) -> dict[str, Any]:
        tree: dict[str, Any] = {
            "Header": self.header.to_tree(),
            "OEMProvisioningCertificateChain": self.oem_provisioning_certificate_chain.to_tree(),
            "ListOfRootCertificateIDs": _root_ids_to_tree(self.root_certificate_ids),
            "MaximumContractCertificateChains": self.maximum_contract_certificate_chains,
        }
        if self.prioritized_emaids is not None:
            tree["PrioritizedEMAIDs"] = {"EMAID": list(self.prioritized_emaids)}
        return tree

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> CertificateInstallationReq20:
        emaids = tree.get("PrioritizedEMAIDs")
        return cls(
            MessageHeader20.from_tree(tree["Header"]),
            CertificateChain.from_tree(tree["OEMProvisioningCertificateChain"]),
            _root_ids_from_tree(tree["ListOfRootCertificateIDs"]),
            tree["MaximumContractCertificateChains"],
            list(emaids["EMAID"]) if emaids is not None else None,
        )

    def signed_elements(self) -> dict[str, tuple[str, Any]]:
        """{Id: (name, content)}: the OEM provisioning certificate chain, signed by the EV."""
        return signed_elements_of({self.NAME: self.to_tree()})


# The encrypted contract private key: one of three elements, by the ECDH curve / TPM use.
PRIVATE_KEY_ELEMENTS = (
    "SECP521_EncryptedPrivateKey",
    "X448_EncryptedPrivateKey",
    "TPM_EncryptedPrivateKey",
)


@dataclass
class SignedInstallationData20:
    """-20 SignedInstallationDataType: what the CPS signs for the EV."""

    id: str
    contract_certificate_chain: CertificateChain
    ecdh_curve: str
    dh_public_key: bytes
    encrypted_private_key: bytes
    private_key_element: str = "SECP521_EncryptedPrivateKey"  # one of PRIVATE_KEY_ELEMENTS

    def to_tree(self) -> dict[str, Any]:
        if self.private_key_element not in PRIVATE_KEY_ELEMENTS:
            raise ValueError(f"private_key_element must be one of {PRIVATE_KEY_ELEMENTS}")
        return {
            "Id": self.id,
            "ContractCertificateChain": self.contract_certificate_chain.to_tree(),
            "ECDHCurve": self.ecdh_curve,
            "DHPublicKey": self.dh_public_key,
            self.private_key_element: self.encrypted_private_key,
        }

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> SignedInstallationData20:
        element = next(name for name in PRIVATE_KEY_ELEMENTS if name in tree)
        return cls(
            tree["Id"],
            CertificateChain.from_tree(tree["ContractCertificateChain"]),
            tree["ECDHCurve"],
            tree["DHPublicKey"],
            tree[element],
            element,
        )


@dataclass
class CertificateInstallationRes20:
    header: MessageHeader20
    response_code: str
    evse_processing: str
    cps_certificate_chain: CertificateChain
    signed_installation_data: SignedInstallationData20
    remaining_contract_certificate_chains: int

    NAME = "CertificateInstallationRes"

    def to_tree(self) -> dict[str, Any]:
        return {
            "Header": self.header.to_tree(),
            "ResponseCode": self.response_code,
            "EVSEProcessing": self.evse_processing,
            "CPSCertificateChain": self.cps_certificate_chain.to_tree(),
            "SignedInstallationData": self.signed_installation_data.to_tree(),
            "RemainingContractCertificateChains": self.remaining_contract_certificate_chains,
        }

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> CertificateInstallationRes20:
        return cls(
            MessageHeader20.from_tree(tree["Header"]),
            tree["ResponseCode"],
            tree["EVSEProcessing"],
            CertificateChain.from_tree(tree["CPSCertificateChain"]),
            SignedInstallationData20.from_tree(tree["SignedInstallationData"]),
            tree["RemainingContractCertificateChains"],
        )

    def signed_elements(self) -> dict[str, tuple[str, Any]]:
        """{Id: (name, content)}: SignedInstallationData, signed by the CPS."""
        return signed_elements_of({self.NAME: self.to_tree()})


TYPED_MESSAGES_20: dict[str, Any] = {
    cls.NAME: cls for cls in (CertificateInstallationReq20, CertificateInstallationRes20)
}

Message20 = CertificateInstallationReq20 | CertificateInstallationRes20 | GenericBody


def message20_from_tree(tree: dict[str, Any]) -> Message20:
    """A decoded -20 CommonMessages document as a typed model (GenericBody for the others)."""
    [(name, content)] = tree.items()
    typed = TYPED_MESSAGES_20.get(name)
    return typed.from_tree(content) if typed else GenericBody(name, content)


def message20_to_tree(message: Message20) -> dict[str, Any]:
    name = message.name if isinstance(message, GenericBody) else message.NAME
    return {name: message.to_tree()}
