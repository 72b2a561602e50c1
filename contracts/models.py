"""Tables of the mobility-operator side, on the PKI's metadata (csms/migrations 0002_contracts)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from auth.db import UTCDateTime
from pki import foreign_revocation  # noqa: F401 - its table is in the same migration
from pki.db import Base

CONTRACT_STATUSES = ("active", "suspended", "terminated")
# The profiles of contract certificates (ISO 15118-2 and -20), CN = the contract's eMAID.
CONTRACT_PROFILES = ("contract", "contract-20")


class Contract(Base):
    """A charging contract: who pays (owner), under which eMAID, for how long."""

    __tablename__ = "contracts"
    __table_args__ = (
        UniqueConstraint("emaid", name="uq_contracts_emaid"),
        Index("ix_contracts_owner", "owner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    emaid: Mapped[str] = mapped_column(String(15))  # normalised, with check character
    emaid_origin: Mapped[str] = mapped_column(String(16))  # issued | imported | din-converted
    owner: Mapped[str] = mapped_column(String(128))  # a username until the users table exists
    partner: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))  # CONTRACT_STATUSES
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(128))
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# approved: the car uses the contract (an operator bound it, or approved a driver's claim);
# pending: a driver claimed the car and an operator has not decided yet (the CPS ignores it);
# rejected: an operator refused the claim; released: the car went to another owner.
BINDING_STATUSES = ("approved", "pending", "rejected", "released")


class VehicleBinding(Base):
    """A car (its PCID) bound to a contract; a car may hold several, one of them default.
    Only `approved` bindings count: a driver's claim of a car waits for an operator, because
    the PCID is no secret (it is printed in the car's certificate) and the first to claim a
    car would otherwise receive its contract certificates and its charging history."""

    __tablename__ = "contract_vehicles"
    __table_args__ = (
        UniqueConstraint("pcid", "contract_id", name="uq_contract_vehicles_pcid_contract"),
        Index("ix_contract_vehicles_pcid", "pcid"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pcid: Mapped[str] = mapped_column(String(18))
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    is_default: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="approved")  # BINDING_STATUSES
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ContractCertificate(Base):
    """A contract certificate the CPS issued (the certificate itself is in pki_certificates)."""

    __tablename__ = "contract_certificates"
    __table_args__ = (
        UniqueConstraint("serial_hex", name="uq_contract_certificates_serial"),
        Index("ix_contract_certificates_contract", "contract_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    serial_hex: Mapped[str] = mapped_column(String(42))
    pcid: Mapped[str | None] = mapped_column(String(18))
    action: Mapped[str] = mapped_column(String(8))  # install | update | publish
    schema: Mapped[str] = mapped_column(String(8))  # iso-2 | iso-20
    not_after: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Only when CSMS_CONTRACT_KEY_ESCROW is on: PKCS#8 encrypted with the key-store passphrase.
    escrowed_key: Mapped[bytes | None] = mapped_column(LargeBinary)


class ContractPublication(Base):
    """Signed contract data for one car, published to the Open Plug & Charge Contract
    Certificate Pool (contracts/publish.py). Recorded before it is sent (`pending`), so an
    interrupted publication is sent again rather than issued twice; `published` once the
    pool took it, `failed` with the pool's reason otherwise. The XML holds the contract key
    encrypted to the car only."""

    __tablename__ = "contract_publications"
    __table_args__ = (Index("ix_contract_publications_contract", "contract_id", "pcid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    pcid: Mapped[str] = mapped_column(String(18))
    serial_hex: Mapped[str] = mapped_column(String(42))  # the contract certificate inside
    state: Mapped[str] = mapped_column(String(16))  # pending | published | failed
    signed_xml: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(128))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(300))


class Usability(StrEnum):
    """Whether a contract may get a certificate or authorize charging now, and if not, why."""

    USABLE = "usable"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"
    ENDED = "ended"


def usability(contract: Contract, now: datetime) -> Usability:
    """The one rule: an active contract is usable until `valid_until`; a suspended or
    terminated one never is (its status is named first, as the status is what an operator
    changed)."""
    if contract.status != "active":
        return Usability(contract.status)
    if contract.valid_until <= now:
        return Usability.ENDED
    return Usability.USABLE


def unusable_reason(contract: Contract, now: datetime) -> str | None:
    """None for a usable contract, else the sentence the CPS answers with."""
    state = usability(contract, now)
    if state is Usability.USABLE:
        return None
    if state is Usability.ENDED:
        return f"contract {contract.emaid} ended"
    return f"contract {contract.emaid} is {contract.status}"
