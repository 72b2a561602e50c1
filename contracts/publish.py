"""Publishing the product's contracts to a contract pool (Hubject's Open Plug & Charge CCP),
so that a car gets its contract at stations of other operators too.

`ContractPublisher.publish(principal, emaid, pcid)` runs these steps, each in a short
transaction of its own (the pool is a network away, and no transaction waits on it):
1. the contract is in the caller's scope (`contracts:update`), usable and bound to the car
   by an approved binding (ContractService.bound_for_publication);
2. a publication of the same contract for the same car that was recorded but never taken
   by the pool (`pending` or `failed`, its certificate still valid for a day) is sent again
   as it is: a retry or a crash between the steps never issues a second certificate;
3. otherwise the car's OEM provisioning certificate chain comes from the pool's PCP, is
   checked against the product's OEM trust anchors, and the CPS makes signed contract data
   for it (contracts/cps.py `signed_contract_data`: a new contract certificate, its key
   encrypted to the car, the whole signed by the CPS leaf), written as XML
   (iso15118/xml_form.py) and recorded `pending` with the certificate, in one transaction;
4. the XML goes to the pool (CCP addSignedContractData); the record becomes `published`,
   or `failed` with the pool's reason (and the caller gets an Upstream error, 502).
Every step is audited (`contract.publication_prepared`, `contract.published`,
`contract.publication_failed`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from auth.audit import record_event
from auth.errors import Upstream
from auth.principal import Principal
from iso15118.messages import RootCertificateID
from iso15118.xml_form import signed_contract_data_xml
from pki.authority import CertificateAuthority
from pki.errors import UnknownCertificate
from pki.issuance import parse_serial

from .cps import ISO2_SCHEMA, CertificateProvisioningService
from .cps_common import CpsFailure
from .errors import ContractError
from .models import ContractPublication
from .service import ContractService, normalize_pcid
from .trust import TrustView

log = logging.getLogger(__name__)
T = TypeVar("T")
RESEND_IF_VALID_FOR = timedelta(days=1)


class PoolPublishingFailed(Exception):
    """The pool could not take part (unreachable, refused, no such car); `code` names it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class PublicationPort(Protocol):
    """What publishing needs of the pool (csms/opcp/pool.py)."""

    def provisioning_chain(self, pcid: str) -> list[x509.Certificate]:
        """The car's OEM provisioning certificate, then its sub-CAs (PCP)."""
        ...

    def add_signed_contract_data(
        self, *, emaid: str, pcid: str, namespace: str, signed_xml: bytes
    ) -> None:
        """Store the signed contract data in the pool (CCP)."""
        ...


@dataclass(frozen=True)
class Publication:
    id: int
    emaid: str
    pcid: str
    serial_hex: str
    state: str
    resent: bool  # an earlier, unsent publication was sent rather than a new one made

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "emaid": self.emaid,
            "pcid": self.pcid,
            "certificateSerial": self.serial_hex,
            "state": self.state,
            "resent": self.resent,
        }


class ContractPublisher:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        ca: CertificateAuthority,
        contracts: ContractService,
        trust: TrustView,
        cps: CertificateProvisioningService,
        port: PublicationPort | None,
    ) -> None:
        self._sessions = sessions
        self._ca = ca
        self._contracts = contracts
        self._trust = trust
        self._cps = cps
        self._port = port

    def publish(self, principal: Principal, emaid: str, pcid: str) -> Publication:
        car = normalize_pcid(pcid)

        def earlier(session: Session) -> tuple[str, ContractPublication | None]:
            contract = self._contracts.bound_for_publication(session, principal, emaid, car)
            unsent = session.scalar(
                select(ContractPublication)
                .where(
                    ContractPublication.contract_id == contract.id,
                    ContractPublication.pcid == car,
                    ContractPublication.state.in_(("pending", "failed")),
                )
                .order_by(ContractPublication.id.desc())
                .limit(1)
            )
            if unsent is not None and not self._still_valid(session, unsent.serial_hex):
                unsent = None
            if unsent is not None:
                session.expunge(unsent)
            return contract.emaid, unsent

        contract_emaid, record = self._run(earlier)  # the caller's permission first
        port = self._port
        if port is None:
            raise ContractError(
                "opcp_off", "no contract pool: set CSMS_OPCP_* to publish contracts"
            )
        resent = record is not None
        if record is None:
            try:
                chain = port.provisioning_chain(car)
            except PoolPublishingFailed as exc:
                raise Upstream(
                    f"the pool has no usable provisioning certificate for {car}: {exc.message}",
                    code=f"pool_{exc.code}",
                ) from None
            record = self._run(lambda s: self._prepare(s, principal, emaid, car, chain))
        assert record is not None
        try:
            port.add_signed_contract_data(
                emaid=contract_emaid,
                pcid=car,
                namespace=ISO2_SCHEMA,
                signed_xml=record.signed_xml,
            )
        except PoolPublishingFailed as exc:
            reason = exc.message
            self._run(lambda s: self._finish(s, principal, record.id, error=reason))
            raise Upstream(
                f"the pool did not take the contract data: {reason}",
                code=f"pool_{exc.code}",
            ) from None
        self._run(lambda s: self._finish(s, principal, record.id, error=None))
        log.info("contract %s published to the pool for PCID %s", contract_emaid, car)
        return Publication(record.id, contract_emaid, car, record.serial_hex, "published", resent)

    def _prepare(
        self,
        session: Session,
        principal: Principal,
        emaid: str,
        car: str,
        chain: list[x509.Certificate],
    ) -> ContractPublication:
        contract = self._contracts.bound_for_publication(session, principal, emaid, car)
        leaf_cn = chain[0].subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME) if chain else []
        if not leaf_cn or normalize_pcid(str(leaf_cn[0].value)) != car:
            raise Upstream(
                f"the pool's provisioning certificate is not the car {car}'s",
                code="pool_wrong_car",
            )
        try:
            message, serial_hex = self._cps.signed_contract_data(
                session, contract, chain, self._root_ids()
            )
        except CpsFailure as exc:
            raise ContractError(
                "car_certificate_refused",
                f"the car's provisioning certificate cannot be used: {exc.detail}",
            ) from None
        record = ContractPublication(
            contract_id=contract.id,
            pcid=car,
            serial_hex=serial_hex,
            state="pending",
            signed_xml=signed_contract_data_xml(message),
            created_at=datetime.now(UTC),
            created_by=principal.actor,
        )
        session.add(record)
        session.flush()
        record_event(
            session,
            actor=principal.actor,
            action="contract.publication_prepared",
            serial_hex=serial_hex,
            emaid=contract.emaid,
            pcid=car,
            publication=record.id,
        )
        session.expunge(record)
        return record

    def _finish(
        self, session: Session, principal: Principal, record_id: int, *, error: str | None
    ) -> None:
        record = session.get(ContractPublication, record_id, with_for_update=True)
        assert record is not None
        record.state = "failed" if error else "published"
        record.error = error[:300] if error else None
        record.sent_at = datetime.now(UTC)
        record_event(
            session,
            actor=principal.actor,
            action="contract.publication_failed" if error else "contract.published",
            serial_hex=record.serial_hex,
            pcid=record.pcid,
            publication=record.id,
            **({"error": error[:300]} if error else {}),
        )

    def _root_ids(self) -> list[RootCertificateID]:
        """Whichever V2G root the product's CPS chains to: its own first (cps_chain)."""
        own = self._ca.authority("v2g-root").certificate
        return [RootCertificateID(own.subject.rfc4514_string(), own.serial_number)]

    def _still_valid(self, session: Session, serial_hex: str) -> bool:
        try:
            record = self._ca.find(session, parse_serial(serial_hex))
        except UnknownCertificate:
            return False
        return (
            record.revoked_at is None and record.not_after - datetime.now(UTC) > RESEND_IF_VALID_FOR
        )

    def _run(self, work: Callable[[Session], T]) -> T:
        with self._sessions.begin() as session:
            return work(session)
