"""Contract publications: signed contract data sent to the OPCP Contract Certificate Pool

Revision ID: 0018_contract_publications
Revises: 0007_contract_car_claims
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_contract_publications"
down_revision = "0007_contract_car_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contract_publications",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("contract_id", sa.Integer(), sa.ForeignKey("contracts.id"), nullable=False),
        sa.Column("pcid", sa.String(length=18), nullable=False),
        sa.Column("serial_hex", sa.String(length=42), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("signed_xml", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=300), nullable=True),
    )
    op.create_index(
        "ix_contract_publications_contract", "contract_publications", ["contract_id", "pcid"]
    )


def downgrade() -> None:
    op.drop_index("ix_contract_publications_contract", table_name="contract_publications")
    op.drop_table("contract_publications")
