"""Alembic environment: one metadata per domain, migrated together."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

import contracts.models  # noqa: F401 - the contract tables live on pki.db.Base's metadata
from auth.models import Base as AuthBase
from csms.ocpp.db import Base as OcppBase
from pki.db import Base as PkiBase

config = context.config
target_metadata = [PkiBase.metadata, OcppBase.metadata, AuthBase.metadata]


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        connectable = engine_from_config(
            config.get_section(config.config_ini_section, {}),
            prefix="sqlalchemy.",
            poolclass=pool.NullPool,
        )
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
