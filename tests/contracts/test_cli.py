"""The `csms contract` and `csms emaid` commands, run as an operator would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csms", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def cli_env(postgres_url: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSMS_")}
    env.update(
        CSMS_DATABASE_URL=postgres_url,
        CSMS_DATA_DIR=str(tmp_path / "var"),
        CSMS_KEY_PASSPHRASE="cli-test-passphrase-not-secret",
        CSMS_KEY_LABEL_PREFIX=f"cli{os.getpid()}{tmp_path.name[-6:]}".replace("-", "")[:32],
    )
    return env


def test_emaid_commands_without_a_database() -> None:
    env = dict(os.environ)
    # Published vector (ShellRechargeSolutionsEU/mobilityid ContractIdSpec): NL-TNM-C00122045-K.
    done = run(["emaid", "check-digit", "nl-tnm-c00122045"], env)
    assert (done.returncode, done.stdout.strip()) == (0, "K")
    done = run(["emaid", "normalize", "nl-tnm-c00122045-k"], env)
    assert (done.returncode, done.stdout.strip()) == (0, "NLTNMC00122045K")
    done = run(["emaid", "normalize", "NL*TNM*012204*5"], env)  # DIN SPEC 91286, converted
    assert (done.returncode, done.stdout.strip()) == (0, "NLTNMC00122045K")
    done = run(["emaid", "normalize", "NL-TNM-C00122045-X"], env)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "expected 'K'" in done.stderr
    assert done.stderr.count("\n") == 1
    done = run(["emaid", "normalize", "NL-TN"], env)
    assert done.returncode == 1 and "[malformed]" in done.stderr


def test_contract_create_list_terminate(cli_env: dict[str, str]) -> None:
    assert run(["pki", "init"], cli_env).returncode == 0
    for driver in ("bob", "carol"):  # a contract's owner must exist
        assert (
            run(["user", "add", driver, "--role", "client", "--myid-only"], cli_env).returncode == 0
        )
    created = run(["contract", "create", "--pcid", "wmiabc1234567890x", "--owner", "bob"], cli_env)
    assert created.returncode == 0, created.stderr
    emaid = created.stdout.strip()
    assert len(emaid) == 15 and emaid.startswith("UZUPC")
    check = run(["emaid", "check-digit", emaid[:14]], cli_env)
    assert check.stdout.strip() == emaid[14]
    imported = run(
        [
            "contract",
            "create",
            "--emaid",
            "uz-upc-c00000001",
            "--owner",
            "carol",
            "--pcid",
            "WMICAR0000000002X",
        ],
        cli_env,
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip().startswith("UZUPCC00000001")
    duplicate = run(
        [
            "contract",
            "create",
            "--emaid",
            "UZUPCC00000001",
            "--owner",
            "carol",
            "--pcid",
            "WMICAR0000000002X",
        ],
        cli_env,
    )
    assert duplicate.returncode == 1 and "[emaid_taken]" in duplicate.stderr
    listing = run(["contract", "list"], cli_env)
    assert emaid in listing.stdout and "WMIABC1234567890X" in listing.stdout
    assert "bob" in listing.stdout and "carol" in listing.stdout
    done = run(["contract", "terminate", emaid.lower()], cli_env)
    assert done.returncode == 0, done.stderr
    assert "terminated" in done.stdout
    again = run(["contract", "terminate", emaid], cli_env)
    assert again.returncode == 1 and "[contract_status]" in again.stderr
    listing = run(["contract", "list", "--status", "terminated"], cli_env)
    assert emaid in listing.stdout and "carol" not in listing.stdout
    unknown = run(["contract", "terminate", "UZUPCC99999999"], cli_env)
    assert unknown.returncode == 1 and "[unknown_contract]" in unknown.stderr
