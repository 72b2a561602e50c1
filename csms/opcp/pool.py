"""The contract service's pool ports over OPCP: asking the Contract Certificate Pool for
another operator's contract (contracts.pool.ContractPool), and publishing the product's own
(contracts.publish.PublicationPort: PCP for the car's certificate, CCP to store the data)."""

from __future__ import annotations

from cryptography import x509

from contracts.pool import PoolUnavailable
from contracts.publish import PoolPublishingFailed

from .client import OpcpClient, OpcpError


class OpcpContractPool:
    def __init__(self, client: OpcpClient) -> None:
        self._client = client

    def signed_contract_data(
        self, installation_request_b64: str, namespace: str, *, deadline_s: float
    ) -> list[tuple[str, str | None]]:
        try:
            return self._client.signed_contract_data(
                installation_request_b64, namespace, timeout=deadline_s
            )
        except OpcpError as exc:
            raise PoolUnavailable(exc.code, exc.message) from None


class OpcpPublication:
    """The contract publisher's port (contracts.publish.PublicationPort) over OPCP's PCP
    and CCP."""

    def __init__(self, client: OpcpClient) -> None:
        self._client = client

    def provisioning_chain(self, pcid: str) -> list[x509.Certificate]:
        try:
            return self._client.provisioning_certificates(pcid)
        except OpcpError as exc:
            raise PoolPublishingFailed(exc.code, exc.message) from None

    def add_signed_contract_data(
        self, *, emaid: str, pcid: str, namespace: str, signed_xml: bytes
    ) -> None:
        try:
            self._client.add_signed_contract_data(
                emaid=emaid, pcid=pcid, namespace=namespace, signed_xml=signed_xml
            )
        except OpcpError as exc:
            raise PoolPublishingFailed(exc.code, exc.message) from None
