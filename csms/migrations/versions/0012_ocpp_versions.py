"""OCPP stations: the version an operator pinned a station to, and the one it last spoke;
sessions' version; a 2.1 SignCertificate's requestId, echoed in its CertificateSigned

Revision ID: 0012_ocpp_versions
Revises: 0011_station_password_verifier
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_ocpp_versions"
down_revision = "0011_station_password_verifier"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.add_column(sa.Column("ocpp_version", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("last_ocpp_version", sa.String(length=8), nullable=True))
    with op.batch_alter_table("ocpp_transactions") as batch:
        batch.add_column(sa.Column("ocpp_version", sa.String(length=8), nullable=True))
    with op.batch_alter_table("ocpp_station_certificates") as batch:
        batch.add_column(sa.Column("request_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ocpp_station_certificates") as batch:
        batch.drop_column("request_id")
    with op.batch_alter_table("ocpp_transactions") as batch:
        batch.drop_column("ocpp_version")
    with op.batch_alter_table("ocpp_stations") as batch:
        batch.drop_column("last_ocpp_version")
        batch.drop_column("ocpp_version")
