"""Plug & Charge diagnostics: one readable record per exchange, and who may read them

Revision ID: 0021_pnc_diagnostics
Revises: 0020_list_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021_pnc_diagnostics"
down_revision = "0020_list_indexes"
branch_labels = None
depends_on = None

# Partners read their stations' records, drivers those of their own cars and contracts
# (admins read everything already). Added to a policy already in the database, as seed.csv
# holds them for a new one.
RULES = (
    ("p", "partner", "*", "pnc_diagnostics", "^read$", "tenant"),
    ("p", "client", "*", "pnc_diagnostics", "^read$", "own"),
)

RULE_TABLE = sa.table(
    "auth_casbin_rules", sa.column("ptype"), *(sa.column(f"v{i}") for i in range(6))
)
VERSION = sa.table("auth_policy_version", sa.column("id"), sa.column("version"))


def upgrade() -> None:
    op.create_table(
        "ocpp_pnc_diagnostics",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("station_id", sa.String(48), nullable=False),
        sa.Column("ocpp_version", sa.String(8), nullable=False),
        sa.Column("request_id", sa.String(64)),
        sa.Column("action", sa.String(16)),
        sa.Column("pcid", sa.String(64)),
        sa.Column("emaid", sa.String(64)),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("status", sa.String(64)),
        sa.Column("reason_code", sa.String(64)),
        sa.Column("detail", sa.Text()),
        sa.Column("request_text", sa.Text()),
        sa.Column("response_text", sa.Text()),
        sa.Column("certificates", sa.JSON()),
        sa.Column("root", sa.String(512)),
        sa.Column("timings", sa.JSON()),
    )
    op.create_index("ix_ocpp_pnc_diagnostics_at", "ocpp_pnc_diagnostics", ["at"])
    op.create_index("ix_ocpp_pnc_diagnostics_station", "ocpp_pnc_diagnostics", ["station_id", "at"])
    op.create_index("ix_ocpp_pnc_diagnostics_pcid", "ocpp_pnc_diagnostics", ["pcid", "at"])
    op.create_index("ix_ocpp_pnc_diagnostics_emaid", "ocpp_pnc_diagnostics", ["emaid", "at"])
    # Not on a fresh database: an empty rule table is what tells the first start to seed it
    # (policies/seed.csv holds these rules for that).
    seeded = op.get_bind().execute(sa.select(sa.exists().where(RULE_TABLE.c.ptype == "p"))).scalar()
    if seeded:
        op.bulk_insert(RULE_TABLE, [_row(rule) for rule in RULES])
        _bump_version()


def downgrade() -> None:
    for rule in RULES:
        row = _row(rule)
        op.execute(
            RULE_TABLE.delete().where(*(RULE_TABLE.c[name] == value for name, value in row.items()))
        )
    _bump_version()
    op.drop_table("ocpp_pnc_diagnostics")


def _row(rule: tuple[str, ...]) -> dict[str, str]:
    # v5 is NOT NULL: unused fields are "", as the policy engine writes them.
    return {**dict(zip(("ptype", "v0", "v1", "v2", "v3", "v4"), rule, strict=True)), "v5": ""}


def _bump_version() -> None:
    """Every node's policy cache reloads when the version moves."""
    seeded = sa.exists().where(RULE_TABLE.c.ptype == "p")
    op.execute(
        VERSION.update().where(VERSION.c.id == 1, seeded).values(version=VERSION.c.version + 1)
    )
