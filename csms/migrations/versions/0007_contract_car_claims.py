"""Cars claimed by drivers wait for an operator: a binding's status, who claimed it, who
decided

Revision ID: 0007_contract_car_claims
Revises: 0002_contracts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_contract_car_claims"
down_revision = "0002_contracts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contract_vehicles") as batch:
        # Bindings made before claims existed were made by operators: approved.
        batch.add_column(
            sa.Column("status", sa.String(length=16), nullable=False, server_default="approved")
        )
        batch.add_column(sa.Column("claimed_by", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("decided_by", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contract_vehicles") as batch:
        batch.drop_column("decided_at")
        batch.drop_column("decided_by")
        batch.drop_column("claimed_by")
        batch.drop_column("status")
