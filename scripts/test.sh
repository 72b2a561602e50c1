#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine, then lints and runs it.
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

log "pytest $*"
status=0
"$VENV/bin/python" -m pytest "$@" </dev/null || status=$?
if ((status == 5)); then
    # pytest's 5 means "no tests collected": a suite that tested nothing must not pass.
    die "pytest collected no tests (exit 5)"
fi
exit "$status"
