"""OCPP stations: a fast password verifier, written after the first argon2 check

Revision ID: 0011_station_password_verifier
Revises: 0010_ocpp_cluster
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_station_password_verifier"
down_revision = "0010_ocpp_cluster"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.add_column(sa.Column("password_verifier", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.drop_column("password_verifier")
