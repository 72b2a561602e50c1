"""initial PKI schema

Revision ID: 0001
Revises:
Create Date: 2026-11-21 05:50:30.645443
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("serial_hex", sa.String(length=42), nullable=True),
        sa.Column("fingerprint_sha256", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_at", ["at"], unique=False)

    op.create_table(
        "pki_certificates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("serial_hex", sa.String(length=42), nullable=False),
        sa.Column("issuer_ca", sa.String(length=64), nullable=True),
        sa.Column("profile", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("subject_cn", sa.String(length=128), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("precert_der", sa.LargeBinary(), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=True),
        sa.Column("fingerprint_sha256", sa.String(length=64), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revocation_reason", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("fingerprint_sha256"),
        sa.UniqueConstraint("serial_hex", name="uq_pki_certificates_serial"),
    )
    with op.batch_alter_table("pki_certificates", schema=None) as batch_op:
        batch_op.create_index("ix_pki_certificates_issuer", ["issuer_ca"], unique=False)
        batch_op.create_index("ix_pki_certificates_subject_cn", ["subject_cn"], unique=False)

    op.create_table(
        "pki_keys",
        sa.Column("ref", sa.String(length=128), nullable=False),
        sa.Column("encrypted_pkcs8", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ref"),
    )
    op.create_table(
        "pki_trust_anchors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("root_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("fingerprint_sha256", sa.String(length=64), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("fingerprint_sha256"),
    )
    op.create_table(
        "pki_authorities",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("profile", sa.String(length=32), nullable=False),
        sa.Column("parent", sa.String(length=64), nullable=True),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("key_backend", sa.String(length=16), nullable=False),
        sa.Column("key_ref", sa.String(length=128), nullable=False),
        sa.Column("crl_number", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["certificate_id"],
            ["pki_certificates.id"],
        ),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:

    op.drop_table("pki_authorities")
    op.drop_table("pki_trust_anchors")
    op.drop_table("pki_keys")
    with op.batch_alter_table("pki_certificates", schema=None) as batch_op:
        batch_op.drop_index("ix_pki_certificates_subject_cn")
        batch_op.drop_index("ix_pki_certificates_issuer")

    op.drop_table("pki_certificates")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_at")

    op.drop_table("audit_events")
