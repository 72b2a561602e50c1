"""OCPP core trust: EVSE IDs a station may put in its charging (SECC) certificates, V2G
certificates without TLS by exception, accepted authorizations, verified charging sessions

Revision ID: 0006_ocpp_trust
Revises: 0003_ocpp
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_ocpp_trust"
down_revision = "0003_ocpp"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.add_column(
            sa.Column(
                "allow_v2g_without_tls", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.create_table(
        "ocpp_station_evse_ids",
        sa.Column("evse_key", sa.String(length=48), nullable=False),
        sa.Column("evse_id", sa.String(length=48), nullable=False),
        sa.Column("station_id", sa.String(length=48), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["ocpp_stations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("evse_key"),
    )
    op.create_index("ix_ocpp_station_evse_ids_station", "ocpp_station_evse_ids", ["station_id"])
    op.create_table(
        "ocpp_authorizations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station_id", sa.String(length=48), nullable=False),
        sa.Column("id_token", sa.String(length=36), nullable=False),
        sa.Column("id_token_type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("certificate_status", sa.String(length=32), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_ocpp_authorizations_station_token",
        "ocpp_authorizations",
        ["station_id", "id_token", "at"],
    )
    with op.batch_alter_table("ocpp_transactions") as batch:
        batch.add_column(
            sa.Column("verified", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(sa.Column("unverified_reason", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("received_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ocpp_transactions") as batch:
        batch.drop_column("received_at")
        batch.drop_column("unverified_reason")
        batch.drop_column("verified")
    op.drop_index("ix_ocpp_authorizations_station_token", "ocpp_authorizations")
    op.drop_table("ocpp_authorizations")
    op.drop_index("ix_ocpp_station_evse_ids_station", "ocpp_station_evse_ids")
    op.drop_table("ocpp_station_evse_ids")
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.drop_column("allow_v2g_without_tls")
