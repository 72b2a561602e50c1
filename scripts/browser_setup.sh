#!/usr/bin/env bash
# Installs what the console's browser tests (tests/console) need, each only when missing:
#   - Debian's Chromium (package `chromium`), which Playwright drives through executable_path
#     (Playwright's own browser download does not work on these machines);
#   - axe-core, the accessibility engine the tests inject into each page, from the npm
#     registry at the version in tests/console/npm/package-lock.json, into .interop/console.
# CI runs as root, so apt-get works as it is. Idempotent; prints two lines when done:
#   chromium=/usr/bin/chromium
#   axe=<path of axe.min.js>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NPM_DIR="${CONSOLE_NPM_DIR:-$ROOT/.interop/console}"

if ! command -v chromium >/dev/null 2>&1; then
    echo "browser_setup: installing Debian's chromium" >&2
    sudo=()
    if [[ "$(id -u)" != 0 ]]; then sudo=(sudo -n); fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq >&2
    # fonts-dejavu-core: the console's stylesheet names DejaVu, so screenshots and contrast
    # checks see the same glyphs on every machine.
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
fi

AXE="$NPM_DIR/node_modules/axe-core/axe.min.js"
if [[ ! -f "$AXE" ]] || ! cmp -s "$ROOT/tests/console/npm/package-lock.json" "$NPM_DIR/package-lock.json"; then
    command -v npm >/dev/null 2>&1 || { echo "browser_setup: npm missing (apt-get install npm)" >&2; exit 1; }
    mkdir -p "$NPM_DIR"
    cp "$ROOT/tests/console/npm/package.json" "$ROOT/tests/console/npm/package-lock.json" "$NPM_DIR/"
    (cd "$NPM_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
echo "chromium=$(command -v chromium)"
echo "axe=$AXE"
