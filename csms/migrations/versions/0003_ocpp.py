"""OCPP core: stations, security events, connector status, transactions, station certificates

Revision ID: 0003_ocpp
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_ocpp"
down_revision = "0001"
branch_labels = ("ocpp",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ocpp_stations",
        sa.Column("id", sa.String(length=48), nullable=False),
        sa.Column("security_profile", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("partner", sa.String(length=128), nullable=True),
        sa.Column("boot_policy", sa.String(length=16), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_boot_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("boot_status", sa.String(length=16), nullable=True),
        sa.Column("boot_info", sa.JSON(), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("installed_certificates", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "ocpp_security_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station_id", sa.String(length=48), nullable=False),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.Column("tech_info", sa.String(length=255), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ocpp_security_events_station", "ocpp_security_events", ["station_id", "id"])
    op.create_table(
        "ocpp_connector_status",
        sa.Column("station_id", sa.String(length=48), nullable=False),
        sa.Column("evse_id", sa.Integer(), nullable=False),
        sa.Column("connector_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "evse_id", "connector_id"),
    )
    op.create_table(
        "ocpp_transactions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station_id", sa.String(length=48), nullable=False),
        sa.Column("transaction_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("evse_id", sa.Integer(), nullable=True),
        sa.Column("id_token", sa.String(length=36), nullable=True),
        sa.Column("id_token_type", sa.String(length=20), nullable=True),
        sa.Column("last_seq_no", sa.Integer(), nullable=False),
        sa.Column("charging_state", sa.String(length=20), nullable=True),
        sa.Column("stopped_reason", sa.String(length=32), nullable=True),
        sa.Column("meter_start_wh", sa.Float(), nullable=True),
        sa.Column("meter_last_wh", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("station_id", "transaction_id", name="uq_ocpp_transactions_station_tx"),
    )
    op.create_table(
        "ocpp_station_certificates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station_id", sa.String(length=48), nullable=False),
        sa.Column("certificate_type", sa.String(length=32), nullable=False),
        sa.Column("serial_hex", sa.String(length=42), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pem_chain", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_ocpp_station_certificates_station",
        "ocpp_station_certificates",
        ["station_id", "status"],
    )


def downgrade() -> None:
    op.drop_index("ix_ocpp_station_certificates_station", "ocpp_station_certificates")
    op.drop_table("ocpp_station_certificates")
    op.drop_table("ocpp_transactions")
    op.drop_table("ocpp_connector_status")
    op.drop_index("ix_ocpp_security_events_station", "ocpp_security_events")
    op.drop_table("ocpp_security_events")
    op.drop_table("ocpp_stations")
