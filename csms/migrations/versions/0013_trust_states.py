"""Trust anchors with a source and a state (active | distrusted, who, when, why); the
product's own CAs' certificates under external roots (sub-CA imports, cross-certificates)

Revision ID: 0013_trust_states
Revises: 0012_ocpp_versions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_trust_states"
down_revision = "0012_ocpp_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every anchor so far came from a file and is trusted.
    with op.batch_alter_table("pki_trust_anchors") as batch:
        batch.add_column(
            sa.Column("source", sa.String(length=16), nullable=False, server_default="file")
        )
        batch.add_column(
            sa.Column("state", sa.String(length=16), nullable=False, server_default="active")
        )
        batch.add_column(sa.Column("state_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("state_by", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("state_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "pki_ca_certificates",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("ca_name", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("anchor_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("fingerprint_sha256", sa.String(length=64), nullable=False, unique=True),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=128), nullable=False),
    )
    op.create_index("ix_pki_ca_certificates_ca", "pki_ca_certificates", ["ca_name"])


def downgrade() -> None:
    op.drop_index("ix_pki_ca_certificates_ca", table_name="pki_ca_certificates")
    op.drop_table("pki_ca_certificates")
    with op.batch_alter_table("pki_trust_anchors") as batch:
        batch.drop_column("state_at")
        batch.drop_column("state_by")
        batch.drop_column("state_reason")
        batch.drop_column("state")
        batch.drop_column("source")
