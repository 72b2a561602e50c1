"""The mobility-operator side: contracts, cars (PCID), the eMAID registry, the certificate
provisioning service (OCPP Get15118EVCertificate) and the Plug & Charge authorization
decision (OCPP C07). See docs/contracts.md.

Every service works in the caller's transaction (its methods take a SQLAlchemy `session`
first and never commit). Operations on someone's behalf take an `auth.principal.Principal`
and enforce its permissions and tenant scope themselves; the station-side ones (CPS,
authorizer) act for the station the OCPP core serves.

Public surface (the composition root builds them, in this order):
- ContractService(access, ca, registry): contracts on someone's behalf, and the reads, the
  lock and the link the CPS and the authorizer need; the CONTRACTS_* permissions
- TrustView(trust, revocation, status_reader): the anchors and CRLs those two validate with
- CertificateProvisioningService(ca, trust_view, service, certificate_days=,
  escrow_passphrase=).handle(session, schema, action, exi) -> CpsAnswer
- PncAuthorizer(ca, trust_view, service).authorize(session, emaid, …) -> AuthorizationDecision
- ContractError (a ServiceError; ContractNotFound / ContractConflict), EmaidRegistry
"""

from .authorization import AuthorizationDecision, HashData, PncAuthorizer
from .cps import CertificateProvisioningService, CpsAnswer
from .errors import ContractConflict, ContractError, ContractNotFound, ContractUnusable
from .models import Contract, ContractCertificate, VehicleBinding
from .registry import EmaidRegistry
from .service import (
    CONTRACTS_CREATE,
    CONTRACTS_READ,
    CONTRACTS_TERMINATE,
    CONTRACTS_UPDATE,
    ContractService,
    ContractView,
)
from .trust import TrustView

__all__ = [
    "CONTRACTS_CREATE",
    "CONTRACTS_READ",
    "CONTRACTS_TERMINATE",
    "CONTRACTS_UPDATE",
    "AuthorizationDecision",
    "CertificateProvisioningService",
    "Contract",
    "ContractCertificate",
    "ContractConflict",
    "ContractError",
    "ContractNotFound",
    "ContractService",
    "ContractUnusable",
    "ContractView",
    "CpsAnswer",
    "EmaidRegistry",
    "HashData",
    "PncAuthorizer",
    "TrustView",
    "VehicleBinding",
]
