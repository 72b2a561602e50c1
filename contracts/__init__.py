"""The mobility-operator side: contracts, cars (PCID), the eMAID registry, the certificate
provisioning service (OCPP Get15118EVCertificate) and the Plug & Charge authorization
decision (OCPP C07). See docs/contracts.md.

Public surface:
- contracts_of(product) -> ContractDomain(.service, .cps, .authorizer, .revocation)
- ContractService, CertificateProvisioningService (.handle), CpsAnswer
- PncAuthorizer (.authorize), AuthorizationDecision, HashData
- ContractError, EmaidRegistry
"""

from .authorization import AuthorizationDecision, HashData, PncAuthorizer
from .cps import CertificateProvisioningService, CpsAnswer
from .errors import ContractError
from .registry import EmaidRegistry
from .service import ContractService
from .wiring import ContractDomain, contracts_of

__all__ = [
    "AuthorizationDecision",
    "CertificateProvisioningService",
    "ContractDomain",
    "ContractError",
    "ContractService",
    "CpsAnswer",
    "EmaidRegistry",
    "HashData",
    "PncAuthorizer",
    "contracts_of",
]
