#!/usr/bin/env bash
# Installs the independent OCPP-J client used by tests/ocpp/test_interop_ocpp_rpc.py:
# the `ocpp-rpc` npm package (v2, strict mode validates every message against the official
# OCA JSON schemas) in .interop/node. Needs node and npm (scripts/lib.sh installs them).
#
# Idempotent: prints the node_modules directory on stdout when done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${OCPP_RPC_DIR:-$ROOT/.interop/node}"
VERSION="2"

command -v node >/dev/null 2>&1 || { echo "ocpp_rpc_setup: node not found" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "ocpp_rpc_setup: npm not found" >&2; exit 1; }

mkdir -p "$DIR"
if [ ! -f "$DIR/node_modules/ocpp-rpc/package.json" ]; then
    [ -f "$DIR/package.json" ] || echo '{"name":"csms-ocpp-interop","private":true}' >"$DIR/package.json"
    (cd "$DIR" && npm install --no-audit --no-fund --loglevel=error "ocpp-rpc@$VERSION" >&2)
fi
echo "$DIR/node_modules"
