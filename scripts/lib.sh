# Shared helpers for scripts/test.sh and scripts/run.sh. Source it; don't run it.
# shellcheck shell=bash

# The repository root, whatever directory the caller was started from.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO_ROOT/.venv"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Newest PostgreSQL server bin dir from Debian's versioned layout, empty if none.
pg_bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        printf '%s\n' "$dir"
    fi
}

# Prints the Debian packages whose tools are missing. A tool already on the machine
# (e.g. Node.js from another source, a JDK instead of Debian's JRE) counts as present:
# we only need the commands, not a particular package.
missing_debian_packages() {
    [[ -n "$(pg_bindir)" ]] || echo postgresql
    command -v softhsm2-util >/dev/null 2>&1 || echo softhsm2
    command -v openssl >/dev/null 2>&1 || echo openssl
    command -v java >/dev/null 2>&1 || echo default-jre-headless
    command -v node >/dev/null 2>&1 || echo nodejs
    command -v npm >/dev/null 2>&1 || echo npm
    # Checks deploy/haproxy.cfg with haproxy's own parser (tests/test_deploy_files.py).
    command -v haproxy >/dev/null 2>&1 || echo haproxy
}

# Installs whatever missing_debian_packages reports. apt-get update runs at most once,
# and only when something is missing, so a ready machine pays nothing here.
ensure_debian_packages() {
    local missing
    mapfile -t missing < <(missing_debian_packages)
    ((${#missing[@]})) || return 0

    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            # A developer without root can still lint and run the tests that need none of
            # these; the fixtures skip (or, under CI=true, fail) with their own message.
            log "WARNING: missing Debian packages: ${missing[*]}"
            log "WARNING: not root and no password-less sudo; install them with:"
            log "WARNING:   sudo apt-get update && sudo apt-get install -y ${missing[*]}"
            return 0
        fi
    fi

    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # apt's chatter goes to a log that is shown only when something fails.
    local apt_log
    apt_log="$(mktemp)"
    if ! "${sudo[@]}" apt-get update -qq </dev/null >"$apt_log" 2>&1; then
        cat "$apt_log" >&2
        die "apt-get update failed (needed to install: ${missing[*]})"
    fi
    if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        </dev/null >"$apt_log" 2>&1; then
        cat "$apt_log" >&2
        die "apt-get install failed for: ${missing[*]}"
    fi
    rm -f "$apt_log"
}

# Creates .venv with the machine's python3 if it does not exist yet.
ensure_venv() {
    if [[ ! -x "$VENV/bin/python" ]]; then
        command -v python3 >/dev/null 2>&1 || die "python3 not found; install Python 3.11+"
        log "creating virtualenv $VENV"
        python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    fi
}

# pip install -e ".$1" (e.g. "[test]" or ""), skipped when pyproject.toml and the extras
# are unchanged since the last successful install: a no-op pip run still costs seconds
# (it resolves against the index and rebuilds the editable wheel).
ensure_project_installed() {
    local extras="${1:-}"
    local stamp="$VENV/.csms-install-stamp"
    local want
    want="$(cat "$REPO_ROOT/pyproject.toml" - <<<"extras=$extras" | sha256sum | cut -d' ' -f1)"
    if [[ -f "$stamp" ]] && grep -qx "$want" "$stamp" \
        && "$VENV/bin/python" -c 'import importlib.metadata as m; m.version("uz-pnc-csms")' \
            >/dev/null 2>&1; then
        return 0
    fi
    log "installing the project into .venv (pip install -e '.$extras')"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        -e "$REPO_ROOT$extras" </dev/null \
        || die "pip install -e '.$extras' failed"
    # Several stamps may be valid at once ("" and "[test]"): keep one line per install.
    echo "$want" >>"$stamp"
}
