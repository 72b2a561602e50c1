#!/usr/bin/env bash
# Installs the product into .venv and serves it on its embedded (development) defaults.
# Usage: scripts/run.sh [csms serve args...]
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ensure_venv
ensure_project_installed ""

exec "$VENV/bin/csms" serve "$@"
