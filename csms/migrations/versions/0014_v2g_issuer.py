"""Where a charger's V2G certificate comes from (partners and stations: local | opcp), and
the external enrollments worked on after the station was answered

Revision ID: 0014_v2g_issuer
Revises: 0013_trust_states, 0008_seed_rules (it changes auth_partners, so it joins the auth
branch: a merge, and one head fewer)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_v2g_issuer"
down_revision = ("0013_trust_states", "0008_seed_rules")
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it): recreating auth_partners, which auth_users refers
    # to, is what batch mode would do, and SQLite refuses it under foreign keys.
    op.add_column(
        "auth_partners",
        sa.Column("v2g_issuer", sa.String(length=8), nullable=False, server_default="local"),
    )
    op.add_column("ocpp_stations", sa.Column("v2g_issuer", sa.String(length=8), nullable=True))
    op.create_table(
        "ocpp_external_enrollments",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("station_id", sa.String(length=48), nullable=False),
        sa.Column("certificate_type", sa.String(length=32), nullable=False),
        sa.Column("csr_pem", sa.Text(), nullable=False),
        sa.Column("iso_version", sa.String(length=16), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=True),
    )
    op.create_index(
        "ix_ocpp_external_enrollments_due",
        "ocpp_external_enrollments",
        ["status", "next_attempt_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_ocpp_external_enrollments_due", table_name="ocpp_external_enrollments")
    op.drop_table("ocpp_external_enrollments")
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.drop_column("v2g_issuer")
    with op.batch_alter_table("auth_partners") as batch:
        batch.drop_column("v2g_issuer")
