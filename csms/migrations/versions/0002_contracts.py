"""contracts, vehicles, contract certificates; imported CRLs of foreign (OEM) CAs

Revision ID: 0002_contracts
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_contracts"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("emaid", sa.String(length=15), nullable=False),
        sa.Column("emaid_origin", sa.String(length=16), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("partner", sa.String(length=128), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("emaid", name="uq_contracts_emaid"),
    )
    op.create_index("ix_contracts_owner", "contracts", ["owner"])
    op.create_table(
        "contract_vehicles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pcid", sa.String(length=18), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["contract_id"], ["contracts.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pcid", "contract_id", name="uq_contract_vehicles_pcid_contract"),
    )
    op.create_index("ix_contract_vehicles_pcid", "contract_vehicles", ["pcid"])
    op.create_table(
        "contract_certificates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("serial_hex", sa.String(length=42), nullable=False),
        sa.Column("pcid", sa.String(length=18), nullable=True),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("schema", sa.String(length=8), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("escrowed_key", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["contract_id"], ["contracts.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("serial_hex", name="uq_contract_certificates_serial"),
    )
    op.create_index("ix_contract_certificates_contract", "contract_certificates", ["contract_id"])
    op.create_table(
        "pki_foreign_crls",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("issuer_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("issuer_subject", sa.String(length=512), nullable=False),
        sa.Column("crl_number", sa.String(length=64), nullable=True),
        sa.Column("this_update", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_update", sa.DateTime(timezone=True), nullable=True),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_pki_foreign_crls_issuer_fingerprint", "pki_foreign_crls", ["issuer_fingerprint"]
    )


def downgrade() -> None:
    op.drop_index("ix_pki_foreign_crls_issuer_fingerprint", table_name="pki_foreign_crls")
    op.drop_table("pki_foreign_crls")
    op.drop_index("ix_contract_certificates_contract", table_name="contract_certificates")
    op.drop_table("contract_certificates")
    op.drop_index("ix_contract_vehicles_pcid", table_name="contract_vehicles")
    op.drop_table("contract_vehicles")
    op.drop_index("ix_contracts_owner", table_name="contracts")
    op.drop_table("contracts")
