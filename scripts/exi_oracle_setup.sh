#!/usr/bin/env bash
# Creates the EXIficient oracle used by the ISO 15118 EXI interop tests and the benchmark.
#
# The oracle is the EXIficient-based codec shipped (Apache-2.0) inside the `iso15118` PyPI
# package (Josev). It lives in its own virtual environment because the package's full
# dependency set pins pydantic 1 and an old cryptography; we install it with --no-deps and
# add only py4j, which is all its Java bridge needs. A Java runtime is required: if `java`
# is missing (fresh CI machine, running as root) we install Debian's headless JRE.
#
# Idempotent: prints the venv's python path on stdout when done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${EXI_ORACLE_VENV:-$ROOT/.interop/exi-venv}"
ISO15118_VERSION="0.31.2"

if ! command -v java >/dev/null 2>&1; then
    echo "exi_oracle_setup: java missing, installing default-jre-headless" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq default-jre-headless >&2
fi

if [ ! -x "$VENV/bin/python" ]; then
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV" >&2 || "$ROOT/.venv/bin/python" -m venv "$VENV" >&2
fi
if ! "$VENV/bin/python" -c "import py4j, iso15118" >/dev/null 2>&1; then
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps \
        "iso15118==$ISO15118_VERSION" py4j >&2
fi
echo "$VENV/bin/python"
