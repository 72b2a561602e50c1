"""Every command of `csms`, given bad input, fails the same way: exactly one line on stderr,
`error: <what> [<code>]`, no traceback, exit status 1 when the command could not do its work
and 2 when it was called wrongly (`[usage]`, followed by where to read how). One real `csms`
process per case, on a fresh embedded installation."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.pki.server import free_port

ERROR_LINE = re.compile(r"^error: .+ \[(?P<code>[a-z0-9_]+)\]$")
BAD_CERTIFICATE = b"-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n"
SOME_EMAID = "UZ-UPC-C00000001"  # well formed, with its check character; no such contract

# (arguments, standard input, exit status, code)
CASES: list[tuple[tuple[str, ...], bytes, int, str]] = [
    # called wrongly: exit 2
    (("frobnicate",), b"", 2, "usage"),
    (("station", "add"), b"", 2, "usage"),
    (("station", "set", "X", "--enabled"), b"", 2, "usage"),
    (("pki", "issue", "--csr", "-"), b"", 2, "usage"),
    (("audit", "--limit", "-1"), b"", 2, "usage"),
    (("pki", "list", "--limit", "0"), b"", 2, "usage"),
    (("user", "list", "--limit", "0"), b"", 2, "usage"),
    (("exi", "decode", "--schema", "iso-3"), b"", 2, "usage"),
    (("exi", "decode", "/nonexistent/file.exi"), b"", 2, "usage"),
    (("demo", "--ocpp-url", "ftp://localhost/ocpp"), b"", 2, "usage"),
    (("pki", "expiry", "--band", "12"), b"", 2, "usage"),
    (("station", "list", "--json", "--csv"), b"", 2, "usage"),
    (("session", "list", "--page", "0"), b"", 2, "usage"),
    (("station", "events", "--per-page", "201"), b"", 2, "usage"),
    (("audit", "--order", "up"), b"", 2, "usage"),
    (("pki", "list", "--search", "secc"), b"", 2, "usage"),
    (("contract", "list", "--certificates", "--csv"), b"", 2, "usage"),
    (("contract", "list", "--status", "active", "--filter", "status=terminated"), b"", 2,
     "usage"),
    # could not do its work: exit 1
    (("exi", "decode", "-"), b"\x80\xff\xff\x00garbage", 1, "exi_decode"),
    (("exi", "decode", "-"), b"gJgCGn8CYlRaMiyKiVodHRwOi8vd3d3", 1, "exi_decode"),
    (("exi", "decode", "--base64", "-"), b"!!! not base64 !!!", 1, "base64_malformed"),
    (("exi", "encode", "-"), b"{not json", 1, "json_malformed"),
    (("exi", "encode", "-"), b'{"V2G_Message": 1}', 1, "exi_encode"),
    (("pki", "issue", "--profile", "secc", "--csr", "-"), b"\x30\x03garbage", 1, "malformed"),
    (("pki", "issue", "--profile", "nope", "--csr", "-"), b"x", 1, "unknown_profile"),
    (("pki", "revoke", "zz"), b"", 1, "serial"),
    (("pki", "export", "nope"), b"", 1, "unknown_ca"),
    (("pki", "crl", "nope"), b"", 1, "unknown_ca"),
    (("pki", "trust", "add", "--kind", "v2g-root", "-"), BAD_CERTIFICATE, 1, "malformed"),
    (("pki", "trust", "distrust", "00", "--reason", "x"), b"", 1, "fingerprint"),
    (("pki", "trust", "restore", "ab" * 32), b"", 1, "unknown_anchor"),
    (("pki", "trust", "import-cross", "-"), BAD_CERTIFICATE, 1, "malformed"),
    (("pki", "trust", "sync-rcp"), b"", 1, "opcp_off"),
    (("pki", "sub-ca", "request", "nope"), b"", 1, "unknown_ca"),
    (("pki", "ocsp-delegate", "nope"), b"", 1, "unknown_ca"),
    (("pki", "csms-root", "switch"), b"", 1, "rotation_state"),
    (("station", "trust-store", "NOPE"), b"", 1, "unknown_station"),
    (("station", "location", "NOPE", "--address", "x"), b"", 1, "unknown_station"),
    (("station", "location", "X", "--latitude", "north"), b"", 2, "usage"),
    (("station", "add", "CLI-E", "--security-profile", "1", "--password", "short"), b"", 1,
     "station"),
    (("contract", "create", "--pcid", "bad"), b"", 1, "pcid_malformed"),
    (("contract", "terminate", "nope"), b"", 1, "emaid_malformed"),
    (("contract", "terminate", SOME_EMAID), b"", 1, "unknown_contract"),
    (("contract", "publish", SOME_EMAID, "--pcid", "WMIABC1234567890X"), b"", 1,
     "unknown_contract"),
    (("contract", "oem-crl", "-"), b"not a CRL", 1, "crl_rejected"),
    (("car", "approve", "ZZ00000UNKNOWN001", SOME_EMAID), b"", 1, "unknown_contract"),
    (("emaid", "check-digit", "x"), b"", 1, "malformed"),
    (("emaid", "normalize", "x"), b"", 1, "malformed"),
    (("user", "add", "nopassword", "--role", "client"), b"", 1, "password_required"),
    (("user", "reset-password", "nobody"), b"", 1, "unknown_user"),
    (("partner", "set", "Nope", "--v2g-issuer", "opcp"), b"", 1, "unknown_partner"),
    # a list asked for in a way it does not support: exit 1
    (("station", "list", "--filter", "colour=red"), b"", 1, "list_request"),
    (("station", "list", "--sort", "password"), b"", 1, "list_request"),
    (("station", "list", "--filter", "state=asleep", "--csv"), b"", 1, "list_request"),
    (("station", "events", "--filter", "since=yesterday"), b"", 1, "list_request"),
    (("session", "list", "--filter", "state=paused", "--json"), b"", 1, "list_request"),
    (("session", "list", "--filter", "no-equals-sign"), b"", 1, "list_request"),
    (("session", "list", "--filter", "sort=started_at"), b"", 1, "list_request"),
    (("session", "list", "--filter", "state="), b"", 1, "list_request"),
    (("audit", "--sort", "details", "--csv"), b"", 1, "list_request"),
    (("pki", "list", "--certificates", "--filter", "status=valid"), b"", 1, "list_request"),
    (("contract", "list", "--filter", "owner=a", "--filter", "owner=b"), b"", 1,
     "list_request"),
    (("car", "list", "--filter", "is_default=maybe"), b"", 1, "list_request"),
]  # fmt: skip


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = dict(os.environ, CSMS_DATA_DIR=str(tmp_path_factory.mktemp("cli") / "var"))
    for name in ("CSMS_DATABASE_URL", "PYTHONWARNINGS"):
        env.pop(name, None)
    init = subprocess.run(
        [sys.executable, "-m", "csms", "pki", "init"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    return env


def _run(
    env: dict[str, str], args: tuple[str, ...], stdin: bytes
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "csms", *args],
        env=env, input=stdin, capture_output=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.slow  # 61 real processes: about a minute and a half on two cores
def test_every_failure_is_one_error_line_with_a_code(installation: dict[str, str]) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda case: _run(installation, case[0], case[1]), CASES))
    wrong = []
    for (args, _stdin, status, code), result in zip(CASES, results, strict=True):
        stderr = result.stderr.decode(errors="replace")
        lines = [line for line in stderr.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("error:")]
        found = ERROR_LINE.match(errors[0]) if len(errors) == 1 else None
        problems = []
        if result.returncode != status:
            problems.append(f"exit {result.returncode}, not {status}")
        if found is None or found["code"] != code:
            problems.append(f"not one `error: … [{code}]` line")
        if "Traceback" in stderr:
            problems.append("a traceback")
        extra = [line for line in lines if not line.startswith("error:")]
        if (status == 1 and extra) or (status == 2 and not _names_the_command(extra, args)):
            problems.append(f"other lines {extra}")
        if problems:
            wrong.append(f"csms {' '.join(args)}: {'; '.join(problems)}\n{stderr}")
    assert not wrong, "\n".join(wrong)


def _names_the_command(hint: list[str], args: tuple[str, ...]) -> bool:
    """The usage hint is one line naming the command as far as it was understood."""
    if len(hint) != 1:
        return False
    found = HINT.match(hint[0])
    if found is None:
        return False
    path = found["path"].split()
    return path[0] == "csms" and list(args[: len(path) - 1]) == path[1:]


HINT = re.compile(r"^\(see `(?P<path>csms(?: [a-z0-9-]+)*) --help`\)$")


def test_a_tls_url_mistake_is_explained_in_one_line(installation: dict[str, str]) -> None:
    """`csms demo` with wss:// against a plain HTTP port (what `csms serve`'s plain OCPP
    listener is): one line that says what to change."""
    port = free_port()
    with socket.socket() as plain:
        plain.bind(("127.0.0.1", port))
        plain.listen()

        def answer_like_http() -> None:
            connection, _ = plain.accept()
            with connection:
                connection.recv(4096)  # the TLS ClientHello, read as a bad HTTP request
                connection.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

        server = threading.Thread(target=answer_like_http, daemon=True)
        server.start()
        result = _run(installation, ("demo", "--ocpp-url", f"wss://127.0.0.1:{port}/ocpp"), b"")
        server.join(timeout=10)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in stderr, stderr
    assert errors[0].endswith("[tls_handshake]"), errors[0]
    assert "use ws://" in errors[0]
