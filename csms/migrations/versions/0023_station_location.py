"""Stations: where they stand (latitude, longitude, address) for the console's map

Revision ID: 0023_station_location
Revises: 0022_station_operations
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023_station_location"
down_revision = "0022_station_operations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch.add_column(sa.Column("address", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.drop_column("address")
        batch.drop_column("longitude")
        batch.drop_column("latitude")
