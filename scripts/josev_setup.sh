#!/usr/bin/env bash
# Creates the Josev (`iso15118` PyPI package, Apache-2.0) environment that plays the car in
# the contract-certificate interop tests (tests/contracts/josev_car.py).
#
# Unlike the EXI oracle (scripts/exi_oracle_setup.sh, --no-deps), the car needs Josev's own
# message models and EV-side security helpers (`iso15118.shared.security`), which import
# pydantic 1 and a pinned cryptography: so a full install, in its own virtual environment.
# A Java runtime runs Josev's EXIficient codec; it is installed when missing (CI runs as root).
#
# Idempotent: prints the venv's python path on stdout when done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${JOSEV_VENV:-$ROOT/.interop/josev-venv}"
ISO15118_VERSION="0.31.2"

if ! command -v java >/dev/null 2>&1; then
    echo "josev_setup: java missing, installing default-jre-headless" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq default-jre-headless >&2
fi

if [ ! -x "$VENV/bin/python" ]; then
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV" >&2 || "$ROOT/.venv/bin/python" -m venv "$VENV" >&2
fi
if ! "$VENV/bin/python" -c "import iso15118.shared.security, pydantic, py4j" >/dev/null 2>&1; then
    "$VENV/bin/pip" install -q --disable-pip-version-check "iso15118==$ISO15118_VERSION" >&2
fi
echo "$VENV/bin/python"
