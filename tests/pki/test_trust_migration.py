"""Migration 0013: anchors imported before trust states existed come out as source `file`,
state `active`, and keep validating; downgrading and upgrading again is clean."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from cryptography.hazmat.primitives import serialization
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from csms.database import alembic_config
from pki.trust import TrustStore

from .external_ca import make_external_ca


def test_existing_anchors_become_active_file_anchors(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, "0012_ocpp_versions")
    root = make_external_ca(tmp_path / "x", "OldRoot").root
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO pki_trust_anchors (kind, role, root_fingerprint, subject,"
                " fingerprint_sha256, der, not_after, added_at, added_by) VALUES"
                " ('mo-root', 'root', 'ab', 'CN=OldRoot', 'ab', :der, :after, :now, 'test')"
            ),
            {
                "der": root.public_bytes(serialization.Encoding.DER),
                "after": root.not_valid_after_utc,
                "now": datetime.now(UTC),
            },
        )
    command.upgrade(config, "heads")
    with Session(engine) as session:
        (row,) = TrustStore.list(session)
        assert (row.source, row.state, row.state_reason) == ("file", "active", None)
        assert TrustStore.certificates(session, "mo-root") == [root]
    command.downgrade(config, "0012_ocpp_versions")
    command.upgrade(config, "heads")
    engine.dispose()
