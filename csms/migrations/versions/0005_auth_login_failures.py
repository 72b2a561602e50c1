"""failed password logins per account and per client address, for the login throttle

Revision ID: 0005_auth_login_failures
Revises: 0004_auth
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_auth_login_failures"
down_revision = "0004_auth"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "auth_login_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_auth_login_failures_key", "auth_login_failures", ["kind", "key", "at"])
    op.create_index("ix_auth_login_failures_at", "auth_login_failures", ["at"])


def downgrade() -> None:
    op.drop_index("ix_auth_login_failures_at", table_name="auth_login_failures")
    op.drop_index("ix_auth_login_failures_key", table_name="auth_login_failures")
    op.drop_table("auth_login_failures")
