"""The Root Certificate Pool's roots as trust anchors (`csms pki trust sync-rcp`,
POST /api/v1/trust/sync-rcp).

Each root goes through the one door trust anchors have (pki.service.PkiService: permission,
checks, audit) with source "rcp", in a savepoint of its own: a root the checks refuse
(expired, not a CA, a bad self-signature) is reported and skipped, and the others are still
imported. A root already trusted is left as it is, so the sync can run as often as wanted,
and a root an operator distrusted stays distrusted. Provisioning-entity ("PE") roots have no
place in the product's trust lists and are skipped."""

from __future__ import annotations

from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from sqlalchemy.orm import Session

from auth.errors import ServiceError, Upstream
from auth.principal import Principal
from pki.service import PkiService

from .client import OpcpClient, OpcpError

KIND_OF_ROOT_TYPE = {"V2G": "v2g-root", "MO": "mo-root", "OEM": "oem-root"}


@dataclass
class RcpSync:
    added: list[str] = field(default_factory=list)  # "kind subject"
    already_known: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "subject: reason [code]"


class OpcpOff(ServiceError):
    code = "opcp_off"


def require(client: OpcpClient | None) -> OpcpClient:
    if client is None:
        raise OpcpOff(
            "Open Plug & Charge is not configured (CSMS_OPCP_BASE_URL, CSMS_OPCP_TOKEN_URL, "
            "CSMS_OPCP_CLIENT_ID, CSMS_OPCP_CLIENT_SECRET)"
        )
    return client


def sync_root_pool(
    session: Session, pki: PkiService, principal: Principal, client: OpcpClient | None
) -> RcpSync:
    pki.require_trust_import(principal)
    pool = require(client)
    try:
        roots = pool.root_certificates()
    except OpcpError as exc:
        raise Upstream(
            f"the Root Certificate Pool: {exc.message}", code=f"opcp_{exc.code}"
        ) from None
    report = RcpSync()
    for root in roots:
        subject = root.certificate.subject.rfc4514_string()
        kind = KIND_OF_ROOT_TYPE.get((root.root_type or "").upper())
        if kind is None:
            report.skipped.append(f"{subject}: root type {root.root_type!r} is not imported")
            continue
        pem = root.certificate.public_bytes(serialization.Encoding.PEM)
        try:
            with session.begin_nested():
                done = pki.add_trust_bundle(session, principal, pem, kind, source="rcp")
        except ServiceError as exc:
            report.skipped.append(f"{subject}: {exc} [{exc.code}]")
            continue
        (report.added if done.added else report.already_known).append(f"{kind} {subject}")
    return report
