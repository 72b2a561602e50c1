#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine, then checks and runs it: ruff (lint
# and format), import-linter (the layers of pyproject.toml), mypy (typing), then pytest.
# Usage: scripts/test.sh [pytest args...]   e.g. scripts/test.sh tests/pki -x
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ensure_debian_packages
ensure_venv
ensure_project_installed "[test]"

log "ruff check ."
"$VENV/bin/ruff" check . || die "ruff check failed"
log "ruff format --check ."
"$VENV/bin/ruff" format --check . || die "ruff format --check failed (run: ruff format .)"
log "lint-imports (layers)"
"$VENV/bin/lint-imports" || die "an import breaks the layers (pyproject.toml [tool.importlinter])"
log "mypy"
"$VENV/bin/mypy" || die "mypy failed"

log "pytest $*"
status=0
"$VENV/bin/python" -m pytest "$@" </dev/null || status=$?
if ((status == 5)); then
    # pytest's 5 means "no tests collected": a suite that tested nothing must not pass.
    die "pytest collected no tests (exit 5)"
fi
exit "$status"
