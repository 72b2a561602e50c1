"""Lists that scale: the orders the console's lists read newest first, as indexes

Revision ID: 0020_list_indexes
Revises: 0019_session_charging_time
"""

from __future__ import annotations

from alembic import op

revision = "0020_list_indexes"
down_revision = "0019_session_charging_time"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # (time, id): the list's order with its tiebreak, so the first page and a deep page are
    # index walks, not a sort of every session (auth/listing.py orders by both).
    op.create_index("ix_ocpp_transactions_started", "ocpp_transactions", ["started_at", "id"])
    op.create_index(
        "ix_ocpp_security_events_occurred", "ocpp_security_events", ["occurred_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_ocpp_security_events_occurred", "ocpp_security_events")
    op.drop_index("ix_ocpp_transactions_started", "ocpp_transactions")
