"""rules of the shipped seed that changed: technicians and partner staff run station
operations (remote start and stop, unlock, availability), drivers stop their own sessions

Only rows still exactly as the old seed wrote them are changed: an operator's own edits of
those rules are left alone (the operator decides there).

Revision ID: 0022_station_operations
Revises: 0021_pnc_diagnostics
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022_station_operations"
down_revision = "0021_pnc_diagnostics"
branch_labels = None
depends_on = None

RULES = sa.table(
    "auth_casbin_rules",
    sa.column("ptype"),
    *(sa.column(f"v{i}") for i in range(6)),
)
VERSION = sa.table("auth_policy_version", sa.column("id"), sa.column("version"))
# (subject, object, scope, old action, new action)
CHANGES = [
    ("technician", "stations", "any", "^(read|command)$", "^(read|command|operate)$"),
    ("partner", "stations", "tenant", "^(read|create|update)$", "^(read|create|update|operate)$"),
    ("client", "sessions", "own", "^read$", "^(read|stop)$"),
]


def _replace(old_index: int, new_index: int) -> None:
    for change in CHANGES:
        subject, obj, scope = change[:3]
        op.execute(
            RULES.update()
            .where(
                RULES.c.ptype == "p",
                RULES.c.v0 == subject,
                RULES.c.v1 == "*",
                RULES.c.v2 == obj,
                RULES.c.v3 == change[old_index],
                RULES.c.v4 == scope,
            )
            .values(v3=change[new_index])
        )
    # Every node's policy cache reloads when the version moves. Not on a fresh database: an
    # empty rule table at version 0 is what tells the first start to seed it.
    seeded = sa.exists().where(RULES.c.ptype == "p")
    op.execute(
        VERSION.update().where(VERSION.c.id == 1, seeded).values(version=VERSION.c.version + 1)
    )


def upgrade() -> None:
    _replace(3, 4)


def downgrade() -> None:
    _replace(4, 3)
