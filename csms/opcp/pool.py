"""The contract service's pool port (contracts.pool.ContractPool) over OPCP's Contract
Certificate Pool."""

from __future__ import annotations

from contracts.pool import PoolUnavailable

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
