"""What the OCPP server is built from: the composition root (csms/container.py) makes one
`OcppParts` and `csms serve` (or a test) hands it to `OcppServer`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from pki.authority import CertificateAuthority
from pki.ocsp import OcspResponder
from pki.status_reader import StatusReader

from ..settings import Settings
from .certificates import StationCertificates
from .contract_port import ContractDecisions
from .csms_root import CsmsRootService
from .diagnostics import DiagnosticsRecorder
from .enrollment import Enrollments
from .expiry import ExpiryWatch
from .hub import StationHub
from .stations import StationRegistry
from .store import OcppStore


@dataclass(frozen=True)
class OcppParts:
    settings: Settings
    sessions: sessionmaker[Session]
    ca: CertificateAuthority
    ocsp: OcspResponder
    status_reader: StatusReader
    registry: StationRegistry
    store: OcppStore
    certificates: StationCertificates
    contracts: ContractDecisions
    hub: StationHub
    enrollments: Enrollments
    expiry: ExpiryWatch
    csms_root: CsmsRootService
    diagnostics: DiagnosticsRecorder
