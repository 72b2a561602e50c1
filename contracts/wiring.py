"""The contract domain assembled over a csms Product (kept in `product.extras`, so the
composition root needs no field for it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pki.foreign_revocation import ForeignRevocation
from pki.status_reader import StatusReader

from .authorization import PncAuthorizer
from .cps import CertificateProvisioningService
from .registry import EmaidRegistry
from .service import ContractService
from .trust import TrustView

EXTRAS_KEY = "contracts"


@dataclass
class ContractDomain:
    service: ContractService
    cps: CertificateProvisioningService
    authorizer: PncAuthorizer
    revocation: ForeignRevocation


def contracts_of(product: Any) -> ContractDomain:
    """The product's contract domain, built on first use."""
    existing = product.extras.get(EXTRAS_KEY)
    if existing is not None:
        return existing  # type: ignore[no-any-return]
    settings = product.settings
    revocation = ForeignRevocation(product.session_factory)
    service = ContractService(
        product.session_factory,
        product.ca,
        EmaidRegistry(settings.emaid_country, settings.emaid_provider_id),
    )
    trust = TrustView(
        product.session_factory, product.trust, revocation, StatusReader(product.engine)
    )
    cps = CertificateProvisioningService(
        product.ca,
        trust,
        service,
        certificate_days=settings.contract_certificate_days,
        escrow_passphrase=(
            settings.resolved_key_passphrase() if settings.contract_key_escrow else None
        ),
    )
    domain = ContractDomain(
        service,
        cps,
        PncAuthorizer(product.session_factory, product.ca, trust, service),
        revocation,
    )
    product.extras[EXTRAS_KEY] = domain
    return domain
