"""Certificate expiry alerts: the band each watched certificate was last alerted in

Revision ID: 0016_expiry_alerts
Revises: 0015_trust_store_policy
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_expiry_alerts"
down_revision = "0015_trust_store_policy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ocpp_expiry_alerts",
        sa.Column("key", sa.String(length=200), primary_key=True),
        sa.Column("band", sa.String(length=8), nullable=False),
        sa.Column("alerted_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ocpp_expiry_alerts")
