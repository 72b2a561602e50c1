"""OCPP cluster: nodes and their heartbeats, which node holds which station, calls relayed
from one node to the station on another

Revision ID: 0010_ocpp_cluster
Revises: 0006_ocpp_trust
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_ocpp_cluster"
down_revision = "0006_ocpp_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ocpp_nodes",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("token_key_check", sa.String(length=32), nullable=False),
        sa.Column("public_url", sa.String(length=512), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "ocpp_connections",
        sa.Column("station_id", sa.String(length=48), nullable=False),
        sa.Column("node_id", sa.String(length=128), nullable=False),
        sa.Column("connection_id", sa.String(length=36), nullable=False),
        sa.Column("connected_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("station_id"),
    )
    op.create_index("ix_ocpp_connections_node", "ocpp_connections", ["node_id"])
    op.create_table(
        "ocpp_relay",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("station_id", sa.String(length=48), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("timeout", sa.Float(), nullable=False),
        sa.Column("from_node", sa.String(length=128), nullable=False),
        sa.Column("to_node", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.JSON(), nullable=True),
        sa.Column("failure", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ocpp_relay_to_node", "ocpp_relay", ["to_node", "answered_at"])


def downgrade() -> None:
    op.drop_index("ix_ocpp_relay_to_node", table_name="ocpp_relay")
    op.drop_table("ocpp_relay")
    op.drop_index("ix_ocpp_connections_node", table_name="ocpp_connections")
    op.drop_table("ocpp_connections")
    op.drop_table("ocpp_nodes")
