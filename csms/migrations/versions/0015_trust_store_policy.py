"""The fleet's trust stores: which imported roots a partner's stations should hold, and when a
station last reported the roots it holds

Revision ID: 0015_trust_store_policy
Revises: 0014_v2g_issuer
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_trust_store_policy"
down_revision = "0014_v2g_issuer"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("auth_partners", sa.Column("station_roots", sa.JSON(), nullable=True))
    op.add_column(
        "ocpp_stations",
        sa.Column("installed_certificates_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.drop_column("installed_certificates_at")
    with op.batch_alter_table("auth_partners") as batch:
        batch.drop_column("station_roots")
