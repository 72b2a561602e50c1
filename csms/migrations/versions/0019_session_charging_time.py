"""Sessions: time spent charging, for idle time (duration minus charging)

Revision ID: 0019_session_charging_time
Revises: 0017_csms_root_generations
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_session_charging_time"
down_revision = "0017_csms_root_generations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ocpp_transactions") as batch:
        batch.add_column(sa.Column("charging_seconds", sa.Float(), nullable=True))
        batch.add_column(
            sa.Column("charging_state_since", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("ocpp_transactions") as batch:
        batch.drop_column("charging_state_since")
        batch.drop_column("charging_seconds")
