"""CSMS root generations: the root the OCPP TLS server certificate chains to, rotated

Revision ID: 0017_csms_root_generations
Revises: 0016_expiry_alerts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_csms_root_generations"
down_revision = "0016_expiry_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pki_csms_root_generations",
        sa.Column("generation", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("root_ca", sa.String(length=64), nullable=False),
        sa.Column("issuing_ca", sa.String(length=64), nullable=False),
        sa.Column(
            "link_certificate_id",
            sa.Integer(),
            sa.ForeignKey("pki_certificates.id"),
            nullable=True,
        ),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("switched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("switched_by", sa.String(length=128), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retired_by", sa.String(length=128), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("pki_csms_root_generations")
